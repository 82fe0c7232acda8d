package cloudtrailbaseline_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
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

// recorderGone is an error when region still has the recorder name or its delivery channel (of
// the same name): destroy, and dropping the region, remove both.
func recorderGone(t *testing.T, name, region string) error {
	ctx := context.Background()
	cs := acctest.Client(t).ConfigService(region)
	recs, err := cs.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return err
	}
	if slices.ContainsFunc(recs.ConfigurationRecorders, func(r cfgtypes.ConfigurationRecorder) bool { return aws.ToString(r.Name) == name }) {
		return fmt.Errorf("recorder %s still exists in %s", name, region)
	}
	chans, err := cs.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
	if err != nil {
		return err
	}
	if slices.ContainsFunc(chans.DeliveryChannels, func(d cfgtypes.DeliveryChannel) bool { return aws.ToString(d.Name) == name }) {
		return fmt.Errorf("delivery channel %s still exists in %s", name, region)
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

// testAccCloudTrailBaselineConfig_events records the data events of every bucket but one, and
// the listed Insights types (insights = "" leaves them unset).
func testAccCloudTrailBaselineConfig_events(name, bucket, excluded, events, insights string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name           = %[1]q
  s3_bucket_name = %[2]q
  s3_data_events = { all_buckets = true, exclude_buckets = [%[3]q] %[4]s }
  %[5]s
}
`, name, bucket, excluded, events, insights)
}

// advancedSelectorsOf reads the trail's advanced selectors as field -> operator -> values, one
// map per selector, for checks that do not depend on order.
func advancedSelectorsOf(t *testing.T, name string) []map[string]map[string][]string {
	t.Helper()
	out, err := acctest.Client(t).CloudTrail("").GetEventSelectors(context.Background(), &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	var sels []map[string]map[string][]string
	for _, sel := range out.AdvancedEventSelectors {
		m := map[string]map[string][]string{}
		for _, f := range sel.FieldSelectors {
			m[aws.ToString(f.Field)] = map[string][]string{"Equals": f.Equals, "NotStartsWith": f.NotStartsWith}
		}
		sels = append(sels, m)
	}
	return sels
}

// checkS3DataSelector verifies the trail's S3 data-event selector: readOnly as given ("" for
// none) and the buckets excluded.
func checkS3DataSelector(t *testing.T, name, readOnly string, excluded ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, sel := range advancedSelectorsOf(t, name) {
			if fmt.Sprint(sel["eventCategory"]["Equals"]) != "[Data]" {
				continue
			}
			if got := fmt.Sprint(sel["resources.type"]["Equals"]); got != "[AWS::S3::Object]" {
				return fmt.Errorf("data selector of %s has resources.type %s", name, got)
			}
			if got := fmt.Sprint(sel["readOnly"]["Equals"]); got != fmt.Sprint(nonEmpty(readOnly)) {
				return fmt.Errorf("data selector of %s has readOnly %s, want %q", name, got, readOnly)
			}
			want := make([]string, 0, len(excluded))
			for _, b := range excluded {
				want = append(want, "arn:aws:s3:::"+b+"/")
			}
			if got := sel["resources.ARN"]["NotStartsWith"]; fmt.Sprint(got) != fmt.Sprint(want) {
				return fmt.Errorf("data selector of %s excludes %v, want %v", name, got, want)
			}
			return nil
		}
		return fmt.Errorf("trail %s has no S3 data-event selector: %v", name, advancedSelectorsOf(t, name))
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// checkInsights verifies the Insights types enabled on the trail, sorted.
func checkInsights(t *testing.T, name string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := acctest.Client(t).CloudTrail("").GetInsightSelectors(context.Background(), &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String(name)})
		var notEnabled *cttypes.InsightNotEnabledException
		if errors.As(err, &notEnabled) {
			out, err = &cloudtrail.GetInsightSelectorsOutput{}, nil
		}
		if err != nil {
			return err
		}
		var got []string
		for _, s := range out.InsightSelectors {
			got = append(got, string(s.InsightType))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("trail %s has Insights %v, want %v", name, got, want)
		}
		return nil
	}
}

// createOrganization makes the emulated account the management account of a new organization
// and deletes the organization when the test ends. Organizations is account-wide, so the tests
// that use it run serially.
func createOrganization(t *testing.T) string {
	t.Helper()
	org := acctest.Client(t).Organizations()
	out, err := org.CreateOrganization(context.Background(), &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	if err != nil {
		t.Fatalf("creating the organization: %v", err)
	}
	t.Cleanup(func() { _, _ = org.DeleteOrganization(context.Background(), &organizations.DeleteOrganizationInput{}) })
	return aws.ToString(out.Organization.Id)
}

func testAccCloudTrailBaselineConfig_organization(name, bucket string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name               = %[1]q
  s3_bucket_name     = %[2]q
  organization_trail = true
  cloudwatch_logs    = { log_group_name = "/soc2/%[1]s" }
}
`, name, bucket)
}

// checkOrganizationTrail verifies with the SDK that the trail logs the organization.
func checkOrganizationTrail(t *testing.T, name string, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := acctest.Client(t).CloudTrail("").GetTrail(context.Background(), &cloudtrail.GetTrailInput{Name: aws.String(name)})
		if err != nil {
			return err
		}
		if got := aws.ToBool(out.Trail.IsOrganizationTrail); got != want {
			return fmt.Errorf("trail %s IsOrganizationTrail = %v, want %v", name, got, want)
		}
		return nil
	}
}

func testAccCloudTrailBaselineConfig_aggregator(name, bucket, aggregator string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name           = %[1]q
  s3_bucket_name = %[2]q
  %[3]s
}
`, name, bucket, aggregator)
}

// checkAggregator verifies with the SDK whether the organization aggregator named name exists,
// aggregating the organization in every region.
func checkAggregator(t *testing.T, name string, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := acctest.Client(t).ConfigService("").DescribeConfigurationAggregators(context.Background(),
			&configservice.DescribeConfigurationAggregatorsInput{ConfigurationAggregatorNames: []string{name}})
		var nf *cfgtypes.NoSuchConfigurationAggregatorException
		switch {
		case errors.As(err, &nf) && !want:
			return nil
		case err != nil:
			return err
		case !want:
			return fmt.Errorf("aggregator %s still exists", name)
		}
		src := out.ConfigurationAggregators[0].OrganizationAggregationSource
		if src == nil || !src.AllAwsRegions {
			return fmt.Errorf("aggregator %s does not aggregate the organization in every region: %+v", name, src)
		}
		return nil
	}
}

// skipWithoutManagedPolicy skips where IAM lacks an AWS managed policy: moto loads them only when
// started with MOTO_IAM_LOAD_MANAGED_POLICIES=true (moto gap), and AWS always has them.
func skipWithoutManagedPolicy(t *testing.T, arn string) {
	t.Helper()
	_, err := acctest.Client(t).IAM().GetPolicy(context.Background(), &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	var nf *iamtypes.NoSuchEntityException
	if errors.As(err, &nf) && acctest.IsMoto() {
		t.Skipf("moto gap: IAM AWS managed policies (%s) are loaded only with MOTO_IAM_LOAD_MANAGED_POLICIES=true, which scripts/emulator.sh sets; this moto was started without it", arn)
	}
}
