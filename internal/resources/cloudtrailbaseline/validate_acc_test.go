package cloudtrailbaseline_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Bad input fails at plan time with the attribute, the value and the fix; nothing is created
// (the plans never reach an apply).
func TestAccCloudTrailBaseline_planTimeErrors(t *testing.T) {
	base := func(body string) string {
		return acctest.ProviderConfig() + "resource \"soc2_cloudtrail_baseline\" \"test\" {\n" + body + "\n}\n"
	}
	ok := `s3_bucket_name = "acme-soc2-logs"`
	cases := []struct {
		name, body, want string
	}{
		{"name too short", `name = "ab"` + "\n" + ok, `name = "ab": a trail name has 3 to 128 characters`},
		{"name adjacent punctuation", `name = "soc2_.trail"` + "\n" + ok, `name = "soc2_.trail": a trail name cannot have adjacent periods`},
		{"name as IP", `name = "10.0.0.1"` + "\n" + ok, `name = "10.0.0.1": a trail name cannot be an IP address`},
		{"name bad start", `name = "-soc2"` + "\n" + ok, `must start and end with a letter or digit`},
		{"bucket", `name = "soc2"` + "\n" + `s3_bucket_name = "Acme_Logs"`, `s3_bucket_name = "Acme_Logs": character "A" at position 1 is not allowed`},
		{"data bucket", `name = "soc2"` + "\n" + ok + "\n" + `s3_data_event_buckets = ["a..b"]`, `"a..b": a bucket name must not contain two adjacent dots`},
		{"kms arn", `name = "soc2"` + "\n" + ok + "\n" + `kms_key_arn = "arn:aws:s3:::nope"`, `kms_key_arn = "arn:aws:s3:::nope": an ARN of service "s3" where "kms" is required`},
		{"retention below 90", `name = "soc2"` + "\n" + ok + "\n" + `cloudwatch_logs = { log_group_name = "/soc2/ct", retention_in_days = 30 }`,
			`retention_in_days = 30: SOC 2 log retention needs at least 90 days`},
		{"retention not allowed", `name = "soc2"` + "\n" + ok + "\n" + `cloudwatch_logs = { log_group_name = "/soc2/ct", retention_in_days = 100 }`,
			`retention_in_days = 100: CloudWatch Logs does not accept this retention; use one of 90, 120`},
		{"region shape", `name = "soc2"` + "\n" + ok + "\n" + `config_recorder = { regions = ["us-east"] }`, `"us-east": not an AWS region code`},
		{"region not enabled", `name = "soc2"` + "\n" + ok + "\n" + `config_recorder = { regions = ["us-east-1", "me-south-1"] }`,
			`config_recorder.regions contains "me-south-1": not a region enabled for account`},
		{"regions empty", `name = "soc2"` + "\n" + ok + "\n" + `config_recorder = { regions = [] }`, `config_recorder.regions = \[\]: an empty list records no region`},
		{"frequency", `name = "soc2"` + "\n" + ok + "\n" + `config_recorder = { delivery_frequency = "Daily" }`,
			`delivery_frequency = "Daily": not a delivery frequency AWS Config accepts; use one of One_Hour`},
		{"data events with named buckets", `name = "soc2"` + "\n" + ok + "\n" + `s3_data_event_buckets = ["a-b"]` + "\n" + `s3_data_events = { all_buckets = true }`,
			`s3_data_events and s3_data_event_buckets are both set: a trail has either classic event selectors`},
		{"data events all_buckets false", `name = "soc2"` + "\n" + ok + "\n" + `s3_data_events = { all_buckets = false }`,
			`s3_data_events.all_buckets = false: this block records every bucket except exclude_buckets; set all_buckets = true`},
		{"data events record nothing", `name = "soc2"` + "\n" + ok + "\n" + `s3_data_events = { all_buckets = true, read = false, write = false }`,
			`s3_data_events has read = false and write = false, which records no data event`},
		{"data events bad exclusion", `name = "soc2"` + "\n" + ok + "\n" + `s3_data_events = { all_buckets = true, exclude_buckets = ["a..b"] }`,
			`"a..b": a bucket name must not contain two adjacent dots`},
		{"insight type", `name = "soc2"` + "\n" + ok + "\n" + `insights = ["ApiCallRateInsight", "apiErrorRate"]`,
			`"apiErrorRate": not a CloudTrail Insights type; use ApiCallRateInsight and/or ApiErrorRateInsight`},
		{"sns arn", `name = "soc2"` + "\n" + ok + "\n" + `config_recorder = { sns_topic_arn = "topic" }`, `sns_topic_arn = "topic": not an ARN`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      base(tc.body),
			PlanOnly:    true,
			ExpectError: acctest.ErrorRegexp(regexp.MustCompile(`\s+`).ReplaceAllString(tc.want, " ")),
		})
	}
	resource.ParallelTest(t, acctest.Case(t, nil, steps))
}

// An AWS managed key for the trail's log files is refused at plan time with the AWS rule and
// the fix, before any call (issue 12, defect 6).
func TestAccCloudTrailBaseline_awsManagedKeyRefused(t *testing.T) {
	resource.ParallelTest(t, acctest.Case(t, nil, []resource.TestStep{{
		Config: acctest.ProviderConfig() + `
resource "soc2_cloudtrail_baseline" "test" {
  name           = "soc2"
  s3_bucket_name = "acme-soc2-logs"
  kms_key_arn    = "arn:aws:kms:us-east-1:123456789012:alias/aws/s3"
}
`,
		PlanOnly:    true,
		ExpectError: acctest.ErrorRegexp(`kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/aws/s3": an AWS managed key: its key policy admits only the AWS service that owns it.*create a customer managed key`),
	}}))
}
