package conns

import "github.com/aws/aws-sdk-go-v2/service/eventbridge"

func (c *AWSClient) EventBridge(region string) *eventbridge.Client {
	return cachedClient(c, "events", region, eventbridge.NewFromConfig)
}
