package cloudtrailbaseline

import (
	"errors"
	"strings"
	"testing"
)

func TestOrganizationTrailProblem(t *testing.T) {
	const me = "111111111111"
	cases := map[string]struct {
		facts *organizationFacts
		want  string
	}{
		"management account":   {&organizationFacts{ID: "o-abc", ManagementAccountID: me}, ""},
		"delegated admin":      {&organizationFacts{ID: "o-abc", ManagementAccountID: "222222222222", Delegated: []string{"333333333333", me}}, ""},
		"no organization":      {nil, "account 111111111111 is not a member of an AWS Organization"},
		"member account":       {&organizationFacts{ID: "o-abc", ManagementAccountID: "222222222222", Delegated: []string{"333333333333"}}, "neither the management account (222222222222) of organization o-abc nor a delegated administrator"},
		"member, list refused": {&organizationFacts{ID: "o-abc", ManagementAccountID: "222222222222", DelegatedErr: errors.New("AccessDenied")}, "could not be listed: AccessDenied"},
	}
	for name, tc := range cases {
		got := organizationTrailProblem(me, tc.facts)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

func TestAggregatorRoleName(t *testing.T) {
	if got := aggregatorRoleName("soc2"); got != "soc2-cloudtrail-soc2+config" {
		t.Errorf("aggregatorRoleName(soc2) = %q", got)
	}
	// No trail name contains "+", so no delivery role can take an aggregator role's name.
	if trailNameProblem("a+config") == "" {
		t.Error("a trail named a+config would share its delivery role name with trail a's aggregator role")
	}
	long := strings.Repeat("x", 100)
	if n := aggregatorRoleName(long); len(n) > 64 || n == roleNameFor(long) {
		t.Errorf("long trail: %q", n)
	}
}

func TestOrganizationProblemForConfig(t *testing.T) {
	f := &organizationFacts{ID: "o-abc", ManagementAccountID: "222222222222"}
	if p := organizationProblem("111111111111", f, "AWS Config", "register-delegated-administrator --service-principal config.amazonaws.com"); !strings.Contains(p, "delegated administrator of AWS Config") || !strings.Contains(p, "config.amazonaws.com") {
		t.Errorf("member account: %q", p)
	}
	if p := organizationProblem("222222222222", f, "AWS Config", ""); p != "" {
		t.Errorf("management account refused: %q", p)
	}
}
