package cloudtrailbaseline_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// A recorder that already exists in a region (AWS allows one) is adopted and hardened under its
// own name, and destroy leaves it in place. Sequential: it uses AWS Config.
func TestAccCloudTrailBaseline_adoptsExistingRecorder(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	const region = "us-west-2"
	name := acctest.RandomName("adopt")
	existing := acctest.RandomName("existing")
	bucket := logBucket(t)
	ctx := context.Background()
	cs := acctest.Client(t).ConfigService(region)

	// Someone else's recorder: narrow, stopped, and without global types.
	if _, err := cs.PutConfigurationRecorder(ctx, &configservice.PutConfigurationRecorderInput{
		ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{
			Name:           aws.String(existing),
			RoleARN:        aws.String(fmt.Sprintf("arn:aws:iam::%s:role/custom-config", acctest.Client(t).AccountID)),
			RecordingGroup: &cfgtypes.RecordingGroup{AllSupported: false, ResourceTypes: []cfgtypes.ResourceType{cfgtypes.ResourceTypeBucket}},
		},
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = cs.StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{ConfigurationRecorderName: aws.String(existing)})
		_, _ = cs.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{DeliveryChannelName: aws.String(existing)})
		_, _ = cs.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{ConfigurationRecorderName: aws.String(existing)})
	})

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			out, err := cs.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
			if err != nil {
				return err
			}
			if len(out.ConfigurationRecorders) != 1 || aws.ToString(out.ConfigurationRecorders[0].Name) != existing {
				return fmt.Errorf("destroy should leave the adopted recorder %s in place, found %v", existing, out.ConfigurationRecorders)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name            = %q
  s3_bucket_name  = %q
  config_recorder = { regions = [%q] }
}
`, name, bucket, region),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "recorders."+region+".name", existing),
				resource.TestCheckResourceAttr(address, "recorders."+region+".adopted", "true"),
				resource.TestCheckResourceAttr(address, "recorders."+region+".all_supported", "true"),
				resource.TestCheckResourceAttr(address, "recorders."+region+".recording", "true"),
				resource.TestCheckResourceAttrPair(address, "recorders."+region+".role_arn", address, "config_role_arn"),
			),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}
