package logbucket_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Tags removed or a default tag changed out of band show as tags_all changing back; apply
// re-tags the bucket and the plan is empty again.
func TestAccLogBucket_tagDrift(t *testing.T) {
	acctest.PreCheck(t)
	ctx := context.Background()
	name := acctest.RandomName("lbd")
	c := s3Client(t)
	config := providerWithDefaultTags() + hcl("logs", fmt.Sprintf("bucket = %q", name), `writers = ["cloudtrail"]`, `tags = { team = "secops" }`)
	resource.Test(t, acctest.Case(t, checkBucketsDestroyed(t), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(logsAddr, "tags_all.%", "2"),
				resource.TestCheckResourceAttr(logsAddr, "tags_all.owner", "security"),
			),
		},
		acctest.DriftStep(t, config, func(t *testing.T) {
			_, err := c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: aws.String(name)})
			must(t, "deleting the bucket's tags", err)
		}, logsAddr, "tags_all"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			_, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(name), Tagging: &s3types.Tagging{TagSet: []s3types.Tag{
				{Key: aws.String("team"), Value: aws.String("secops")}, {Key: aws.String("owner"), Value: aws.String("someone-else")},
			}}})
			must(t, "changing the default tag", err)
		}, logsAddr, "tags_all.owner"),
	}))
}
