package cloudtrailbaseline_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

const address = "soc2_cloudtrail_baseline.test"

// logBucket makes the destination bucket directly with the SDK, so these tests do not depend on
// soc2_log_bucket; the emulator checks only that the bucket exists.
func logBucket(t *testing.T) string {
	t.Helper()
	name := acctest.RandomName("ctlogs")
	client := acctest.Client(t).S3("")
	if _, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("creating bucket %s: %v", name, err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String(name)})
	})
	return name
}

// checkDestroyed verifies with the SDK that the trail, the delivery role, the log group and the
// recorders a test made are gone.
func checkDestroyed(t *testing.T, trail, group string, regions ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		ctx := context.Background()
		c := acctest.Client(t)
		_, err := c.CloudTrail("").GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(trail)})
		var nf *cttypes.TrailNotFoundException
		if !errors.As(err, &nf) {
			return fmt.Errorf("trail %s still exists (GetTrail: %w)", trail, err)
		}
		if err := roleAndGroupGone(t, trail, group); err != nil {
			return err
		}
		for _, region := range regions {
			if err := recorderGone(t, trail, region); err != nil {
				return err
			}
			ch, err := c.ConfigService(region).DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
			if err != nil {
				return err
			}
			for _, d := range ch.DeliveryChannels {
				if aws.ToString(d.Name) == trail {
					return fmt.Errorf("delivery channel %s still exists in %s", trail, region)
				}
			}
		}
		return nil
	}
}

func checkDestroyedRoleAndGroup(t *testing.T, trail, group string) resource.TestCheckFunc {
	return func(*terraform.State) error { return roleAndGroupGone(t, trail, group) }
}

// roleAndGroupGone is an error when the delivery role of trail, or the log group (unless
// group is ""), still exists.
func roleAndGroupGone(t *testing.T, trail, group string) error {
	ctx := context.Background()
	c := acctest.Client(t)
	if _, err := c.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("soc2-cloudtrail-" + trail)}); err == nil {
		return fmt.Errorf("delivery role of %s still exists", trail)
	}
	if group == "" {
		return nil
	}
	out, err := c.CloudWatchLogs("").DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(group)})
	if err != nil {
		return err
	}
	if len(out.LogGroups) > 0 {
		return fmt.Errorf("log group %s still exists", group)
	}
	return nil
}

func checkNoRecorder(t *testing.T, name, region string) resource.TestCheckFunc {
	return func(*terraform.State) error { return recorderGone(t, name, region) }
}

// recorderGone is an error when region still has the recorder name.
func recorderGone(t *testing.T, name, region string) error {
	out, err := acctest.Client(t).ConfigService(region).DescribeConfigurationRecorders(context.Background(), &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return err
	}
	for _, rec := range out.ConfigurationRecorders {
		if aws.ToString(rec.Name) == name {
			return fmt.Errorf("recorder %s still exists in %s", name, region)
		}
	}
	return nil
}

// checkRoleTag verifies that a tag change reached the delivery role too, not only the trail.
func checkRoleTag(t *testing.T, role, key, value string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := acctest.Client(t).IAM().ListRoleTags(context.Background(), &iam.ListRoleTagsInput{RoleName: aws.String(role)})
		if err != nil {
			return err
		}
		for _, tag := range out.Tags {
			if aws.ToString(tag.Key) == key && aws.ToString(tag.Value) == value {
				return nil
			}
		}
		return fmt.Errorf("role %s lacks tag %s=%s: %v", role, key, value, out.Tags)
	}
}

func testAccCloudTrailBaselineConfig_trail(name, bucket, dataBucket string, retention int, extra string) string {
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

func testAccCloudTrailBaselineConfig_recorders(name, bucket, regions string) string {
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

func roleOf(t *testing.T, name, region string) string {
	t.Helper()
	out, err := acctest.Client(t).ConfigService(region).DescribeConfigurationRecorders(context.Background(),
		&configservice.DescribeConfigurationRecordersInput{ConfigurationRecorderNames: []string{name}})
	if err != nil || len(out.ConfigurationRecorders) == 0 {
		t.Fatalf("reading recorder %s in %s: %v", name, region, err)
	}
	return aws.ToString(out.ConfigurationRecorders[0].RoleARN)
}
