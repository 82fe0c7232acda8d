package conns

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
)

// Probes of the services soc2_access_analyzer adds, registered beside serviceprobe.go's table so
// that packages adding services do not edit the same lines.
func init() {
	serviceProbes["accessanalyzer"] = probe(inHome((*AWSClient).AccessAnalyzer), (*accessanalyzer.Client).ListAnalyzers, accessanalyzer.ListAnalyzersInput{MaxResults: aws.Int32(1)})
	serviceProbes["events"] = probe(inHome((*AWSClient).EventBridge), (*eventbridge.Client).ListRules, eventbridge.ListRulesInput{Limit: aws.Int32(1)})
}
