package cloudtrailbaseline_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// The trail and its CloudWatch stream: create, import, update, and one drift step per enforced
// trail and log-group setting. No Config recorder here, so it runs in parallel.
func TestAccCloudTrailBaseline_trail(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	name := acctest.RandomName("trail")
	bucket := logBucket(t)
	data := logBucket(t)
	group := "/soc2/" + name
	cfg := testAccCloudTrailBaselineConfig_trail(name, bucket, data, 365, "")
	key, err := acctest.Client(t).KMS("").CreateKey(context.Background(), &kms.CreateKeyInput{Description: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	keyARN := aws.ToString(key.KeyMetadata.Arn)
	t.Cleanup(func() {
		_, _ = acctest.Client(t).KMS("").ScheduleKeyDeletion(context.Background(), &kms.ScheduleKeyDeletionInput{KeyId: key.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
	})
	resource.ParallelTest(t, acctest.Case(t, checkDestroyed(t, name, group), slices.Concat([]resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckAttrsEqual(address, "true", "is_multi_region_trail", "include_global_service_events", "enable_log_file_validation", "logging"),
				resource.TestCheckResourceAttr(address, "management_event_read_write_type", "All"),
				resource.TestCheckTypeSetElemAttr(address, "data_event_resources.*", "arn:aws:s3:::"+data+"/"),
				resource.TestCheckResourceAttr(address, "home_region", acctest.Region),
				resource.TestCheckResourceAttr(address, "arn", "arn:aws:cloudtrail:us-east-1:"+acctest.Client(t).AccountID+":trail/"+name),
				acctest.CheckAttrsUnder(address, "cloudwatch_logs", map[string]string{
					"retention_in_days": "365",
					"log_group_arn":     "arn:aws:logs:us-east-1:" + acctest.Client(t).AccountID + ":log-group:" + group + ":*",
				}),
				resource.TestCheckResourceAttrSet(address, "cloudwatch_logs.role_arn"),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, name),
	}, trailDriftSteps(t, name, group, cfg), []resource.TestStep{
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
			ConfigPlanChecks: acctest.ExpectUpdateThenEmptyPlan(address),
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
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check:            checkDestroyedRoleAndGroup(t, name, group),
		},
	})))
}

// AWS Config allows one recorder per region and the emulator is shared, so the tests that
// record run one after another (no t.Parallel) and each removes its recorders.

func TestAccCloudTrailBaseline_configRecorders(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	name := acctest.RandomName("rec")
	bucket := logBucket(t)
	three := `["us-east-1", "us-west-2", "eu-west-1"]`
	cfg := testAccCloudTrailBaselineConfig_recorders(name, bucket, three)

	resource.Test(t, acctest.Case(t, checkDestroyed(t, name, "", "us-east-1", "us-west-2", "eu-west-1"), slices.Concat([]resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "recorders.%", "3"),
				resource.TestCheckResourceAttr(address, "recorders.us-east-1.include_global_resource_types", "true"),
				acctest.CheckAttrsEqual(address, "false", "recorders.us-west-2.include_global_resource_types", "recorders.eu-west-1.include_global_resource_types"),
				acctest.CheckAttrsUnder(address, "recorders.eu-west-1", map[string]string{"recording": "true", "all_supported": "true"}),
				acctest.CheckAttrsUnder(address, "recorders.us-west-2", map[string]string{
					"name": name, "delivery_channel": name, "delivery_s3_bucket": bucket, "adopted": "false",
				}),
				resource.TestCheckResourceAttrSet(address, "recorders.us-west-2.status"),
				resource.TestCheckResourceAttrPair(address, "recorders.us-west-2.role_arn", address, "config_role_arn"),
				resource.TestCheckResourceAttrSet(address, "config_role_arn"),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, name),
	}, recorderDriftSteps(t, name, cfg), []resource.TestStep{
		{
			// Dropping a region removes only that region's recorder.
			Config:           testAccCloudTrailBaselineConfig_recorders(name, bucket, `["us-east-1", "us-west-2"]`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
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
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(address, "recorders.%"),
				resource.TestCheckResourceAttr(address, "logging", "true"),
				checkNoRecorder(t, name, "us-east-1"),
				checkNoRecorder(t, name, "us-west-2"),
			),
		},
	})))
}

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

	resource.Test(t, acctest.Case(t, func(*terraform.State) error {
		out, err := cs.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		if err != nil {
			return err
		}
		if len(out.ConfigurationRecorders) != 1 || aws.ToString(out.ConfigurationRecorders[0].Name) != existing {
			return fmt.Errorf("destroy should leave the adopted recorder %s in place, found %v", existing, out.ConfigurationRecorders)
		}
		return nil
	}, []resource.TestStep{{
		Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name            = %q
  s3_bucket_name  = %q
  config_recorder = { regions = [%q] }
}
`, name, bucket, region),
		Check: resource.ComposeAggregateTestCheckFunc(
			acctest.CheckAttrsUnder(address, "recorders."+region, map[string]string{
				"name": existing, "adopted": "true", "all_supported": "true", "recording": "true",
			}),
			resource.TestCheckResourceAttrPair(address, "recorders."+region+".role_arn", address, "config_role_arn"),
		),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}}))
}

// Without regions, the plan records every region enabled for the account in the provider's
// partition, with global types only at home. Plan only: creating twenty recorders is not needed
// to prove the default.
func TestAccCloudTrailBaseline_defaultRegionsPlan(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	all, err := acctest.Client(t).EnabledRegions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var want []knownvalue.Check
	for _, r := range all {
		if !strings.HasPrefix(r, "cn-") && !strings.HasPrefix(r, "us-gov-") {
			want = append(want, knownvalue.StringExact(r))
		}
	}
	regions := tfjsonpath.New("config_recorder").AtMapKey("regions")
	resource.ParallelTest(t, acctest.Case(t, nil, []resource.TestStep{{
		Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name            = %q
  s3_bucket_name  = "acme-soc2-logs"
  config_recorder = {}
}
`, acctest.RandomName("plan")),
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(address, regions, knownvalue.SetExact(want)),
			plancheck.ExpectKnownValue(address, tfjsonpath.New("recorders").AtMapKey("us-east-1").AtMapKey("include_global_resource_types"), knownvalue.Bool(true)),
			plancheck.ExpectKnownValue(address, tfjsonpath.New("recorders").AtMapKey("eu-west-1").AtMapKey("include_global_resource_types"), knownvalue.Bool(false)),
			plancheck.ExpectKnownValue(address, tfjsonpath.New("config_recorder").AtMapKey("delivery_frequency"), knownvalue.StringExact("TwentyFour_Hours")),
		}},
	}}))
}

// S3 data events of every bucket (advanced selectors, the trail's bucket and one more excluded)
// and Insights: create, import, drift of the selectors, then an update to write-only events.
func TestAccCloudTrailBaseline_s3DataEvents(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "s3")
	name := acctest.RandomName("events")
	bucket := logBucket(t)
	access := logBucket(t)
	both := `insights = ["ApiCallRateInsight", "ApiErrorRateInsight"]`
	cfg := testAccCloudTrailBaselineConfig_events(name, bucket, access, "", both)
	sorted := []string{access, bucket}
	slices.Sort(sorted)
	resource.ParallelTest(t, acctest.Case(t, checkDestroyed(t, name, ""), slices.Concat([]resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "management_event_read_write_type", "All"),
				acctest.CheckAttrsEqual(address, "true", "include_management_events", "s3_data_events.read", "s3_data_events.write"),
				resource.TestCheckResourceAttr(address, "data_event_resources.#", "0"),
				resource.TestCheckResourceAttr(address, "insights.#", "2"),
				resource.TestCheckResourceAttrSet(address, "advanced_event_selectors"),
				checkS3DataSelector(t, name, "", sorted...),
				checkInsights(t, name, "ApiCallRateInsight", "ApiErrorRateInsight"),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, name),
	}, dataEventDriftSteps(t, name, cfg), []resource.TestStep{
		{
			Config:           testAccCloudTrailBaselineConfig_events(name, bucket, access, ", read = false", both),
			ConfigPlanChecks: acctest.ExpectUpdateThenEmptyPlan(address),
			Check:            checkS3DataSelector(t, name, "false", sorted...),
		},
	})))
}

// Insights: drift (a type turned off out of band), an update to one type, and removal, which
// turns Insights off. moto appends on PutInsightSelectors instead of replacing, so a narrowed
// set cannot be restored there; this runs where that gap is absent.
func TestAccCloudTrailBaseline_insights(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "s3")
	acctest.SkipOnMoto(t, "CloudTrail: PutInsightSelectors appends to the trail's Insights instead of replacing them")
	name := acctest.RandomName("insights")
	bucket, access := logBucket(t), logBucket(t)
	cfg := testAccCloudTrailBaselineConfig_events(name, bucket, access, "", `insights = ["ApiCallRateInsight", "ApiErrorRateInsight"]`)
	resource.ParallelTest(t, acctest.Case(t, checkDestroyed(t, name, ""), []resource.TestStep{
		{Config: cfg, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), Check: checkInsights(t, name, "ApiCallRateInsight", "ApiErrorRateInsight")},
		insightsDriftStep(t, name, cfg),
		{
			Config:           testAccCloudTrailBaselineConfig_events(name, bucket, access, "", `insights = ["ApiErrorRateInsight"]`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check:            checkInsights(t, name, "ApiErrorRateInsight"),
		},
		{
			Config:           testAccCloudTrailBaselineConfig_events(name, bucket, access, "", ""),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(address, "insights"),
				checkInsights(t, name),
			),
		},
	}))
}

// An organization trail from the management account of an emulated organization: the plan reads
// the organization, the delivery role may write the member accounts' streams (<org-id>_*), import
// recovers it, and a trail narrowed to the account out of band is drift. Organizations is
// account-wide, so this and the refusal test run serially.
func TestAccCloudTrailBaseline_organizationTrail(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "logs", "iam", "s3")
	name := acctest.RandomName("orgtrail")
	bucket := logBucket(t)
	orgID := createOrganization(t)
	cfg := testAccCloudTrailBaselineConfig_organization(name, bucket)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, name, "/soc2/"+name), []resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "organization_trail", "true"),
				resource.TestCheckResourceAttr(address, "organization_id", orgID),
				resource.TestMatchResourceAttr(address, "cloudwatch_logs.role_policy", regexp.MustCompile(regexp.QuoteMeta(orgID+"_*"))),
				checkOrganizationTrail(t, name, true),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, name),
		organizationDriftStep(t, name, cfg),
	}))
}

// organization_trail = true outside an organization is refused at plan time, naming the account
// and the fix, before any change.
func TestAccCloudTrailBaseline_organizationTrailRefused(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail")
	resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{
		Config:      testAccCloudTrailBaselineConfig_organization("soc2-refused", "acme-soc2-logs"),
		PlanOnly:    true,
		ExpectError: acctest.ErrorRegexp(`organization_trail = true: account \d{12} is not a member of an AWS Organization.*set organization_trail = false`),
	}}))
}

// An organization-wide AWS Config aggregator from the management account of an emulated
// organization: create, import, drift of the aggregator and its role, then removal.
func TestAccCloudTrailBaseline_organizationAggregator(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "iam", "s3")
	skipWithoutManagedPolicy(t, "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations")
	name := acctest.RandomName("orgagg")
	bucket := logBucket(t)
	createOrganization(t)
	cfg := testAccCloudTrailBaselineConfig_aggregator(name, bucket, `config_aggregator = { organization = true }`)
	role := name + "+config"
	resource.Test(t, acctest.Case(t, checkDestroyed(t, name, ""), slices.Concat([]resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckAttrsUnder(address, "config_aggregator", map[string]string{
					"name":            name,
					"all_regions":     "true",
					"role_name":       "soc2-cloudtrail-" + role,
					"role_policy_arn": "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations",
				}),
				resource.TestCheckResourceAttrSet(address, "config_aggregator.arn"),
				checkAggregator(t, name, true),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, name),
	}, aggregatorDriftSteps(t, name, cfg), []resource.TestStep{
		{
			Config:           testAccCloudTrailBaselineConfig_aggregator(name, bucket, ""),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check:            resource.ComposeAggregateTestCheckFunc(checkAggregator(t, name, false), checkDestroyedRoleAndGroup(t, role, "")),
		},
	})))
}

// config_aggregator outside an organization is refused at plan time.
func TestAccCloudTrailBaseline_organizationAggregatorRefused(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail")
	resource.Test(t, acctest.Case(t, nil, []resource.TestStep{
		{
			Config:      testAccCloudTrailBaselineConfig_aggregator("soc2-refused", "acme-soc2-logs", `config_aggregator = { organization = true }`),
			PlanOnly:    true,
			ExpectError: acctest.ErrorRegexp(`config_aggregator.organization = true: account \d{12} is not a member of an AWS Organization`),
		},
		{
			Config:      testAccCloudTrailBaselineConfig_aggregator("soc2-refused", "acme-soc2-logs", `config_aggregator = { organization = false }`),
			PlanOnly:    true,
			ExpectError: acctest.ErrorRegexp(`config_aggregator.organization = false: only an organization-wide aggregator is supported`),
		},
	}))
}
