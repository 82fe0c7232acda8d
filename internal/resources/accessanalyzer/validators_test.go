package accessanalyzer

import (
	"strings"
	"testing"
)

func TestFilterKeyProblem(t *testing.T) {
	for _, ok := range []string{"isPublic", "resourceType", "principal.AWS", "condition.aws:PrincipalOrgID", "findingType", "error"} {
		if p := filterKeyProblem(ok); p != "" {
			t.Errorf("%s refused: %s", ok, p)
		}
	}
	for bad, want := range map[string]string{
		"status": "refuses it in archive rules", "ispublic": "not an Access Analyzer archive-rule filter key",
		"condition.": "not an Access Analyzer", "principal": "access-analyzer-reference-filter-keys",
	} {
		if p := filterKeyProblem(bad); !strings.Contains(p, want) {
			t.Errorf("%s: %q, want it to contain %q", bad, p, want)
		}
	}
}

func TestNameTypeAndAgeProblems(t *testing.T) {
	if nameProblem("soc2-access-analyzer") != "" || nameProblem("1bad") == "" || nameProblem(strings.Repeat("a", 56)) == "" {
		t.Error("nameProblem")
	}
	if typeProblem("ACCOUNT") != "" || typeProblem("ORGANIZATION") != "" || !strings.Contains(typeProblem("ACCOUNT_UNUSED_ACCESS"), "unused_access_age_days") {
		t.Error("typeProblem")
	}
	for _, days := range []int64{0, 366, -1} {
		if p := unusedAgeProblem(days); !strings.Contains(p, "1–365") {
			t.Errorf("%d: %q", days, p)
		}
	}
	if unusedAgeProblem(1) != "" || unusedAgeProblem(365) != "" {
		t.Error("1 and 365 are valid")
	}
}
