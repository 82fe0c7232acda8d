package cloudtrailbaseline_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Tags go on every object the baseline owns, merged over default_tags, and a tag removed out of
// band from the log group or the delivery role shows as tags_all changing back; apply re-tags
// only that object. No Config recorder here, so it runs in parallel.
func TestAccCloudTrailBaseline_tagDrift(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "logs", "iam", "s3")
	name := acctest.RandomName("tags")
	bucket := logBucket(t)
	group := "/soc2/" + name
	role := "soc2-cloudtrail-" + name
	cfg := acctest.ProviderConfig(`default_tags = { owner = "security" }`) + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name            = %[1]q
  s3_bucket_name  = %[2]q
  cloudwatch_logs = { log_group_name = %[3]q }
  tags            = { team = "audit" }
}
`, name, bucket, group)
	ctx := context.Background()
	groupARN := func(t *testing.T) string {
		c := acctest.Client(t)
		return fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", c.Partition, c.HomeRegion, c.AccountID, group)
	}

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, name, group),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "tags.%", "1"),
					resource.TestCheckResourceAttr(address, "tags_all.%", "2"),
					resource.TestCheckResourceAttr(address, "tags_all.team", "audit"),
					resource.TestCheckResourceAttr(address, "tags_all.owner", "security"),
					checkRoleTag(t, role, "owner", "security"),
					checkRoleTag(t, role, "team", "audit"),
					checkLogGroupTag(t, group, "owner", "security"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			acctest.DriftStep(t, cfg, func(t *testing.T) {
				if _, err := acctest.Client(t).CloudWatchLogs("").UntagResource(ctx, &cloudwatchlogs.UntagResourceInput{
					ResourceArn: aws.String(groupARN(t)), TagKeys: []string{"team"},
				}); err != nil {
					t.Fatal(err)
				}
			}, address, "tags_all.team"),
			acctest.DriftStep(t, cfg, func(t *testing.T) {
				if _, err := acctest.Client(t).IAM().UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(role), TagKeys: []string{"owner"}}); err != nil {
					t.Fatal(err)
				}
			}, address, "tags_all.owner"),
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLogGroupTag(t, group, "team", "audit"),
					checkRoleTag(t, role, "owner", "security"),
				),
			},
		},
	})
}

// checkLogGroupTag verifies that the log group carries a tag.
func checkLogGroupTag(t *testing.T, group, key, value string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := acctest.Client(t)
		out, err := c.CloudWatchLogs("").ListTagsForResource(context.Background(), &cloudwatchlogs.ListTagsForResourceInput{
			ResourceArn: aws.String(fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", c.Partition, c.HomeRegion, c.AccountID, group)),
		})
		if err != nil {
			return err
		}
		if out.Tags[key] != value {
			return fmt.Errorf("log group %s lacks tag %s=%s: %v", group, key, value, out.Tags)
		}
		return nil
	}
}
