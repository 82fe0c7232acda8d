package alarmpack_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Bad input fails `terraform plan` before any AWS object is made, with the attribute, the value and
// the fix in the message; the missing log group is found by the plan-time lookup.
func TestAccAlarmPack_planTimeErrors(t *testing.T) {
	logGroup, prefix := newPack(t, "v")
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: packConfig(logGroup, prefix, createTopic+body), PlanOnly: true, ExpectError: acctest.ErrorRegexp(want)}
	}
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		step(`  custom_alarms = [{ id = "mine", pattern = "{ $.eventName = }" }]`,
			`custom_alarms\[0\].pattern = .*alarm "mine" is invalid at position 17: expected a value`),
		step(`  exclude = ["root_acount_usage"]`, `exclude = "root_acount_usage": not an alarm of the catalog; use one of`),
		step(`  overrides = { vpc_changes = { threshold = 0 } }`, `threshold = 0: must be at least 1`),
		step(`  overrides = { vpc_changes = { period = 90 } }`, `period = 90: the period must be a multiple of 60 seconds; use 60 or 120`),
		step(`  overrides = { vpc_change = { threshold = 2 } }`, `overrides\["vpc_change"\]: "vpc_change" is not an alarm of the catalog`),
		step(`  custom_alarms = [{ id = "vpc_changes", pattern = "ERROR" }]`, `custom_alarms\[0\].id = "vpc_changes": the catalog already has an alarm with this id`),
		step(`  custom_alarms = [{ id = "a", pattern = "ERROR" }, { id = "a", pattern = "WARN" }]`, `custom_alarms\[1\].id = "a": custom_alarms\[0\] already uses this id`),
		step(`  business_hours = { start = "25:00" }`, `business hours start "25:00" is invalid: expected a 24-hour time HH:MM`),
		step(`  profile = "strict"`, `value must be one of: \["cis" "cis-v3" "tuned"\], got: "strict"`),
	}))
}

// A missing log group is a plan-time warning before the first create (the group may come from a
// resource of the same configuration) and an apply-time error before anything is made, which
// CheckDestroy verifies: no filter or alarm with the prefix exists.
func TestAccAlarmPack_missingLogGroup(t *testing.T) {
	logGroup := "/" + acctest.RandomName("missing")
	prefix := acctest.RandomName("m") + "-"
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{{
		Config:      packConfig(logGroup, prefix, createTopic),
		ExpectError: acctest.ErrorRegexp(`log_group_name = "` + logGroup + `": no CloudWatch Logs group of that name exists .* create it first`),
	}}))
}

// An AWS managed key for the created topic fails the plan before anything is made: CloudWatch
// alarms cannot publish to a topic encrypted with one. The error names the attribute, the value,
// the AWS rule and the fix.
func TestAccAlarmPack_awsManagedTopicKey(t *testing.T) {
	logGroup, prefix := newPack(t, "k")
	step := func(key string) resource.TestStep {
		return resource.TestStep{
			Config: packConfig(logGroup, prefix, `  notification = {
    create_topic = true
    kms_key_arn  = "`+key+`"
  }
`),
			PlanOnly: true,
			ExpectError: acctest.ErrorRegexp(`notification.kms_key_arn = "` + regexp.QuoteMeta(key) + `": this is an AWS managed KMS key, and CloudWatch alarms cannot publish .*` +
				`sns-key-management.html.* Use a customer managed key whose key policy lets cloudwatch.amazonaws.com use kms:GenerateDataKey\* and kms:Decrypt`),
		}
	}
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		step("arn:aws:kms:" + acctest.Region + ":123456789012:alias/aws/sns"),
		step("alias/aws/sns"),
	}))
}
