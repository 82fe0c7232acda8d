package conns

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
)

// ResourceGroupsTagging is the Tagging API client of a region: it lists tagged resources of any
// service in one paginated call (the evidence binder's inventory).
func (c *AWSClient) ResourceGroupsTagging(region string) *resourcegroupstaggingapi.Client {
	return cachedClient(c, "tagging", region, func(cfg aws.Config) *resourcegroupstaggingapi.Client {
		return resourcegroupstaggingapi.NewFromConfig(cfg)
	})
}
