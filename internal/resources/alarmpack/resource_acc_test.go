package alarmpack_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

// The full catalog with a created topic: every alarm exists with exactly one filter, the plan
// after apply is empty, and import rebuilds the same state.
func TestAccAlarmPack_fullCatalogAndImport(t *testing.T) {
	logGroup, prefix := newPack(t, "p")
	config := packConfig(logGroup, prefix, createTopic)
	checks := []resource.TestCheckFunc{
		resource.TestCheckResourceAttr(address, "alarms.%", "17"),
		resource.TestCheckResourceAttr(address, "notification.cloudwatch_can_publish", "true"),
		resource.TestCheckResourceAttr(address, "alarms.root_account_usage.security_hub", "CloudWatch.1"),
		resource.TestCheckResourceAttr(address, "alarms.root_account_usage.threshold", "1"),
		resource.TestCheckResourceAttr(address, "alarms.root_account_usage.alarm_actions.#", "1"),
		resource.TestCheckResourceAttrPair(address, "alarms.root_account_usage.alarm_actions.0", address, "notification.topic_arn"),
		exactlyOneFilterPerAlarm(t, logGroup, prefix),
	}
	for _, id := range alarmcatalog.IDs() {
		checks = append(checks, resource.TestCheckResourceAttr(address, "alarms."+id+".alarm_name", prefix+id))
	}
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		{Config: config, Check: resource.ComposeAggregateTestCheckFunc(checks...)},
		acctest.ImportStep(address, logGroup+":"+prefix),
	}))
}

// An email address known only at apply (terraform_data's output, as another resource's output
// would be) plans instead of failing to read the set; the topic gets the subscription and the next
// plan is empty.
func TestAccAlarmPack_emailKnownOnlyAtApply(t *testing.T) {
	logGroup, prefix := newPack(t, "e")
	config := `resource "terraform_data" "mail" {
  input = "secops@example.com"
}
` + packConfig(logGroup, prefix, `  notification = {
    create_topic    = true
    email_endpoints = [terraform_data.mail.output]
  }
`)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, "alarms.%", "17"),
			resource.TestCheckTypeSetElemAttr(address, "notification.email_endpoints.*", "secops@example.com"),
		),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}}))
}

// Profile, business hours, overrides and custom alarms change in place, never by replacement;
// import of the customised pack rebuilds every argument. The pack notifies an existing topic.
func TestAccAlarmPack_updatesInPlace(t *testing.T) {
	logGroup, prefix := newPack(t, "u")
	topicARN := createTopicOutOfBand(t)
	base, tuned, hours, override, custom := updateConfigs(topicARN)
	tunedPattern, _ := alarmcatalog.Pattern("unauthorized_api_calls", alarmcatalog.ProfileTuned, alarmcatalog.DefaultBusinessHours())
	hoursPattern, _ := alarmcatalog.Pattern("console_login_outside_business_hours", alarmcatalog.ProfileCIS,
		alarmcatalog.BusinessHours{Start: "09:30", End: "17:00", UTCOffset: "+05:30"})

	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		{Config: packConfig(logGroup, prefix, base), Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, "alarms.%", "16"),
			resource.TestCheckNoResourceAttr(address, "alarms.organizations_changes.alarm_name"),
			resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.security_hub", "CloudWatch.2"),
			resource.TestCheckResourceAttr(address, "alarms.vpc_changes.alarm_actions.0", topicARN),
		)},
		{
			Config: packConfig(logGroup, prefix, tuned), ConfigPlanChecks: acctest.ExpectUpdate(address, "alarms.unauthorized_api_calls.pattern"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.pattern", tunedPattern),
				// The tuned pattern is not the one Security Hub checks, so the pack stops claiming the control.
				resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.security_hub", ""),
			),
		},
		{
			Config: packConfig(logGroup, prefix, hours), ConfigPlanChecks: acctest.ExpectUpdate(address, "alarms.console_login_outside_business_hours.pattern"),
			Check: resource.TestCheckResourceAttr(address, "alarms.console_login_outside_business_hours.pattern", hoursPattern),
		},
		{
			Config:           packConfig(logGroup, prefix, override),
			ConfigPlanChecks: acctest.ExpectUpdate(address, "alarms.unauthorized_api_calls.threshold", "alarms.unauthorized_api_calls.period"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.threshold", "5"),
				resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.period", "600"),
			),
		},
		{
			Config: packConfig(logGroup, prefix, custom), ConfigPlanChecks: acctest.ExpectUpdate(address, "alarms.public_access_block_changes"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "alarms.%", "17"),
				resource.TestCheckResourceAttr(address, "alarms.public_access_block_changes.pattern", "{ $.eventName = PutPublicAccessBlock }"),
				resource.TestCheckResourceAttr(address, "alarms.public_access_block_changes.alarm_name", prefix+"public_access_block_changes"),
				resource.TestCheckResourceAttr(address, "alarms.public_access_block_changes.controls.1", "CC7.2"),
				exactlyOneFilterPerAlarm(t, logGroup, prefix),
			),
		},
		acctest.ImportStep(address, logGroup+":"+prefix),
		{
			Config: packConfig(logGroup, prefix, override), ConfigPlanChecks: acctest.ExpectUpdate(address),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "alarms.%", "16"),
				func(*terraformState) error {
					if n := filterCounts(t, logGroup, prefix)[prefix+"public_access_block_changes"]; n != 0 {
						return errorf("the removed custom alarm's filter survives")
					}
					for _, name := range alarmNames(t, prefix) {
						if name == prefix+"public_access_block_changes" {
							return errorf("the removed custom alarm survives")
						}
					}
					return nil
				},
			),
		},
	}))
}

// A create that fails halfway (the sixth PutMetricAlarm and every later one fail) must leave
// nothing behind: the filters, alarms and topic made before the failure are recorded in state,
// so the destroy at the end of the test removes them, which CheckDestroy verifies in AWS.
func TestAccAlarmPack_failedCreateOrphansNothing(t *testing.T) {
	acctest.PreCheck(t)
	logGroup, prefix := newPack(t, "f")
	proxy, err := faultproxy.Start(acctest.Endpoint(), 1, faultproxy.Rule{
		Service: "monitoring", Operation: "PutMetricAlarm", Fault: faultproxy.FailFromNth, Nth: 6,
	})
	if err != nil {
		t.Fatalf("starting the fault proxy: %v", err)
	}
	t.Cleanup(proxy.Close)
	config := fmt.Sprintf("provider \"soc2\" {\n  region = %q\n  endpoint_url = %q\n  max_retries = 0\n}\n", acctest.Region, proxy.URL()) + fmt.Sprintf(`
resource "soc2_alarm_pack" "test" {
  log_group_name = %q
  name_prefix    = %q
%s
}
`, logGroup, prefix, createTopic)

	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		{
			Config:      config,
			ExpectError: acctest.ErrorRegexp(`Cannot apply the alarm pack .*PutMetricAlarm.* the state records what exists`),
		},
		{
			// The next apply replaces the tainted pack once AWS behaves again.
			PreConfig: func() {
				// The failure really was halfway: five alarms exist, and only the state knows them.
				if n := len(alarmNames(t, prefix)); n != 5 {
					t.Errorf("%d alarms exist after the failed create, want the 5 made before the fault", n)
				}
				proxy.SetRules()
			},
			Config: config,
			Check:  exactlyOneFilterPerAlarm(t, logGroup, prefix),
		},
	}))
}

// TestAccAlarmPack_profileCISv3 switches a pack from cis to cis-v3 in place: the alarms then
// claim their CIS v3.0 recommendation and only the Security Hub controls whose text is unchanged.
func TestAccAlarmPack_profileCISv3(t *testing.T) {
	acctest.PreCheck(t)
	logGroup := createLogGroup(t)
	prefix := acctest.RandomName("v3") + "-"
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		{Config: packConfig(logGroup, prefix, createTopic)},
		{
			Config:           packConfig(logGroup, prefix, createTopic+`  profile = "cis-v3"`+"\n"),
			ConfigPlanChecks: acctest.ExpectUpdate(address, "profile"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "alarms.route_table_changes.cis", "4.13"),
				resource.TestCheckResourceAttr(address, "alarms.route_table_changes.security_hub", ""),
				resource.TestCheckResourceAttr(address, "alarms.console_signin_without_mfa.security_hub", "CloudWatch.3"),
				exactlyOneFilterPerAlarm(t, logGroup, prefix),
			),
		},
		// Import tells the profile from the patterns where the profiles differ.
		acctest.ImportStep(address, logGroup+":"+prefix),
	}))
}
