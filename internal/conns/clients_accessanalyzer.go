package conns

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
)

func (c *AWSClient) AccessAnalyzer(region string) *accessanalyzer.Client {
	return cachedClient(c, "access-analyzer", region, func(cfg aws.Config) *accessanalyzer.Client {
		return accessanalyzer.NewFromConfig(cfg)
	})
}

// Organizations is global; its single endpoint lives in the partition's home region.
func (c *AWSClient) Organizations() *organizations.Client {
	return cachedClient(c, "organizations", "", func(cfg aws.Config) *organizations.Client {
		return organizations.NewFromConfig(cfg)
	})
}
