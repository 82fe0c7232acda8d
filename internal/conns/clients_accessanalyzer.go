package conns

import "github.com/aws/aws-sdk-go-v2/service/accessanalyzer"

func (c *AWSClient) AccessAnalyzer(region string) *accessanalyzer.Client {
	return cachedClient(c, "access-analyzer", region, accessanalyzer.NewFromConfig)
}
