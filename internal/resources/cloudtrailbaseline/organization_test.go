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
