package alarmpack

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
