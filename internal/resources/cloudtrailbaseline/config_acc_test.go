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

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// AWS Config allows one recorder per region and the emulator is shared, so the tests that
// record run one after another (no t.Parallel) and each removes its recorders.

func recorderConfig(name, bucket, regions string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name           = %[1]q
  s3_bucket_name = %[2]q
  config_recorder = {
    regions            = %[3]s
    s3_key_prefix      = "config"
    delivery_frequency = "Six_Hours"
  }
}
`, name, bucket, regions)
}

func TestAccCloudTrailBaseline_configRecorders(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	name := acctest.RandomName("rec")
	bucket := logBucket(t)
	three := `["us-east-1", "us-west-2", "eu-west-1"]`
	cfg := recorderConfig(name, bucket, three)
	ctx := context.Background()
	cs := func(region string) *configservice.Client { return acctest.Client(t).ConfigService(region) }

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, name, "", "us-east-1", "us-west-2", "eu-west-1"),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "recorders.%", "3"),
					resource.TestCheckResourceAttr(address, "recorders.us-east-1.include_global_resource_types", "true"),
					resource.TestCheckResourceAttr(address, "recorders.us-west-2.include_global_resource_types", "false"),
					resource.TestCheckResourceAttr(address, "recorders.eu-west-1.include_global_resource_types", "false"),
					resource.TestCheckResourceAttr(address, "recorders.eu-west-1.recording", "true"),
					resource.TestCheckResourceAttr(address, "recorders.eu-west-1.all_supported", "true"),
					resource.TestCheckResourceAttr(address, "recorders.us-west-2.name", name),
					resource.TestCheckResourceAttr(address, "recorders.us-west-2.delivery_channel", name),
					resource.TestCheckResourceAttr(address, "recorders.us-west-2.delivery_s3_bucket", bucket),
					resource.TestCheckResourceAttr(address, "recorders.us-west-2.adopted", "false"),
					resource.TestCheckResourceAttrSet(address, "recorders.us-west-2.status"),
					resource.TestCheckResourceAttrPair(address, "recorders.us-west-2.role_arn", address, "config_role_arn"),
					resource.TestCheckResourceAttrSet(address, "config_role_arn"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateId: name},
			acctest.DriftStep(t, cfg, func(t *testing.T) {
				if _, err := cs("us-west-2").StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{
					ConfigurationRecorderName: aws.String(name),
				}); err != nil {
					t.Fatal(err)
				}
			}, address, "recorders.us-west-2.recording"),
			acctest.DriftStep(t, cfg, func(t *testing.T) {
				// AWS refuses to delete the channel of a running recorder: stop, delete.
				if _, err := cs("eu-west-1").StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{
					ConfigurationRecorderName: aws.String(name),
				}); err != nil {
					t.Fatal(err)
				}
				if _, err := cs("eu-west-1").DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{
					DeliveryChannelName: aws.String(name),
				}); err != nil {
					t.Fatal(err)
				}
			}, address, "recorders.eu-west-1.delivery_channel", "recorders.eu-west-1.recording"),
			acctest.DriftStep(t, cfg, func(t *testing.T) {
				// Recording narrowed to one resource type in a non-home region.
				if _, err := cs("us-west-2").PutConfigurationRecorder(ctx, &configservice.PutConfigurationRecorderInput{
					ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{
						Name:    aws.String(name),
						RoleARN: aws.String(roleOf(t, name, "us-west-2")),
						RecordingGroup: &cfgtypes.RecordingGroup{
							AllSupported:  false,
							ResourceTypes: []cfgtypes.ResourceType{cfgtypes.ResourceTypeBucket},
						},
					},
				}); err != nil {
					t.Fatal(err)
				}
			}, address, "recorders.us-west-2.all_supported"),
			acctest.DriftStep(t, cfg, func(t *testing.T) {
				// The home region's recorder deleted outright.
				c := cs("us-east-1")
				if _, err := c.StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{ConfigurationRecorderName: aws.String(name)}); err != nil {
					t.Fatal(err)
				}
				if _, err := c.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{DeliveryChannelName: aws.String(name)}); err != nil {
					t.Fatal(err)
				}
				if _, err := c.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{ConfigurationRecorderName: aws.String(name)}); err != nil {
					t.Fatal(err)
				}
			}, address, "recorders.us-east-1.recording", "recorders.us-east-1.include_global_resource_types"),
			{
				// Dropping a region removes only that region's recorder.
				Config: recorderConfig(name, bucket, `["us-east-1", "us-west-2"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "recorders.%", "2"),
					checkNoRecorder(t, name, "eu-west-1"),
				),
			},
			{
				// Dropping config_recorder removes the remaining recorders; the trail stays.
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name           = %q
  s3_bucket_name = %q
}
`, name, bucket),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr(address, "recorders.%"),
					resource.TestCheckResourceAttr(address, "logging", "true"),
					checkNoRecorder(t, name, "us-east-1"),
					checkNoRecorder(t, name, "us-west-2"),
				),
			},
		},
	})
}

func roleOf(t *testing.T, name, region string) string {
	t.Helper()
	out, err := acctest.Client(t).ConfigService(region).DescribeConfigurationRecorders(context.Background(),
		&configservice.DescribeConfigurationRecordersInput{ConfigurationRecorderNames: []string{name}})
	if err != nil || len(out.ConfigurationRecorders) == 0 {
		t.Fatalf("reading recorder %s in %s: %v", name, region, err)
	}
	return aws.ToString(out.ConfigurationRecorders[0].RoleARN)
}
