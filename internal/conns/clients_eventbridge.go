package conns

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
)

func (c *AWSClient) EventBridge(region string) *eventbridge.Client {
	return cachedClient(c, "events", region, func(cfg aws.Config) *eventbridge.Client {
		return eventbridge.NewFromConfig(cfg)
	})
}

func init() {
	serviceProbes["events"] = func(ctx context.Context, c *AWSClient) error {
		_, err := c.EventBridge("").ListRules(ctx, &eventbridge.ListRulesInput{Limit: aws.Int32(1)})
		return err
	}
}
