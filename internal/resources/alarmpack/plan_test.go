package alarmpack

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// Every plan-time error names the attribute, quotes the bad value and says how to fix it.
// validateCase is one invalid configuration and the error it must produce.
type validateCase struct {
	name   string
	edit   func(*packSpec)
	path   path.Path
	detail []string // substrings: attribute, value, fix
}

func validateSpecCases() []validateCase {
	return []validateCase{
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
}

func TestValidateSpec(t *testing.T) {
	cases := validateSpecCases()
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

// An AWS managed key for the created topic is refused before any AWS call, in every form that
// names one by alias; customer managed keys pass.
func TestAWSManagedTopicKeyRefused(t *testing.T) {
	for _, key := range []string{
		"alias/aws/sns",
		"arn:aws:kms:us-east-1:123456789012:alias/aws/sns",
		"arn:aws:kms:us-east-1:123456789012:alias/aws/cloudtrail",
	} {
		s := validSpec()
		s.Notification.KMSKeyARN, s.Notification.KMSKeyKnown = key, true
		diags := s.validate()
		if diags.ErrorsCount() != 1 {
			t.Fatalf("%s: want exactly one error, got %v", key, diags)
		}
		d := diags.Errors()[0]
		if withPath, ok := d.(interface{ Path() path.Path }); !ok || !withPath.Path().Equal(path.Root("notification").AtName("kms_key_arn")) {
			t.Errorf("%s: error is not attached to notification.kms_key_arn: %v", key, d)
		}
		for _, want := range []string{
			`notification.kms_key_arn = "` + key + `"`, "AWS managed KMS key", "cannot publish", docSNSEncryptedTopic,
			"customer managed key", "cloudwatch.amazonaws.com", "kms:GenerateDataKey*", "kms:Decrypt",
		} {
			if !strings.Contains(d.Detail(), want) {
				t.Errorf("%s: detail %q lacks %q", key, d.Detail(), want)
			}
		}
	}
	for _, key := range []string{
		"arn:aws:kms:us-east-1:123456789012:alias/soc2-alarms",
		"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:kms:us-east-1:123456789012:alias/awsome", // a customer alias that merely starts with "aws"
	} {
		s := validSpec()
		s.Notification.KMSKeyARN, s.Notification.KMSKeyKnown = key, true
		if diags := s.validate(); diags.HasError() {
			t.Errorf("%s refused: %v", key, diags)
		}
	}
}

// The created topic's customer managed key: a key policy without the CloudWatch statement is a
// warning naming each missing permission; the documented statement silences it; a key policy
// that cannot be read is a warning that it was not checked. Nothing here is an error.
func TestCheckTopicKey(t *testing.T) {
	client, _ := emulatorClient(t)
	ctx := context.Background()
	r := &alarmPackResource{ResourceBase: framework.ResourceBase{Client: client}}
	root := `{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::` + client.AccountID + `:root"}, "Action": "kms:*", "Resource": "*"}`
	newKey := func(policy string) string {
		out, err := client.KMS("").CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(policy), Description: aws.String("alarmpack TestCheckTopicKey")})
		if err != nil {
			t.Fatalf("creating key: %v", err)
		}
		t.Cleanup(func() {
			_, _ = client.KMS("").ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: out.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
		})
		return aws.ToString(out.KeyMetadata.Arn)
	}
	check := func(keyARN string) diag.Diagnostics {
		s := validSpec()
		s.Notification.KMSKeyARN, s.Notification.KMSKeyKnown = keyARN, true
		topicARN, _ := r.topicARN(s)
		var diags diag.Diagnostics
		r.checkTopicKey(ctx, s, topicARN, &diags)
		if diags.HasError() {
			t.Errorf("%s: a key policy check must only warn: %v", keyARN, diags)
		}
		return diags
	}

	gaps := check(newKey(`{"Version": "2012-10-17", "Statement": [` + root + `]}`))
	if len(gaps.Warnings()) != 1 {
		t.Fatalf("want one warning for a key policy without the CloudWatch statement, got %v", gaps)
	}
	for _, want := range []string{"notification.kms_key_arn", "cloudwatch.amazonaws.com kms:GenerateDataKey", "cloudwatch.amazonaws.com kms:Decrypt", `"kms:GenerateDataKey*", "kms:Decrypt"`} {
		if !strings.Contains(gaps.Warnings()[0].Detail(), want) {
			t.Errorf("warning %q lacks %q", gaps.Warnings()[0].Detail(), want)
		}
	}

	if diags := check(newKey(`{"Version": "2012-10-17", "Statement": [` + root + `, ` + topicKeyStatement + `]}`)); len(diags) != 0 {
		t.Errorf("the documented statement still warns: %v", diags)
	}

	missing := "arn:aws:kms:us-east-1:" + client.AccountID + ":key/00000000-0000-0000-0000-000000000000"
	unread := check(missing)
	if len(unread.Warnings()) != 1 || !strings.Contains(unread.Warnings()[0].Detail(), "could not be read") {
		t.Errorf("want a could-not-check warning for %s, got %v", missing, unread)
	}
}
