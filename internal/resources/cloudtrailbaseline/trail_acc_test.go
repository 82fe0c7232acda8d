package cloudtrailbaseline_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

func trailConfig(name, bucket, dataBucket string, retention int, extra string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name                  = %[1]q
  s3_bucket_name        = %[2]q
  s3_key_prefix         = "cloudtrail"
  s3_data_event_buckets = [%[3]q]
  cloudwatch_logs = {
    log_group_name    = "/soc2/%[1]s"
    retention_in_days = %[4]d
  }
%[5]s
}
`, name, bucket, dataBucket, retention, extra)
}

// The trail and its CloudWatch stream: create, import, update, and one drift step per enforced
// trail and log-group setting. No Config recorder here, so it runs in parallel.
func TestAccCloudTrailBaseline_trail(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	name := acctest.RandomName("trail")
	bucket := logBucket(t)
	data := logBucket(t)
	group := "/soc2/" + name
	cfg := trailConfig(name, bucket, data, 365, "")
	key, err := acctest.Client(t).KMS("").CreateKey(context.Background(), &kms.CreateKeyInput{Description: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	keyARN := aws.ToString(key.KeyMetadata.Arn)
	t.Cleanup(func() {
		_, _ = acctest.Client(t).KMS("").ScheduleKeyDeletion(context.Background(), &kms.ScheduleKeyDeletionInput{KeyId: key.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
	})
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

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, name, group),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "is_multi_region_trail", "true"),
					resource.TestCheckResourceAttr(address, "include_global_service_events", "true"),
					resource.TestCheckResourceAttr(address, "enable_log_file_validation", "true"),
					resource.TestCheckResourceAttr(address, "logging", "true"),
					resource.TestCheckResourceAttr(address, "management_event_read_write_type", "All"),
					resource.TestCheckTypeSetElemAttr(address, "data_event_resources.*", "arn:aws:s3:::"+data+"/"),
					resource.TestCheckResourceAttr(address, "home_region", acctest.Region),
					resource.TestCheckResourceAttr(address, "arn", "arn:aws:cloudtrail:us-east-1:"+acctest.Client(t).AccountID+":trail/"+name),
					resource.TestCheckResourceAttr(address, "cloudwatch_logs.retention_in_days", "365"),
					resource.TestCheckResourceAttrSet(address, "cloudwatch_logs.role_arn"),
					resource.TestCheckResourceAttr(address, "cloudwatch_logs.log_group_arn", "arn:aws:logs:us-east-1:"+acctest.Client(t).AccountID+":log-group:"+group+":*"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateId: name},
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
			{
				// Updates in place: retention, prefix, SSE-KMS, tags, no data events.
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name           = %[1]q
  s3_bucket_name = %[2]q
  kms_key_arn    = %[3]q
  cloudwatch_logs = {
    log_group_name    = "/soc2/%[1]s"
    retention_in_days = 400
  }
  tags = { team = "security" }
}
`, name, bucket, keyARN),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "cloudwatch_logs.retention_in_days", "400"),
					resource.TestCheckNoResourceAttr(address, "s3_key_prefix"),
					resource.TestCheckResourceAttr(address, "data_event_resources.#", "0"),
					resource.TestCheckResourceAttr(address, "tags.team", "security"),
					resource.TestCheckResourceAttr(address, "kms_key_arn", keyARN),
					checkRoleTag(t, "soc2-cloudtrail-"+name, "team", "security"),
				),
			},
			{
				// Dropping the CloudWatch stream removes the group and role and unhooks the trail.
				Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name           = %[1]q
  s3_bucket_name = %[2]q
  tags = { team = "security" }
}
`, name, bucket),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkDestroyedRoleAndGroup(t, name, group),
			},
		},
	})
}
