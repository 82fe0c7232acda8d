package conns

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
)

// Probes of the services soc2_access_analyzer adds, registered beside serviceprobe.go's table so
// that packages adding services do not edit the same lines.
func init() {
	serviceProbes["accessanalyzer"] = func(ctx context.Context, c *AWSClient) error {
		_, err := c.AccessAnalyzer("").ListAnalyzers(ctx, &accessanalyzer.ListAnalyzersInput{MaxResults: aws.Int32(1)})
		return err
	}
	serviceProbes["events"] = func(ctx context.Context, c *AWSClient) error {
		_, err := c.EventBridge("").ListRules(ctx, &eventbridge.ListRulesInput{Limit: aws.Int32(1)})
		return err
	}
}
