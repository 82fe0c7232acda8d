package alarmpack

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

func validSpec() packSpec {
	return packSpec{
		LogGroupName: "/soc2/cloudtrail", NamePrefix: "soc2-", Namespace: defaultNamespace,
		Profile: alarmcatalog.ProfileCIS, BusinessHours: alarmcatalog.DefaultBusinessHours(),
		Notification: notificationSpec{CreateTopic: true, Known: true},
		Overrides:    map[string]overrideSpec{},
	}
}

// Every plan-time error names the attribute, quotes the bad value and says how to fix it.
func TestValidateSpec(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(*packSpec)
		path   path.Path
		detail []string // substrings: attribute, value, fix
	}{
		{"unknown exclude id", func(s *packSpec) { s.Exclude = []string{"root_acount_usage"} },
			path.Root("exclude").AtSetValue(types.StringValue("root_acount_usage")),
			[]string{`exclude = "root_acount_usage"`, "not an alarm of the catalog", "use one of", "root_account_usage"}},
		{"unknown override id", func(s *packSpec) { s.Overrides["vpc_change"] = overrideSpec{Threshold: 2} },
			path.Root("overrides").AtMapKey("vpc_change"),
			[]string{`overrides["vpc_change"]`, "not an alarm of the catalog", "vpc_changes"}},
		{"override of a custom alarm", func(s *packSpec) {
			s.Custom = []customSpec{{ID: "mine", Pattern: "ERROR", PatternKnown: true}}
			s.Overrides["mine"] = overrideSpec{Threshold: 2}
		}, path.Root("overrides").AtMapKey("mine"),
			[]string{`overrides["mine"]`, "set threshold, period and evaluation_periods on the custom alarm itself"}},
		{"override of an excluded alarm", func(s *packSpec) {
			s.Exclude = []string{"vpc_changes"}
			s.Overrides["vpc_changes"] = overrideSpec{Threshold: 2}
		}, path.Root("overrides").AtMapKey("vpc_changes"),
			[]string{`overrides["vpc_changes"]`, "in exclude", "remove one of the two"}},
		{"duplicate custom id", func(s *packSpec) {
			s.Custom = []customSpec{{ID: "mine", Pattern: "ERROR", PatternKnown: true}, {ID: "mine", Pattern: "WARN", PatternKnown: true}}
		}, path.Root("custom_alarms").AtListIndex(1).AtName("id"),
			[]string{`custom_alarms[1].id = "mine"`, "custom_alarms[0] already uses this id", "give each custom alarm its own id"}},
		{"custom id collides with the catalog", func(s *packSpec) {
			s.Custom = []customSpec{{ID: "vpc_changes", Pattern: "ERROR", PatternKnown: true}}
		}, path.Root("custom_alarms").AtListIndex(0).AtName("id"),
			[]string{`custom_alarms[0].id = "vpc_changes"`, "catalog already has", `overrides["vpc_changes"]`}},
		{"invalid custom pattern", func(s *packSpec) {
			s.Custom = []customSpec{{ID: "mine", Pattern: "{ $.eventName = }", PatternKnown: true}}
		}, path.Root("custom_alarms").AtListIndex(0).AtName("pattern"),
			[]string{`custom_alarms[0].pattern = "{ $.eventName = }"`, `alarm "mine"`, "position 17", "expected a value", "correct the pattern"}},
		{"more regex filters than a log group allows", func(s *packSpec) {
			for i := range 5 {
				id := fmt.Sprintf("regex_%d", i)
				s.Custom = append(s.Custom, customSpec{ID: id, Pattern: `{ $.eventName = %Delete.*% }`, PatternKnown: true})
			}
		}, path.Root("custom_alarms"),
			[]string{"6 alarms use %regex% patterns", "regex_0", "console_login_outside_business_hours", "at most 5 per log group", "rewrite some"}},
		{"more filters than a log group allows", func(s *packSpec) {
			for i := range 84 {
				s.Custom = append(s.Custom, customSpec{ID: fmt.Sprintf("custom_%d", i), Pattern: "ERROR", PatternKnown: true})
			}
		}, path.Root("custom_alarms"),
			[]string{"101 metric filters", "at most 100 per log group", "exclude alarms"}},
		{"invalid business hours", func(s *packSpec) { s.BusinessHours.UTCOffset = "+15:00" },
			path.Root("business_hours"),
			[]string{`utc_offset = "+15:00"`, "between -12:00 and +14:00"}},
		{"empty business hours window", func(s *packSpec) { s.BusinessHours.End = "08:00" },
			path.Root("business_hours"),
			[]string{`end = "08:00"`, "window would be empty", "use different times"}},
		{"topic and create_topic", func(s *packSpec) { s.Notification.SNSTopicARN = "arn:aws:sns:us-east-1:123456789012:x" },
			path.Root("notification").AtName("sns_topic_arn"),
			[]string{`notification.sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:x"`, "choose one"}},
		{"no notification target", func(s *packSpec) { s.Notification.CreateTopic = false },
			path.Root("notification"),
			[]string{"notify nobody", "set sns_topic_arn", "create_topic = true"}},
		{"email without create_topic", func(s *packSpec) {
			s.Notification = notificationSpec{SNSTopicARN: "arn:aws:sns:us-east-1:123456789012:x", EmailEndpoints: []string{"a@b.example"}, Known: true}
		}, path.Root("notification").AtName("email_endpoints"),
			[]string{"notification.email_endpoints", "set create_topic = true or remove email_endpoints"}},
	}
	if diags := validSpec().validate(); diags.HasError() {
		t.Fatalf("the valid spec fails: %v", diags)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := validSpec()
			tc.edit(&s)
			diags := s.validate()
			if diags.ErrorsCount() != 1 {
				t.Fatalf("want exactly one error, got %v", diags)
			}
			d := diags.Errors()[0]
			withPath, ok := d.(interface{ Path() path.Path })
			if !ok || !withPath.Path().Equal(tc.path) {
				t.Errorf("error is not attached to %s: %v", tc.path, d)
			}
			for _, want := range tc.detail {
				if !strings.Contains(d.Detail(), want) {
					t.Errorf("detail %q lacks %q", d.Detail(), want)
				}
			}
		})
	}
}

func TestValidatorsNameValueAndFix(t *testing.T) {
	ctx := context.Background()
	int64Cases := []struct {
		v      validator.Int64
		value  int64
		detail []string
	}{
		{validate.AtLeast(1, "use 1 to alarm on every matching event"), 0, []string{"overrides[\"x\"].threshold = 0", "at least 1", "use 1"}},
		{periodValidator, 90, []string{"= 90", "multiple of 60", "use 60 or 120"}},
		{periodValidator, 30, []string{"= 30", "between 60 and 86400"}},
		{periodValidator, 90000, []string{"= 90000", "between 60 and 86400"}},
	}
	for _, tc := range int64Cases {
		p := path.Root("overrides").AtMapKey("x").AtName("threshold")
		resp := &validator.Int64Response{}
		tc.v.ValidateInt64(ctx, validator.Int64Request{Path: p, ConfigValue: types.Int64Value(tc.value)}, resp)
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Fatalf("%d: want one error, got %v", tc.value, resp.Diagnostics)
		}
		for _, want := range tc.detail {
			if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, want) {
				t.Errorf("detail %q lacks %q", d, want)
			}
		}
	}
	resp := &validator.Int64Response{}
	periodValidator.ValidateInt64(ctx, validator.Int64Request{ConfigValue: types.Int64Value(600)}, resp)
	if resp.Diagnostics.HasError() {
		t.Errorf("600 s is a valid period: %v", resp.Diagnostics)
	}

	for _, tc := range []struct {
		check      func(string) string
		bad, good  string
		fixExample string
	}{
		{namePrefixProblem, "soc2:", "soc2-", `"soc2-"`},
		{validate.LogGroupNameProblem, "/soc2/cloud trail", "/soc2/cloudtrail", `"/soc2/cloudtrail"`},
		{customIDProblem, "Public-Access", "public_access", `"public_access_block_changes"`},
		{namespaceProblem, "AWS/Logs", "SOC2/CloudTrail", `"SOC2/CloudTrail"`},
		{emailProblem, "secops", "secops@example.com", `"secops@example.com"`},
	} {
		if p := tc.check(tc.good); p != "" {
			t.Errorf("%q rejected: %s", tc.good, p)
		}
		if p := tc.check(tc.bad); !strings.Contains(p, tc.fixExample) {
			t.Errorf("%q: problem %q lacks the fix %s", tc.bad, p, tc.fixExample)
		}
	}
}

func TestImportIDAndDescriptionRoundTrip(t *testing.T) {
	lg, prefix, ok := cutImportID("/soc2/cloudtrail:soc2-")
	if !ok || lg != "/soc2/cloudtrail" || prefix != "soc2-" {
		t.Errorf("cutImportID = %q %q %v", lg, prefix, ok)
	}
	if _, _, ok := cutImportID("/soc2/cloudtrail"); ok {
		t.Error("an id without the separator was accepted")
	}
	s := validSpec()
	s.BusinessHours = alarmcatalog.BusinessHours{Start: "09:30", End: "17:00", UTCOffset: "-05:00"}
	a := alarmSpec{ID: businessHoursAlarmID, Description: "Out of hours", Controls: []string{"CC6.1", "CC7.2"}}
	got := parseDescription(alarmDescription(s, a))
	if got.Description != "Out of hours" || strings.Join(got.Controls, ",") != "CC6.1,CC7.2" || !got.ManagedTopic ||
		got.BusinessHours == nil || *got.BusinessHours != s.BusinessHours {
		t.Errorf("round trip lost data: %+v", got)
	}
}

func TestTopicPolicy(t *testing.T) {
	arn := "arn:aws:sns:us-east-1:123456789012:soc2-alarms"
	if !policyLetsCloudWatchPublish(topicPolicy(arn, "123456789012"), arn, "123456789012") {
		t.Error("the generated policy is not recognised")
	}
	// Whitespace, key order and single-element forms do not matter.
	reordered := `{ "Statement": { "Resource": "` + arn + `", "Action": ["sns:Publish"], "Effect": "Allow",
	  "Principal": { "Service": ["cloudwatch.amazonaws.com"] },
	  "Condition": { "StringEquals": { "aws:SourceAccount": ["123456789012"] } } }, "Version": "2012-10-17" }`
	if !policyLetsCloudWatchPublish(reordered, arn, "123456789012") {
		t.Error("an equivalent policy in another form is not recognised")
	}
	for name, p := range map[string]string{
		"empty":       `{"Version":"2012-10-17","Statement":[]}`,
		"deny":        topicPolicy(arn, "123456789012")[:len(topicPolicy(arn, "123456789012"))-2] + `,{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"*"}]}`,
		"other topic": topicPolicy(arn+"-other", "123456789012"),
		"not json":    `nope`,
	} {
		if policyLetsCloudWatchPublish(p, arn, "123456789012") {
			t.Errorf("%s policy accepted", name)
		}
	}
}

func TestAlarmsFromSpec(t *testing.T) {
	s := validSpec()
	s.Exclude = []string{"organizations_changes"}
	s.Overrides["unauthorized_api_calls"] = overrideSpec{Threshold: 5, Period: 600}
	s.Custom = []customSpec{{ID: "mine", Pattern: "ERROR", PatternKnown: true, Threshold: 2, Period: 60, EvaluationPeriods: 3}}
	got, err := s.alarms()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(alarmcatalog.IDs()) {
		t.Errorf("%d alarms, want %d (17 - 1 excluded + 1 custom)", len(got), len(alarmcatalog.IDs()))
	}
	if _, ok := got["organizations_changes"]; ok {
		t.Error("an excluded alarm is built")
	}
	if u := got["unauthorized_api_calls"]; u.Threshold != 5 || u.Period != 600 || u.EvaluationPeriods != 1 {
		t.Errorf("override not applied: %+v", u)
	}
	if m := got["mine"]; m.Threshold != 2 || m.Period != 60 || m.EvaluationPeriods != 3 || m.Pattern != "ERROR" {
		t.Errorf("custom alarm: %+v", m)
	}
}
