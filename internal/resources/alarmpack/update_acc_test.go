package alarmpack_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

func updateInPlace(attrs ...string) resource.ConfigPlanChecks {
	checks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)}
	for _, a := range attrs {
		checks = append(checks, acctest.ExpectAttributeChange(address, a))
	}
	return resource.ConfigPlanChecks{PreApply: checks}
}

// Profile, business hours, overrides and custom alarms change in place, never by replacement;
// import of the customised pack rebuilds every argument. The pack notifies an existing topic.
func TestAccAlarmPack_updatesInPlace(t *testing.T) {
	logGroup := createLogGroup(t)
	prefix := acctest.RandomName("u") + "-"
	topic, err := acctest.Client(t).SNS("").CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(acctest.RandomName("topic"))})
	if err != nil {
		t.Fatalf("creating topic: %v", err)
	}
	t.Cleanup(func() {
		_, _ = acctest.Client(t).SNS("").DeleteTopic(context.Background(), &sns.DeleteTopicInput{TopicArn: topic.TopicArn})
	})
	notify := `  notification = { sns_topic_arn = "` + aws.ToString(topic.TopicArn) + `" }
`
	base := notify + `  exclude = ["organizations_changes"]
`
	tuned := base + `  profile = "tuned"
`
	hours := tuned + `  business_hours = { start = "09:30", end = "17:00", utc_offset = "+05:30" }
`
	override := hours + `  overrides = { unauthorized_api_calls = { threshold = 5, period = 600 } }
`
	custom := override + `  custom_alarms = [{
    id          = "public_access_block_changes"
    pattern     = "{ $.eventName = PutPublicAccessBlock }"
    description = "Public access block changed"
    controls    = ["CC6.1", "CC7.2"]
  }]
`
	tunedPattern, _ := alarmcatalog.Pattern("unauthorized_api_calls", alarmcatalog.ProfileTuned, alarmcatalog.DefaultBusinessHours())
	hoursPattern, _ := alarmcatalog.Pattern("console_login_outside_business_hours", alarmcatalog.ProfileCIS,
		alarmcatalog.BusinessHours{Start: "09:30", End: "17:00", UTCOffset: "+05:30"})

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, logGroup, prefix),
		Steps: []resource.TestStep{
			{Config: packConfig(logGroup, prefix, base), Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "alarms.%", "16"),
				resource.TestCheckNoResourceAttr(address, "alarms.organizations_changes.alarm_name"),
				resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.security_hub", "CloudWatch.2"),
				resource.TestCheckResourceAttr(address, "alarms.vpc_changes.alarm_actions.0", aws.ToString(topic.TopicArn)),
			)},
			{
				Config: packConfig(logGroup, prefix, tuned), ConfigPlanChecks: updateInPlace("alarms.unauthorized_api_calls.pattern"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.pattern", tunedPattern),
					// The tuned pattern is not the one Security Hub checks, so the pack stops claiming the control.
					resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.security_hub", ""),
				),
			},
			{
				Config: packConfig(logGroup, prefix, hours), ConfigPlanChecks: updateInPlace("alarms.console_login_outside_business_hours.pattern"),
				Check: resource.TestCheckResourceAttr(address, "alarms.console_login_outside_business_hours.pattern", hoursPattern),
			},
			{
				Config:           packConfig(logGroup, prefix, override),
				ConfigPlanChecks: updateInPlace("alarms.unauthorized_api_calls.threshold", "alarms.unauthorized_api_calls.period"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.threshold", "5"),
					resource.TestCheckResourceAttr(address, "alarms.unauthorized_api_calls.period", "600"),
				),
			},
			{
				Config: packConfig(logGroup, prefix, custom), ConfigPlanChecks: updateInPlace("alarms.public_access_block_changes"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "alarms.%", "17"),
					resource.TestCheckResourceAttr(address, "alarms.public_access_block_changes.pattern", "{ $.eventName = PutPublicAccessBlock }"),
					resource.TestCheckResourceAttr(address, "alarms.public_access_block_changes.alarm_name", prefix+"public_access_block_changes"),
					resource.TestCheckResourceAttr(address, "alarms.public_access_block_changes.controls.1", "CC7.2"),
					exactlyOneFilterPerAlarm(t, logGroup, prefix),
				),
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     logGroup + ":" + prefix,
				ImportStateVerify: true,
			},
			{
				Config: packConfig(logGroup, prefix, override), ConfigPlanChecks: updateInPlace(),
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
		},
	})
}
