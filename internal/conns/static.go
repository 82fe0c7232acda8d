package conns

import "github.com/aws/aws-sdk-go-v2/aws"

// NewStatic builds a client from a ready SDK configuration and a known identity, without the STS
// call New makes. SDK-level tests use it to drive a resource's real code paths through clients
// whose middleware stack captures requests and injects responses.
func NewStatic(cfg aws.Config, accountID, partition string) *AWSClient {
	return &AWSClient{
		awsConfig:  cfg,
		AccountID:  accountID,
		Partition:  partition,
		CallerARN:  "arn:" + partition + ":iam::" + accountID + ":root",
		HomeRegion: cfg.Region,
		clients:    map[clientKey]any{},
	}
}
