package conns

import (
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingschemas "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/schemas"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
)

// ResourceGroupsTagging is the Tagging API client of a region: it lists tagged resources of any
// service in one paginated call (the evidence binder's inventory).
func (c *AWSClient) ResourceGroupsTagging(region string) *resourcegroupstaggingapi.Client {
	return cachedClient(c, "tagging", region, resourcegroupstaggingapi.NewFromConfig, func(o *resourcegroupstaggingapi.Options) {
		// The SDK default is RPC-v2 CBOR, which moto does not speak; AWS still accepts the
		// service's JSON 1.1 protocol, so one wire format serves real accounts and emulators.
		o.Protocol = awsjson.New11(taggingschemas.ResourceGroupsTaggingAPI_20170126)
	})
}
