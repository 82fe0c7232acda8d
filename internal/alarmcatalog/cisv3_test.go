package alarmcatalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// literalV3UnauthorizedAPICalls is the CIS v3.0 4.1 audit text, kept only to show why cis-v3
// deviates from it.
const literalV3UnauthorizedAPICalls = `{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode = AccessDenied*) || ($.sourceIPAddress!=delivery.logs.amazonaws.com) || ($.eventName!=HeadBucket) }`

func TestCISv3CoversEveryCISRecommendation(t *testing.T) {
	bh := DefaultBusinessHours()
	for _, a := range All() {
		v3, err := Pattern(a.ID, ProfileCISv3, bh)
		if err != nil {
			t.Fatal(err)
		}
		cis, _ := Pattern(a.ID, ProfileCIS, bh)
		_, own := cisV3Patterns[a.ID]
		switch {
		case a.CIS != "" && !own:
			t.Errorf("%s (CIS %s) has no cis-v3 pattern", a.ID, a.CIS)
		case a.CIS == "" && v3 != cis:
			t.Errorf("%s has no CIS recommendation, so cis-v3 must keep its cis pattern", a.ID)
		}
		if got := a.CISFor(ProfileCISv3); got != a.CIS {
			t.Errorf("%s: CISFor(cis-v3) = %q, want %q", a.ID, got, a.CIS)
		}
		wantHub := ""
		if v3 == cis {
			wantHub = a.SecurityHub
		}
		if got := a.SecurityHubFor(ProfileCISv3); got != wantHub {
			t.Errorf("%s: SecurityHubFor(cis-v3) = %q, want %q (a Security Hub control is claimed only for its exact text)", a.ID, got, wantHub)
		}
	}
	for id := range cisV3Deviations {
		if _, ok := cisV3Patterns[id]; !ok {
			t.Errorf("deviation for %s, which has no cis-v3 pattern", id)
		}
	}
}

var eventNames = regexp.MustCompile(`\$\.eventName\s*=\s*"?([A-Za-z]+)`)

func TestCISv3WhatTheAuditorLooksFor(t *testing.T) {
	bh := DefaultBusinessHours()
	route, _ := Pattern("route_table_changes", ProfileCISv3, bh)
	if !strings.HasPrefix(route, "{($.eventSource = ec2.amazonaws.com) && ") {
		t.Errorf("route_table_changes must start with the v3.0 eventSource clause: %s", route)
	}
	org, _ := Pattern("organizations_changes", ProfileCISv3, bh)
	cisOrg, _ := Pattern("organizations_changes", ProfileCIS, bh)
	names := func(p string) []string {
		var out []string
		for _, m := range eventNames.FindAllStringSubmatch(p, -1) {
			out = append(out, m[1])
		}
		return out
	}
	got := names(org)
	for _, n := range append(names(cisOrg), "CancelHandshake", "CreateOrganization", "EnableAllFeatures") {
		if !slices.Contains(got, n) {
			t.Errorf("organizations_changes (cis-v3) lacks %s", n)
		}
	}
	if len(got) != 21 {
		t.Errorf("organizations_changes (cis-v3) lists %d events, want the v3.0 text's 18 plus 3", len(got))
	}
}

// The literal v3.0 4.1 text matches an ordinary successful call; the cis-v3 pattern does not,
// and still fires on a denied call.
func TestCISv3UnauthorizedDeviation(t *testing.T) {
	literal, err := filterpattern.Parse(literalV3UnauthorizedAPICalls)
	if err != nil {
		t.Fatal(err)
	}
	v3src, _ := Pattern(idUnauthorizedAPICalls, ProfileCISv3, DefaultBusinessHours())
	v3, err := filterpattern.Parse(v3src)
	if err != nil {
		t.Fatal(err)
	}
	ok := filterpattern.ParseEvent([]byte(`{"eventSource":"s3.amazonaws.com","eventName":"GetBucketLocation","sourceIPAddress":"203.0.113.10"}`))
	denied := filterpattern.ParseEvent([]byte(`{"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation","sourceIPAddress":"203.0.113.10"}`))
	if !literal.MatchEvent(ok) {
		t.Error("the literal v3.0 4.1 text was expected to match a successful call (the reason cis-v3 deviates)")
	}
	if v3.MatchEvent(ok) || !v3.MatchEvent(denied) {
		t.Errorf("cis-v3 unauthorized_api_calls must fire on denied calls only: %s", v3src)
	}
	if CISv3Deviation(idUnauthorizedAPICalls) == "" || CISv3Deviation("root_account_usage") != "" {
		t.Error("only the deviating alarms carry a reason")
	}
}
