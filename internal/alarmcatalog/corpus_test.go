package alarmcatalog

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// corpus lists, for every record file under testdata/cloudtrail, the exact
// set of alarms each record must raise. The files hold CloudTrail log files
// ({"Records":[...]}) written from the documented record format: records
// that must fire, and near misses that must not (a failed versus successful
// sign-in, an SSO sign-in without MFA, root activity invoked by a service, an
// event name one word away, the first and last minute of a business window,
// half-hour and negative offsets).
var corpus = []struct {
	file    string
	profile Profile
	bh      BusinessHours
	want    [][]string
}{
	{"root_account.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"root_account_usage"},
		{"root_account_usage"},
		{},
		{},
		{"cloudtrail_config_changes", "root_account_usage"},
		{"console_login_outside_business_hours", "root_account_usage"},
		{},
	}},
	{"console_signin.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"console_signin_without_mfa"},
		{},
		{"console_signin_failures"},
		{},
		{"console_login_outside_business_hours", "console_signin_without_mfa"},
		{},
	}},
	{"business_hours_utc.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"console_login_outside_business_hours"},
		{},
		{},
		{"console_login_outside_business_hours"},
		{"console_login_outside_business_hours"},
		{"console_login_outside_business_hours"},
		{"console_signin_failures"},
		{"console_login_outside_business_hours"},
	}},
	{"business_hours_ist.json", ProfileCIS, BusinessHours{"09:00", "17:30", "+05:30"}, [][]string{
		{"console_login_outside_business_hours"},
		{},
		{},
		{"console_login_outside_business_hours"},
		{"console_login_outside_business_hours"},
	}},
	{"business_hours_awkward.json", ProfileCIS, BusinessHours{"08:17", "17:43", "-09:30"}, [][]string{
		{"console_login_outside_business_hours"},
		{},
		{},
		{},
		{"console_login_outside_business_hours"},
		{"console_login_outside_business_hours"},
	}},
	{"iam.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"iam_policy_changes"},
		{"iam_policy_changes"},
		{"iam_policy_changes"},
		{"iam_policy_changes"},
		{},
		{},
		{"iam_role_changes"},
		{"iam_role_changes"},
		{"iam_role_changes"},
		{"iam_role_changes"},
		{},
		{},
		{"iam_role_changes"},
		{"iam_role_changes"},
		{"iam_policy_changes"},
		{"iam_policy_changes", "unauthorized_api_calls"},
	}},
	{"cloudtrail_config.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"cloudtrail_config_changes"},
		{"cloudtrail_config_changes"},
		{"cloudtrail_config_changes"},
		{"cloudtrail_config_changes"},
		{"cloudtrail_config_changes"},
		{},
		{},
	}},
	{"kms.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"kms_key_disabled_or_scheduled_deletion"},
		{"kms_key_disabled_or_scheduled_deletion"},
		{},
		{},
		{},
		{},
	}},
	{"s3.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"s3_bucket_policy_changes"},
		{"s3_bucket_policy_changes"},
		{"s3_bucket_policy_changes"},
		{"s3_bucket_policy_changes"},
		{"s3_bucket_policy_changes"},
		{"s3_bucket_policy_changes"},
		{},
		{},
		{},
		{},
	}},
	{"config.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"config_changes"},
		{"config_changes"},
		{"config_changes"},
		{"config_changes"},
		{},
		{},
	}},
	{"network.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"security_group_changes"},
		{"security_group_changes"},
		{"security_group_changes"},
		{"security_group_changes"},
		{},
		{},
		{"nacl_changes"},
		{"nacl_changes"},
		{"nacl_changes"},
		{},
		{"network_gateway_changes"},
		{"network_gateway_changes"},
		{"network_gateway_changes"},
		{},
		{"route_table_changes"},
		{"route_table_changes"},
		{"route_table_changes"},
		{},
		{"vpc_changes"},
		{"vpc_changes"},
		{"vpc_changes"},
		{"vpc_changes"},
		{},
		{},
		{"route_table_changes"},
	}},
	{"organizations.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"organizations_changes"},
		{"organizations_changes"},
		{"iam_policy_changes", "organizations_changes"},
		{"organizations_changes"},
		{"organizations_changes"},
		{},
		{},
		{},
	}},
	{"unauthorized.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"unauthorized_api_calls"},
		{"unauthorized_api_calls"},
		{"unauthorized_api_calls"},
		{"unauthorized_api_calls"},
		{"unauthorized_api_calls"},
		{},
		{},
		{},
	}},
	// Where cis-v3 differs from cis: API Gateway's CreateRoute, the three organization events the
	// auditor's 4.15 check adds, and a successful read that the literal v3.0 4.1 text would match.
	{"cisv3/differences.json", ProfileCIS, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"route_table_changes"},
		{"route_table_changes"},
		{"route_table_changes"},
		{"route_table_changes"},
		{},
		{},
		{},
		{},
		{"organizations_changes"},
		{},
	}},
	{"cisv3/differences.json", ProfileCISv3, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{},
		{"route_table_changes"},
		{"route_table_changes"},
		{"route_table_changes"},
		{"organizations_changes"},
		{"organizations_changes"},
		{"organizations_changes"},
		{},
		{"organizations_changes"},
		{},
	}},
	{"unauthorized.json", ProfileTuned, BusinessHours{"08:00", "18:00", "+00:00"}, [][]string{
		{"unauthorized_api_calls"},
		{"unauthorized_api_calls"},
		{"unauthorized_api_calls"},
		{},
		{},
		{},
		{},
		{},
	}},
}

// loadRecords returns each record of a CloudTrail log file compacted to one
// line, as CloudTrail delivers it to CloudWatch Logs.
func loadRecords(t *testing.T, file string) [][]byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "cloudtrail", file))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Records []json.RawMessage }
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := make([][]byte, len(doc.Records))
	for i, r := range doc.Records {
		var buf bytes.Buffer
		if err := json.Compact(&buf, r); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	return out
}

// compilePatterns parses every pattern of the profile through the engine.
func compilePatterns(t *testing.T, profile Profile, bh BusinessHours) map[string]*filterpattern.Pattern {
	t.Helper()
	patterns, err := Patterns(profile, bh)
	if err != nil {
		t.Fatal(err)
	}
	compiled := map[string]*filterpattern.Pattern{}
	for id, src := range patterns {
		if compiled[id], err = filterpattern.Parse(src); err != nil {
			t.Fatalf("%s %s: %v", profile, id, err)
		}
	}
	return compiled
}

// alarmsRaised is the sorted ids of the alarms whose pattern matches the record.
func alarmsRaised(compiled map[string]*filterpattern.Pattern, rec []byte) []string {
	ev := filterpattern.ParseEvent(rec)
	got := []string{}
	for id, p := range compiled {
		if p.MatchEvent(ev) {
			got = append(got, id)
		}
	}
	sort.Strings(got)
	return got
}

func TestCorpus(t *testing.T) {
	fired := map[string]bool{}
	missed := map[string]bool{} // alarms with a near miss in a file that exercises them
	files, _ := filepath.Glob(filepath.Join("testdata", "cloudtrail", "*.json"))
	covered := map[string]bool{}
	for _, c := range corpus {
		covered[c.file] = true
		compiled := compilePatterns(t, c.profile, c.bh)
		records := loadRecords(t, c.file)
		if len(records) != len(c.want) {
			t.Fatalf("%s: %d records, table has %d", c.file, len(records), len(c.want))
		}
		fileAlarms := map[string]bool{}
		for _, w := range c.want {
			for _, id := range w {
				fileAlarms[id] = true
			}
		}
		for i, rec := range records {
			got := alarmsRaised(compiled, rec)
			want := c.want[i]
			if !slices.Equal(got, want) {
				t.Errorf("%s (%s) record %d: alarms %v, want %v\n%s", c.file, c.profile, i, got, want, rec)
			}
			for _, id := range want {
				fired[id] = true
			}
			for id := range fileAlarms {
				if !slices.Contains(want, id) {
					missed[id] = true
				}
			}
		}
	}
	for _, id := range IDs() {
		if !fired[id] {
			t.Errorf("no corpus record fires %s", id)
		}
		if !missed[id] {
			t.Errorf("no near-miss record for %s", id)
		}
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s is not in the corpus table", f)
		}
	}
}
