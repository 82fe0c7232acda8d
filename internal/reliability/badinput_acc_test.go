package reliability

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// badInput is one invalid configuration: either a provider block (provider != "") plus the minimal
// bucket, or a resource body placed after a valid provider block. want must match the diagnostic;
// it always names the attribute.
type badInput struct {
	name     string
	provider string
	body     string
	want     string
}

const (
	validBucket = `resource "soc2_log_bucket" "b" {
  bucket = "reliability-bad-input"
%s}
`
	validTrail = `resource "soc2_cloudtrail_baseline" "t" {
  name           = "reliability-bad-input"
  s3_bucket_name = "reliability-bad-input"
%s}
`
	validPack = `resource "soc2_alarm_pack" "a" {
  log_group_name = "/reliability/bad-input"
  notification   = { sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts" }
%s}
`
	validKey = `resource "soc2_kms_key" "k" {
  alias    = "alias/reliability-bad-input"
  services = ["cloudtrail"]
%s}
`

	validAnalyzer = `resource "soc2_access_analyzer" "aa" {
  name          = "reliability-bad-input"
  sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts"
  regions       = ["us-east-1"]
%s}
`

	validAccessLogging = `resource "soc2_bucket_access_logging" "l" {
  target_bucket = "reliability-bad-input"
%s}
`
)

func key(lines string) string { return fmt.Sprintf(validKey, lines) }

func analyzer(lines string) string { return fmt.Sprintf(validAnalyzer, lines) }

func bucket(lines string) string { return fmt.Sprintf(validBucket, lines) }
func trail(lines string) string  { return fmt.Sprintf(validTrail, lines) }
func pack(lines string) string   { return fmt.Sprintf(validPack, lines) }
func accessLogging(lines string) string {
	return fmt.Sprintf(validAccessLogging, lines)
}

func badInputs() []badInput {
	return []badInput{
		// provider
		{name: "provider region shape", provider: `region = "us-east"`, want: `region`},
		{name: "provider region upper case", provider: `region = "US-EAST-1"`, want: `region`},
		{name: "provider endpoint without scheme", provider: `endpoint_url = "localhost:4566"`, want: `endpoint_url`},
		{name: "provider endpoint ftp", provider: `endpoint_url = "ftp://localhost"`, want: `endpoint_url`},
		{name: "provider allowed and forbidden", provider: `allowed_account_ids = ["123456789012"]
  forbidden_account_ids = ["210987654321"]`, want: `forbidden_account_ids`},
		{name: "provider account id short", provider: `allowed_account_ids = ["1234"]`, want: `allowed_account_ids`},
		{name: "provider account id letters", provider: `forbidden_account_ids = ["12345678901a"]`, want: `forbidden_account_ids`},
		{name: "provider max retries negative", provider: `max_retries = -1`, want: `max_retries`},
		{name: "provider role arn malformed", provider: `assume_role {
    role_arn = "role/baseline"
  }`, want: `role_arn`},
		{name: "provider role arn wrong service", provider: `assume_role {
    role_arn = "arn:aws:s3:::bucket"
  }`, want: `role_arn`},
		{name: "provider assume role duration", provider: `assume_role {
    role_arn = "arn:aws:iam::123456789012:role/x"
    duration = "5m"
  }`, want: `duration`},
		{name: "provider max retries wrong type", provider: `max_retries = "many"`, want: `max_retries`},

		// soc2_log_bucket
		{name: "bucket too short", body: strings.Replace(bucket(""), "reliability-bad-input", "ab", 1), want: `bucket`},
		{name: "bucket upper case", body: strings.Replace(bucket(""), "reliability-bad-input", "Reliability-Logs", 1), want: `bucket`},
		{name: "bucket underscore", body: strings.Replace(bucket(""), "reliability-bad-input", "reliability_logs", 1), want: `bucket`},
		{name: "bucket ip address", body: strings.Replace(bucket(""), "reliability-bad-input", "192.168.5.4", 1), want: `bucket`},
		{name: "bucket double dot", body: strings.Replace(bucket(""), "reliability-bad-input", "logs..bucket", 1), want: `bucket`},
		{name: "bucket xn-- prefix", body: strings.Replace(bucket(""), "reliability-bad-input", "xn--logs", 1), want: `bucket`},
		{name: "bucket s3alias suffix", body: strings.Replace(bucket(""), "reliability-bad-input", "logs-s3alias", 1), want: `bucket`},
		{name: "bucket ends with hyphen", body: strings.Replace(bucket(""), "reliability-bad-input", "logs-", 1), want: `bucket`},
		{name: "bucket too long", body: strings.Replace(bucket(""), "reliability-bad-input", strings.Repeat("a", 64), 1), want: `bucket`},
		{name: "bucket and prefix both", body: bucket(`  bucket_prefix = "logs-"` + "\n"), want: `bucket_prefix`},
		{name: "bucket and prefix neither", body: `resource "soc2_log_bucket" "b" {
  retention_days = 365
}
`, want: `bucket`},
		{name: "bucket prefix too long", body: `resource "soc2_log_bucket" "b" {
  bucket_prefix = "` + strings.Repeat("p", 40) + `"
}
`, want: `bucket_prefix`},
		{name: "retention below 90", body: bucket("  retention_days = 30\n"), want: `retention_days`},
		{name: "retention negative", body: bucket("  retention_days = -1\n"), want: `retention_days`},
		{name: "transition not below retention", body: bucket("  retention_days = 100\n  glacier_transition_days = 100\n"), want: `glacier_transition_days`},
		{name: "kms key arn malformed", body: bucket(`  kms_key_arn = "my-key"` + "\n"), want: `kms_key_arn`},
		{name: "kms key arn other service", body: bucket(`  kms_key_arn = "arn:aws:sns:us-east-1:123456789012:topic"` + "\n"), want: `kms_key_arn`},
		{name: "reader arn malformed", body: bucket(`  reader_arns = ["security-audit"]` + "\n"), want: `reader_arns`},
		{name: "unknown writer", body: bucket(`  writers = ["cloudtrail", "guardduty"]` + "\n"), want: `writers`},
		{name: "object lock mode", body: bucket(`  object_lock = { mode = "STRICT", days = 30 }` + "\n"), want: `mode`},
		{name: "object lock days above retention", body: bucket(`  retention_days = 100
  object_lock = { mode = "GOVERNANCE", days = 200 }` + "\n"), want: `days`},
		{name: "object lock days zero", body: bucket(`  object_lock = { mode = "COMPLIANCE", days = 0 }` + "\n"), want: `days`},
		{name: "access log bucket name", body: bucket(`  access_log_bucket = "Not_A_Bucket"` + "\n"), want: `access_log_bucket`},
		{name: "bucket wrong type retention", body: bucket(`  retention_days = "forever"` + "\n"), want: `retention_days`},
		{name: "bucket unknown argument", body: bucket(`  versioning = false` + "\n"), want: `versioning`},
		{name: "admin principal malformed", body: bucket(`  admin_principal_arns = ["admin"]` + "\n"), want: `admin_principal_arns`},
		{name: "kms key alias arn", body: bucket(`  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/soc2-logs"` + "\n"), want: `kms_key_arn`},
		{name: "kms key alias name", body: bucket(`  kms_key_arn = "alias/soc2-logs"` + "\n"), want: `kms_key_arn`},
		{name: "object lock on access log target", body: bucket(`  writers = ["s3_access_logs"]
  object_lock = { mode = "GOVERNANCE", days = 30 }` + "\n"), want: `object_lock`},
		{name: "organization id malformed", body: bucket(`  organization_id = "123456789012"` + "\n"), want: `organization_id`},

		// soc2_cloudtrail_baseline
		{name: "trail name too short", body: strings.Replace(trail(""), `name           = "reliability-bad-input"`, `name = "ab"`, 1), want: `name`},
		{name: "trail name starts with dash", body: strings.Replace(trail(""), `name           = "reliability-bad-input"`, `name = "-trail"`, 1), want: `name`},
		{name: "trail name adjacent separators", body: strings.Replace(trail(""), `name           = "reliability-bad-input"`, `name = "my_.trail"`, 1), want: `name`},
		{name: "trail name space", body: strings.Replace(trail(""), `name           = "reliability-bad-input"`, `name = "my trail"`, 1), want: `name`},
		{name: "trail bucket name", body: strings.Replace(trail(""), `s3_bucket_name = "reliability-bad-input"`, `s3_bucket_name = "Bad_Bucket"`, 1), want: `s3_bucket_name`},
		{name: "trail kms arn", body: trail(`  kms_key_arn = "alias-not-arn"` + "\n"), want: `kms_key_arn`},
		{name: "trail data event bucket", body: trail(`  s3_data_event_buckets = ["UPPER"]` + "\n"), want: `s3_data_event_buckets`},
		{name: "trail retention not allowed", body: trail(`  cloudwatch_logs = { log_group_name = "/soc2/ct", retention_in_days = 100 }` + "\n"), want: `retention_in_days`},
		{name: "trail retention below 90", body: trail(`  cloudwatch_logs = { log_group_name = "/soc2/ct", retention_in_days = 30 }` + "\n"), want: `retention_in_days`},
		{name: "trail log group kms arn", body: trail(`  cloudwatch_logs = { log_group_name = "/soc2/ct", kms_key_arn = "key" }` + "\n"), want: `kms_key_arn`},
		{name: "trail unknown region", body: trail(`  config_recorder = { regions = ["us-middle-9"] }` + "\n"), want: `regions`},
		{name: "trail region shape", body: trail(`  config_recorder = { regions = ["useast1"] }` + "\n"), want: `regions`},
		{name: "trail empty regions", body: trail(`  config_recorder = { regions = [] }` + "\n"), want: `regions`},
		{name: "trail delivery frequency", body: trail(`  config_recorder = { delivery_frequency = "Daily" }` + "\n"), want: `delivery_frequency`},
		{name: "trail recorder topic arn", body: trail(`  config_recorder = { sns_topic_arn = "arn:aws:sqs:us-east-1:123456789012:q" }` + "\n"), want: `sns_topic_arn`},
		{name: "trail missing bucket", body: `resource "soc2_cloudtrail_baseline" "t" {
  name = "reliability-bad-input"
}
`, want: `s3_bucket_name`},
		{name: "trail data events with named buckets", body: trail(`  s3_data_event_buckets = ["data"]
  s3_data_events = { all_buckets = true }` + "\n"), want: `s3_data_event_buckets are both set`},
		{name: "trail data events not all buckets", body: trail(`  s3_data_events = { all_buckets = false }` + "\n"), want: `all_buckets = false`},
		{name: "trail data events record nothing", body: trail(`  s3_data_events = { all_buckets = true, read = false, write = false }` + "\n"), want: `read = false and write = false`},
		{name: "trail data events excluded bucket", body: trail(`  s3_data_events = { all_buckets = true, exclude_buckets = ["UPPER"] }` + "\n"), want: `exclude_buckets`},
		{name: "trail unknown insight type", body: trail(`  insights = ["ApiCallVolumeInsight"]` + "\n"), want: `ApiCallVolumeInsight`},
		{name: "trail aggregator not organization", body: trail(`  config_aggregator = { organization = false }` + "\n"), want: `organization = false`},
		{name: "trail wrong type tags", body: trail(`  tags = ["a"]` + "\n"), want: `tags`},

		// soc2_alarm_pack
		{name: "pack unknown profile", body: pack(`  profile = "strict"` + "\n"), want: `profile`},
		{name: "pack unknown exclude id", body: pack(`  exclude = ["root_login"]` + "\n"), want: `exclude`},
		{name: "pack unknown override id", body: pack(`  overrides = { root_login = { threshold = 2 } }` + "\n"), want: `overrides`},
		{name: "pack threshold below 1", body: pack(`  overrides = { root_account_usage = { threshold = 0 } }` + "\n"), want: `threshold`},
		{name: "pack period not multiple of 60", body: pack(`  overrides = { root_account_usage = { period = 90 } }` + "\n"), want: `period`},
		{name: "pack business hours start", body: pack(`  business_hours = { start = "8am", end = "18:00", utc_offset = "+00:00" }` + "\n"), want: `start`},
		{name: "pack business hours offset", body: pack(`  business_hours = { start = "08:00", end = "18:00", utc_offset = "+15:00" }` + "\n"), want: `utc_offset`},
		{name: "pack empty business window", body: pack(`  business_hours = { start = "09:00", end = "09:00", utc_offset = "+00:00" }` + "\n"), want: `business_hours`},
		{name: "pack custom pattern invalid", body: pack(`  custom_alarms = [{ id = "pab_changes", pattern = "{ $.eventName = }" }]` + "\n"), want: `pab_changes`},
		{name: "pack custom id collides", body: pack(`  custom_alarms = [{ id = "root_account_usage", pattern = "{ $.eventName = X }" }]` + "\n"), want: `root_account_usage`},
		{name: "pack custom ids duplicate", body: pack(`  custom_alarms = [{ id = "x_changes", pattern = "{ $.eventName = X }" }, { id = "x_changes", pattern = "{ $.eventName = Y }" }]` + "\n"), want: `x_changes`},
		{name: "pack topic arn malformed", body: strings.Replace(pack(""), `notification   = { sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts" }`, `notification = { sns_topic_arn = "alerts" }`, 1), want: `sns_topic_arn`},
		{name: "pack topic arn and create", body: strings.Replace(pack(""), `notification   = { sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts" }`, `notification = { sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts", create_topic = true }`, 1), want: `create_topic`},
		{name: "pack aws managed topic key", body: strings.Replace(pack(""), `notification   = { sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts" }`, `notification = { create_topic = true, kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/aws/sns" }`, 1), want: `AWS managed key for the alarm topic`},
		{name: "pack namespace reserved", body: pack(`  namespace = "AWS/Logs"` + "\n"), want: `namespace`},
		// soc2_kms_key
		{name: "key unknown service", body: strings.Replace(key(""), `["cloudtrail"]`, `["cloudtrail", "dynamodb"]`, 1), want: `dynamodb`},
		{name: "key no service", body: strings.Replace(key(""), `["cloudtrail"]`, `[]`, 1), want: `services`},
		{name: "key alias without prefix", body: strings.Replace(key(""), `"alias/reliability-bad-input"`, `"reliability"`, 1), want: `alias`},
		{name: "key alias reserved", body: strings.Replace(key(""), `"alias/reliability-bad-input"`, `"alias/aws/s3"`, 1), want: `alias`},
		{name: "key rotation period", body: key("  rotation_period_days = 30\n"), want: `rotation_period_days`},
		{name: "key deletion window", body: key("  deletion_window_days = 3\n"), want: `deletion_window_days`},
		{name: "key admin not iam", body: key(`  admin_arns = ["arn:aws:sns:us-east-1:123456789012:t"]` + "\n"), want: `admin_arns`},

		{name: "pack missing log group", body: `resource "soc2_alarm_pack" "a" {
  notification = { create_topic = true }
}
`, want: `log_group_name`},

		// soc2_access_analyzer
		{name: "analyzer unknown region", body: strings.Replace(analyzer(""), `["us-east-1"]`, `["us-east-1", "xx-nowhere-9"]`, 1), want: `regions`},
		{name: "analyzer archive key status", body: analyzer(`  archive_rules = { r = { filter = { status = { eq = ["ACTIVE"] } } } }` + "\n"), want: `archive_rules`},
		{name: "analyzer archive key unknown", body: analyzer(`  archive_rules = { r = { filter = { ispublic = { eq = ["false"] } } } }` + "\n"), want: `archive_rules`},
		{name: "analyzer unused age", body: analyzer("  unused_access_age_days = 400\n"), want: `unused_access_age_days`},
		{name: "analyzer organization without organization", body: analyzer(`  type = "ORGANIZATION"` + "\n"), want: `type`},
		{name: "analyzer name", body: strings.Replace(analyzer(""), `"reliability-bad-input"`, `"1-bad"`, 1), want: `name`},

		// soc2_bucket_access_logging
		{name: "access logging no selection", body: accessLogging(""), want: `buckets`},
		{name: "access logging target among buckets", body: accessLogging(`  buckets = ["reliability-bad-input"]` + "\n"), want: `buckets`},
		{name: "access logging bucket name", body: accessLogging(`  buckets = ["Data_A"]` + "\n"), want: `buckets`},
		{name: "access logging prefix placeholder", body: accessLogging(`  buckets = ["data-a"]` + "\n" + `  target_prefix = "{name}/"` + "\n"), want: `target_prefix`},
		{name: "access logging missing target", body: `resource "soc2_bucket_access_logging" "l" {
  buckets = ["data-a"]
}
`, want: `target_bucket`},

		// soc2_account_public_access_block
		{name: "public access block account id", body: "resource \"soc2_account_public_access_block\" \"p\" {\n  account_id = \"1234\"\n}\n", want: `account_id`},
		{name: "public access block other account", body: "resource \"soc2_account_public_access_block\" \"p\" {\n  account_id = \"111111111111\"\n}\n", want: `an account can only set its own public access block`},
	}
}

// Every invalid configuration fails at plan time with a diagnostic naming the attribute, and the
// whole catalog makes no mutating AWS call.
func TestAccReliability_badInputCatalog(t *testing.T) {
	e := newEnv(t, 1)
	cases := badInputs()
	if len(cases) < 60 {
		t.Fatalf("the catalog has %d invalid configurations; keep at least 60", len(cases))
	}
	t.Run("catalog", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
				t.Parallel()
				cfg := e.providerConfig() + tc.body
				if tc.provider != "" {
					cfg = e.providerConfigWith(tc.provider) + bucket("")
				}
				resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{
					Config:      cfg,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Error: .*` + regexp.QuoteMeta(tc.want)),
				}}))
			})
		}
	})
	s := e.proxy.Stats()
	t.Logf("bad-input catalog: %d invalid configurations, %d AWS calls (%d mutating: %v)", len(cases), s.Calls, s.Mutating, s.MutatingOps())
	if s.Mutating != 0 {
		t.Errorf("invalid configurations caused %d mutating calls: %v", s.Mutating, s.MutatingOps())
	}
}
