package alarmcatalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// designOrder is the product's alarm table, with its CIS and Security Hub
// columns: ids are stable API, so this list changes only on purpose.
var designOrder = []struct{ id, cis, securityHub string }{
	{"root_account_usage", "4.3", "CloudWatch.1"},
	{"unauthorized_api_calls", "4.1", "CloudWatch.2"},
	{"console_signin_without_mfa", "4.2", "CloudWatch.3"},
	{"iam_policy_changes", "4.4", "CloudWatch.4"},
	{"cloudtrail_config_changes", "4.5", "CloudWatch.5"},
	{"console_signin_failures", "4.6", "CloudWatch.6"},
	{"kms_key_disabled_or_scheduled_deletion", "4.7", "CloudWatch.7"},
	{"s3_bucket_policy_changes", "4.8", "CloudWatch.8"},
	{"config_changes", "4.9", "CloudWatch.9"},
	{"security_group_changes", "4.10", "CloudWatch.10"},
	{"nacl_changes", "4.11", "CloudWatch.11"},
	{"network_gateway_changes", "4.12", "CloudWatch.12"},
	{"route_table_changes", "4.13", "CloudWatch.13"},
	{"vpc_changes", "4.14", "CloudWatch.14"},
	{"organizations_changes", "4.15", ""},
	{"iam_role_changes", "", ""},
	{"console_login_outside_business_hours", "", ""},
}

func TestCatalogMatchesDesign(t *testing.T) {
	all := All()
	if len(all) != len(designOrder) {
		t.Fatalf("catalog has %d alarms, the product table has %d", len(all), len(designOrder))
	}
	ids := IDs()
	for i, d := range designOrder {
		a := all[i]
		if a.ID != d.id || ids[i] != d.id {
			t.Errorf("alarm %d is %q (IDs: %q), want %q", i, a.ID, ids[i], d.id)
		}
		if a.CIS != d.cis || a.SecurityHub != d.securityHub {
			t.Errorf("%s: CIS %q / Security Hub %q, want %q / %q", a.ID, a.CIS, a.SecurityHub, d.cis, d.securityHub)
		}
		if a.DefaultThreshold != 1 || a.DefaultPeriod != 300 {
			t.Errorf("%s: defaults %d/%ds, want 1/300s", a.ID, a.DefaultThreshold, a.DefaultPeriod)
		}
		if a.Title == "" || a.Description == "" {
			t.Errorf("%s: missing title or description", a.ID)
		}
		got, ok := Lookup(d.id)
		if !ok || got.ID != d.id {
			t.Errorf("Lookup(%q) = %v, %v", d.id, got, ok)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup of an unknown id succeeded")
	}
}

// realCriteria are the 2017 Trust Services Criteria (Common Criteria CC1-CC9)
// the product maps to; "CC10.1" and the like do not exist.
var realCriteria = regexp.MustCompile(`^CC[1-9]\.[1-9]$`)

func TestSOC2Mapping(t *testing.T) {
	allowed := []string{"CC6.1", "CC6.6", "CC7.1", "CC7.2", "CC7.3", "CC8.1"}
	for _, a := range All() {
		if len(a.SOC2) == 0 {
			t.Errorf("%s: no SOC 2 criteria", a.ID)
		}
		for _, c := range a.SOC2 {
			if !realCriteria.MatchString(c) || !slices.Contains(allowed, c) {
				t.Errorf("%s: %q is not a Trust Services Common Criterion (CC1-CC9)", a.ID, c)
			}
		}
		if !slices.IsSorted(a.SOC2) {
			t.Errorf("%s: criteria %v are not sorted", a.ID, a.SOC2)
		}
	}
}

func TestCatalogIsCopied(t *testing.T) {
	a := All()
	a[0].SOC2[0] = "changed"
	b, _ := Lookup(a[0].ID)
	b.SOC2[0] = "changed"
	if All()[0].SOC2[0] == "changed" {
		t.Error("callers can modify the catalog through All or Lookup")
	}
}

// securityHubPatterns restates the Security Hub control patterns so that an
// accidental edit of the catalog (even whitespace) fails a test: Security
// Hub compares the text.
var securityHubPatterns = map[string]string{
	"CloudWatch.1":  `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
	"CloudWatch.2":  `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`,
	"CloudWatch.3":  `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
	"CloudWatch.6":  `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`,
	"CloudWatch.7":  `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}`,
	"CloudWatch.9":  `{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}`,
	"CloudWatch.12": `{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}`,
}

func TestProfiles(t *testing.T) {
	if got := ValidProfiles(); !slices.Equal(got, []string{"cis", "cis-v3", "tuned"}) {
		t.Errorf("ValidProfiles() = %v", got)
	}
	bh := DefaultBusinessHours()
	cis, err := Patterns(ProfileCIS, bh)
	if err != nil {
		t.Fatal(err)
	}
	tuned, err := Patterns(ProfileTuned, bh)
	if err != nil {
		t.Fatal(err)
	}
	if len(cis) != len(designOrder) || len(tuned) != len(designOrder) {
		t.Fatalf("Patterns returned %d and %d entries, want %d", len(cis), len(tuned), len(designOrder))
	}
	for _, a := range All() {
		for _, set := range []map[string]string{cis, tuned} {
			p, err := filterpattern.Parse(set[a.ID])
			if err != nil {
				t.Errorf("%s: pattern %q does not parse: %v", a.ID, set[a.ID], err)
				continue
			}
			if p.String() != set[a.ID] {
				t.Errorf("%s: parser changed the text", a.ID)
			}
		}
		if want, ok := securityHubPatterns[a.SecurityHub]; ok && cis[a.ID] != want {
			t.Errorf("%s: cis pattern\n got %s\nwant %s", a.ID, cis[a.ID], want)
		}
		if a.ID == "unauthorized_api_calls" {
			if tuned[a.ID] == cis[a.ID] {
				t.Error("tuned unauthorized_api_calls should differ from cis")
			}
			for _, s := range []string{`$.sourceIPAddress!="delivery.logs.amazonaws.com"`, `$.eventName!="HeadBucket"`} {
				if !strings.Contains(tuned[a.ID], s) {
					t.Errorf("tuned unauthorized_api_calls lacks %s", s)
				}
			}
			if a.SecurityHubFor(ProfileTuned) != "" || a.CISFor(ProfileTuned) != "" {
				t.Error("tuned unauthorized_api_calls must not claim CloudWatch.2 / CIS 4.1")
			}
			if a.SecurityHubFor(ProfileCIS) != "CloudWatch.2" || a.CISFor(ProfileCIS) != "4.1" {
				t.Error("cis unauthorized_api_calls must claim CloudWatch.2 / CIS 4.1")
			}
			continue
		}
		if tuned[a.ID] != cis[a.ID] {
			t.Errorf("%s: tuned differs from cis, but the tuned profile only tunes unauthorized_api_calls", a.ID)
		}
		if a.SecurityHubFor(ProfileTuned) != a.SecurityHub || a.CISFor(ProfileTuned) != a.CIS {
			t.Errorf("%s: tuned should keep its controls", a.ID)
		}
	}
	iamRole := cis["iam_role_changes"]
	for _, name := range []string{"CreateRole", "DeleteRole", "UpdateRole", "UpdateAssumeRolePolicy", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary"} {
		if !strings.Contains(iamRole, "= "+name+")") {
			t.Errorf("iam_role_changes does not cover %s", name)
		}
	}
}

func TestPatternErrors(t *testing.T) {
	bh := DefaultBusinessHours()
	if _, err := Pattern("root_account_usage", "strict", bh); err == nil || !strings.Contains(err.Error(), `unknown alarm profile "strict": expected one of cis, cis-v3, tuned`) {
		t.Errorf("bad profile: %v", err)
	}
	if _, err := Pattern("no_such_alarm", ProfileCIS, bh); err == nil || !strings.Contains(err.Error(), `unknown alarm id "no_such_alarm"`) {
		t.Errorf("bad id: %v", err)
	}
	// Only the business-hours alarm looks at the window.
	if _, err := Pattern("root_account_usage", ProfileCIS, BusinessHours{}); err != nil {
		t.Errorf("root_account_usage should not need business hours: %v", err)
	}
	if _, err := Pattern("console_login_outside_business_hours", ProfileCIS, BusinessHours{}); err == nil {
		t.Error("the business-hours alarm accepted an empty window")
	}
	if _, err := Patterns(ProfileTuned, BusinessHours{Start: "09:00", End: "09:00", UTCOffset: "+00:00"}); err == nil {
		t.Error("Patterns accepted an empty window")
	}
}
