package cloudtrailbaseline_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
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

	resource.ParallelTest(t, acctest.Case(t, checkDestroyed(t, name, group), []resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "tags.%", "1"),
				acctest.CheckMap(address, "tags_all", map[string]string{"team": "audit", "owner": "security"}),
				checkRoleTag(t, role, "owner", "security"),
				checkRoleTag(t, role, "team", "audit"),
				checkLogGroupTag(t, group, "owner", "security"),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
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
	}))
}

// trailDriftSteps has one drift step per enforced trail, log group and delivery role setting of
// TestAccCloudTrailBaseline_trail's configuration.
func trailDriftSteps(t *testing.T, name, group, cfg string) []resource.TestStep {
	ctx := context.Background()
	ct := func() *cloudtrail.Client { return acctest.Client(t).CloudTrail("") }
	update := func(in *cloudtrail.UpdateTrailInput) func(*testing.T) {
		return func(t *testing.T) {
			in.Name = aws.String(name)
			if _, err := ct().UpdateTrail(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
	}

	return []resource.TestStep{
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := ct().StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(name)}); err != nil {
				t.Fatal(err)
			}
		}, address, "logging"),
		acctest.DriftStep(t, cfg, update(&cloudtrail.UpdateTrailInput{EnableLogFileValidation: aws.Bool(false)}), address, "enable_log_file_validation"),
		acctest.DriftStep(t, cfg, update(&cloudtrail.UpdateTrailInput{IsMultiRegionTrail: aws.Bool(false)}), address, "is_multi_region_trail"),
		acctest.DriftStep(t, cfg, update(&cloudtrail.UpdateTrailInput{IncludeGlobalServiceEvents: aws.Bool(false)}), address, "include_global_service_events"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			// Write-only management events and no data events: two weakenings in one call.
			if _, err := ct().PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
				TrailName:      aws.String(name),
				EventSelectors: []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeWriteOnly, IncludeManagementEvents: aws.Bool(true)}},
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "management_event_read_write_type", "data_event_resources"),
		// The trail unhooked from CloudWatch Logs: alarms would go silent.
		acctest.DriftStep(t, cfg, update(&cloudtrail.UpdateTrailInput{CloudWatchLogsLogGroupArn: aws.String(""), CloudWatchLogsRoleArn: aws.String("")}),
			address, "cloudwatch_logs.log_group_arn", "cloudwatch_logs.role_arn"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := acctest.Client(t).CloudWatchLogs("").PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
				LogGroupName: aws.String(group), RetentionInDays: aws.Int32(7),
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "cloudwatch_logs.retention_in_days"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			// A trust policy widened to any AWS account.
			if _, err := acctest.Client(t).IAM().UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
				RoleName:       aws.String("soc2-cloudtrail-" + name),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`),
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "cloudwatch_logs.role_trust_policy"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := acctest.Client(t).IAM().PutRolePolicy(ctx, &iam.PutRolePolicyInput{
				RoleName: aws.String("soc2-cloudtrail-" + name), PolicyName: aws.String("cloudtrail-cloudwatch-logs-delivery"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}`),
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "cloudwatch_logs.role_policy"),
	}
}

// recorderDriftSteps has one drift step per enforced recorder and channel setting of
// TestAccCloudTrailBaseline_configRecorders' configuration (three regions).
func recorderDriftSteps(t *testing.T, name, cfg string) []resource.TestStep {
	ctx := context.Background()
	cs := func(region string) *configservice.Client { return acctest.Client(t).ConfigService(region) }
	return []resource.TestStep{
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
	}
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

// dataEventDriftSteps weakens the advanced selectors of
// TestAccCloudTrailBaseline_s3DataEvents' configuration out of band.
func dataEventDriftSteps(t *testing.T, name, cfg string) []resource.TestStep {
	ctx := context.Background()
	return []resource.TestStep{
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			// The S3 data-event selector dropped, management narrowed to writes.
			if _, err := acctest.Client(t).CloudTrail("").PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
				TrailName: aws.String(name),
				AdvancedEventSelectors: []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{
					{Field: aws.String("eventCategory"), Equals: []string{"Management"}},
					{Field: aws.String("readOnly"), Equals: []string{"false"}},
				}}},
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "advanced_event_selectors", "management_event_read_write_type"),
	}
}

// insightsDriftStep turns error-rate Insights off out of band: the plan shows insights changing back.
func insightsDriftStep(t *testing.T, name, cfg string) resource.TestStep {
	return acctest.DriftStep(t, cfg, func(t *testing.T) {
		if _, err := acctest.Client(t).CloudTrail("").PutInsightSelectors(context.Background(), &cloudtrail.PutInsightSelectorsInput{
			TrailName: aws.String(name), InsightSelectors: []cttypes.InsightSelector{{InsightType: cttypes.InsightTypeApiCallRateInsight}},
		}); err != nil {
			t.Fatal(err)
		}
	}, address, "insights")
}

// Advanced selectors replaced by classic ones out of band (AWS keeps one kind only): the plan
// shows advanced_event_selectors changing back. On moto classic selectors are stored beside the
// advanced ones, so the replacement cannot be simulated there.
func TestAccCloudTrailBaseline_advancedReplacedByClassic(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "s3")
	acctest.SkipOnMoto(t, "CloudTrail: PutEventSelectors with classic selectors keeps the trail's advanced ones")
	name := acctest.RandomName("evclassic")
	bucket := logBucket(t)
	cfg := testAccCloudTrailBaselineConfig_events(name, bucket, logBucket(t), "", "")
	ctx := context.Background()
	resource.ParallelTest(t, acctest.Case(t, checkDestroyed(t, name, ""), []resource.TestStep{
		{Config: cfg, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := acctest.Client(t).CloudTrail("").PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
				TrailName:      aws.String(name),
				EventSelectors: []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll, IncludeManagementEvents: aws.Bool(true)}},
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "advanced_event_selectors"),
	}))
}

// organizationDriftStep narrows the organization trail to this account out of band: the plan
// shows organization_trail changing back.
func organizationDriftStep(t *testing.T, name, cfg string) resource.TestStep {
	return acctest.DriftStep(t, cfg, func(t *testing.T) {
		if _, err := acctest.Client(t).CloudTrail("").UpdateTrail(context.Background(), &cloudtrail.UpdateTrailInput{
			Name: aws.String(name), IsOrganizationTrail: aws.Bool(false),
		}); err != nil {
			t.Fatal(err)
		}
	}, address, "organization_trail")
}

// aggregatorDriftSteps: the aggregator deleted, its role's managed policy detached, its trust
// policy widened, each out of band.
func aggregatorDriftSteps(t *testing.T, name, cfg string) []resource.TestStep {
	ctx := context.Background()
	role := aws.String("soc2-cloudtrail-" + name + "+config")
	return []resource.TestStep{
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := acctest.Client(t).ConfigService("").DeleteConfigurationAggregator(ctx, &configservice.DeleteConfigurationAggregatorInput{
				ConfigurationAggregatorName: aws.String(name),
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "config_aggregator.arn", "config_aggregator.role_arn"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := acctest.Client(t).IAM().DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{
				RoleName: role, PolicyArn: aws.String("arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"),
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "config_aggregator.role_policy_arn"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			if _, err := acctest.Client(t).IAM().UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
				RoleName:       role,
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`),
			}); err != nil {
				t.Fatal(err)
			}
		}, address, "config_aggregator.role_trust_policy"),
	}
}
