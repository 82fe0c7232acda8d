package kmskey

import (
	"strings"
	"testing"
)

func TestAliasProblem(t *testing.T) {
	for v, want := range map[string]string{
		"alias/soc2-baseline":               "",
		"alias/team/soc2_key-1":             "",
		"soc2-baseline":                     `must start with "alias/"`,
		"alias/aws/s3":                      "reserved for AWS managed keys",
		"alias/AWS/x":                       "reserved for AWS managed keys",
		"alias/":                            "may hold only",
		"alias/soc2 key":                    "may hold only",
		"alias/" + strings.Repeat("a", 251): "at most 256 characters",
	} {
		got := aliasProblem(v)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("aliasProblem(%q) = %q, want %q", v, got, want)
		}
		if got != "" && !strings.Contains(got, `"alias/soc2-baseline"`) {
			t.Errorf("aliasProblem(%q) = %q gives no example fix", v, got)
		}
	}
}

func TestAdminProblem(t *testing.T) {
	for v, want := range map[string]string{
		"arn:aws:iam::123456789012:root":                "",
		"arn:aws:iam::123456789012:role/security-admin": "",
		"arn:aws:iam::123456789012:user/alice":          "",
		"arn:aws-us-gov:iam::123456789012:role/x":       "",
		"arn:aws:iam::123456789012:role/":               "not a role, user or root",
		"arn:aws:iam::123456789012:group/admins":        "not a role, user or root",
		"arn:aws:sts::123456789012:assumed-role/a/b":    `service "sts"`,
		"arn:aws:iam::1234:root":                        "not 12 digits",
		"role/admin":                                    "not an ARN",
	} {
		got := adminProblem(v)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("adminProblem(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestServiceAndRangeProblems(t *testing.T) {
	if p := serviceProblem("logs"); p != "" {
		t.Errorf("serviceProblem(logs) = %q", p)
	}
	if p := serviceProblem("cloudwatch"); !strings.Contains(p, `"cloudtrail", "config", "logs", "s3", "sns"`) {
		t.Errorf("serviceProblem(cloudwatch) = %q does not list the services", p)
	}
	rotation := rangeProblem("the rotation period", minRotationDays, maxRotationDays, "fix")
	for v, bad := range map[int64]bool{89: true, 90: false, 365: false, 2560: false, 2561: true} {
		if got := rotation(v) != ""; got != bad {
			t.Errorf("rotation %d: problem %v, want %v", v, got, bad)
		}
	}
	window := rangeProblem("the deletion window", minDeletionWindowDays, maxDeletionWindowDays, "fix")
	for v, bad := range map[int64]bool{6: true, 7: false, 30: false, 31: true} {
		if got := window(v) != ""; got != bad {
			t.Errorf("window %d: problem %v, want %v", v, got, bad)
		}
	}
	if logGroupProblem("/soc2/*") == "" || logGroupProblem("/soc2/cloudtrail") != "" {
		t.Error("logGroupProblem must refuse wildcards only")
	}
}
