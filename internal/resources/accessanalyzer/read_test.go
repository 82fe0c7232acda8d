package accessanalyzer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// refresh is Read: the state of what the fake account holds now.
func refresh(t *testing.T, client *conns.AWSClient, state resourceModel) resourceModel {
	t.Helper()
	r := &analyzerResource{}
	r.Client = client
	d := testDesired()
	next, gone, diags := r.read(context.Background(), state, &applied{Archive: d.Archive, UnusedAge: d.UnusedAge})
	if diags.HasError() || gone {
		t.Fatalf("read: gone=%v %v", gone, diags)
	}
	return next
}

// planDiff is what `terraform plan` shows after the refresh: each analyzers entry whose planned
// (hardened) value differs from the refreshed one, as "<region>.<attribute>: <have> -> <want>",
// plus the arguments that change back.
func planDiff(t *testing.T, config, refreshed resourceModel) []string {
	t.Helper()
	ctx := context.Background()
	planned := regionEntries(t, planAnalyzers(ctx, config, &refreshed))
	have := regionEntries(t, refreshed.Analyzers)
	var diff []string
	for region, p := range planned {
		h := have[region]
		for name, pair := range map[string][2]fmt.Stringer{
			"status": {h.Status, p.Status}, "rule_state": {h.RuleState, p.RuleState},
			"target_present": {h.TargetPresent, p.TargetPresent}, "archive_rules_in_sync": {h.ArchiveRulesInSync, p.ArchiveRulesInSync},
			"rule_matches_findings": {h.RuleMatchesFindings, p.RuleMatchesFindings},
			"unused_access_status":  {h.UnusedAccessStatus, p.UnusedAccessStatus},
		} {
			if pair[0].String() != pair[1].String() {
				diff = append(diff, fmt.Sprintf("%s.%s: %s -> %s", region, name, pair[0], pair[1]))
			}
		}
	}
	if !refreshed.ArchiveRules.Equal(config.ArchiveRules) {
		diff = append(diff, "archive_rules")
	}
	if !refreshed.UnusedAccessAgeDays.Equal(config.UnusedAccessAgeDays) {
		diff = append(diff, fmt.Sprintf("unused_access_age_days: %s -> %s", refreshed.UnusedAccessAgeDays, config.UnusedAccessAgeDays))
	}
	if !refreshed.ForwardingRoleARN.Equal(types.StringValue("arn:aws:iam::111122223333:role/soc2-aa-fwd")) {
		diff = append(diff, fmt.Sprintf("forwarding_role_arn: %s", refreshed.ForwardingRoleARN))
	}
	if !refreshed.TagsAll.Equal(config.TagsAll) {
		diff = append(diff, "tags_all")
	}
	slices.Sort(diff)
	return diff
}

// driftCase injects one out-of-band change, then checks that the plan shows exactly want, that
// apply changes only the listed calls, and that the plan is empty afterwards.
func driftCase(t *testing.T, inject func(f *fakeAWS), want, wantCalls []string) {
	t.Helper()
	d := testDesired()
	f, client, state := created(t, d)
	config := testModel(t, d)
	if diff := planDiff(t, config, refresh(t, client, state)); len(diff) != 0 {
		t.Fatalf("plan before the change is not empty: %v", diff)
	}
	inject(f)
	refreshed := refresh(t, client, state)
	if diff := planDiff(t, config, refreshed); !slices.Equal(diff, want) {
		t.Fatalf("plan shows %q, want %q", diff, want)
	}
	// A second plan without apply refreshes the drifted state again: the same regions show.
	if diff := planDiff(t, config, refresh(t, client, refreshed)); !slices.Equal(diff, want) {
		t.Fatalf("second plan shows %q, want %q", diff, want)
	}
	f.reset()
	found, err := applyRegions(context.Background(), client, d, stateRegions(refreshed))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.mutations(); !slices.Equal(got, wantCalls) {
		t.Errorf("apply made %q, want only %q", got, wantCalls)
	}
	role, err := forwardRoleFor(context.Background(), client, d)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := stateFrom(context.Background(), client, found, role, config, d)
	if diff := planDiff(t, config, refresh(t, client, after)); len(diff) != 0 {
		t.Errorf("plan after apply is not empty: %v", diff)
	}
}

func TestDrift_analyzerDeletedOutOfBand(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		delete(f.analyzers["eu-west-1"], "soc2-aa")
		delete(f.archive["eu-west-1"], "soc2-aa")
	}, []string{"eu-west-1.status: \"MISSING\" -> \"ACTIVE\""},
		[]string{"eu-west-1 CreateAnalyzer", "eu-west-1 CreateArchiveRule", "eu-west-1 CreateArchiveRule"})
}

func TestDrift_unusedAccessAnalyzerDeleted(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { delete(f.analyzers["us-west-2"], "soc2-aa-unused-access") },
		[]string{"us-west-2.unused_access_status: \"MISSING\" -> \"ACTIVE\""},
		[]string{"us-west-2 CreateAnalyzer"})
}

func TestDrift_ruleDisabled(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { f.rules["us-west-2"]["soc2-aa-findings"].state = "DISABLED" },
		[]string{"us-west-2.rule_state: \"DISABLED\" -> \"ENABLED\""},
		[]string{"us-west-2 PutRule"})
}

func TestDrift_ruleDeleted(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { delete(f.rules["us-east-1"], "soc2-aa-findings") },
		[]string{"us-east-1.rule_matches_findings: false -> true", "us-east-1.rule_state: \"MISSING\" -> \"ENABLED\"", "us-east-1.target_present: false -> true"},
		[]string{"us-east-1 PutRule", "us-east-1 PutTargets"})
}

// A pattern narrowed out of band (here: only public findings) would silence most alerts.
func TestDrift_rulePatternChanged(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		f.rules["eu-west-1"]["soc2-aa-findings"].pattern = `{"source":["aws.access-analyzer"],"detail-type":["Access Analyzer Finding"],"detail":{"status":["ACTIVE"],"isPublic":[true]}}`
	}, []string{"eu-west-1.rule_matches_findings: false -> true"}, []string{"eu-west-1 PutRule"})
}

func TestApplyRegions_disabledAnalyzerIsAnError(t *testing.T) {
	d := testDesired()
	f, client, _ := created(t, d)
	f.analyzers["us-east-1"]["soc2-aa"].Status = aatypes.AnalyzerStatusDisabled
	_, err := applyRegions(context.Background(), client, d, testRegions)
	if err == nil || !strings.Contains(err.Error(), "us-east-1: analyzer soc2-aa is DISABLED") || !strings.Contains(err.Error(), "trusted access") {
		t.Fatalf("err = %v", err)
	}
}

// IAM is global: its calls are signed for the home region, us-east-1.
func TestDrift_forwardingRoleDeleted(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { delete(f.roles, "soc2-aa-fwd") },
		[]string{`forwarding_role_arn: ""`}, []string{"us-east-1 CreateRole", "us-east-1 PutRolePolicy"})
}

func TestDrift_forwardingRolePolicyWidened(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		f.roles["soc2-aa-fwd"].policies[forwardPolicyName] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"events:*","Resource":"*"}]}`
	}, []string{`forwarding_role_arn: ""`}, []string{"us-east-1 PutRolePolicy"})
}

func TestDrift_forwardingRoleTrustChanged(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		f.roles["soc2-aa-fwd"].trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	}, []string{`forwarding_role_arn: ""`}, []string{"us-east-1 UpdateAssumeRolePolicy"})
}

func TestDrift_forwardingRoleTagRemoved(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { delete(f.roles["soc2-aa-fwd"].tags, "team") },
		[]string{"tags_all"}, []string{"us-east-1 TagRole"})
}

func TestDrift_forwardedTargetLostItsRole(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { f.rules["us-west-2"]["soc2-aa-findings"].targets[0].RoleArn = nil },
		[]string{"us-west-2.target_present: false -> true"}, []string{"us-west-2 PutTargets"})
}

func TestApplyRegions_noForwardingWithTheTopicRegionOnly(t *testing.T) {
	d := testDesired()
	f, client, _ := created(t, d)
	d.Regions = []string{"us-east-1"}
	if _, err := applyRegions(context.Background(), client, d, testRegions); err != nil {
		t.Fatal(err)
	}
	if len(f.roles) != 0 {
		t.Errorf("the forwarding role outlived the last forwarding region: %v", f.roles)
	}
}

func TestDrift_ruleLostItsTarget(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { f.rules["eu-west-1"]["soc2-aa-findings"].targets = nil },
		[]string{"eu-west-1.target_present: false -> true"},
		[]string{"eu-west-1 PutTargets"})
}

func TestDrift_ruleTargetPointsElsewhere(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		f.rules["eu-west-1"]["soc2-aa-findings"].targets = nil
		f.rules["eu-west-1"]["soc2-aa-findings"].targets = append(f.rules["eu-west-1"]["soc2-aa-findings"].targets,
			ebTarget(targetID, "arn:aws:sns:eu-west-1:444455556666:elsewhere"))
	}, []string{"eu-west-1.target_present: false -> true"}, []string{"eu-west-1 PutTargets"})
}

func TestDrift_archiveRuleChanged(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		r := f.archive["us-east-1"]["soc2-aa"]["trusted-org"]
		r.Filter = map[string]aatypes.Criterion{"condition.aws:PrincipalOrgID": {Eq: []string{"o-attacker"}}}
		f.archive["us-east-1"]["soc2-aa"]["trusted-org"] = r
	}, []string{"archive_rules", "us-east-1.archive_rules_in_sync: false -> true"},
		[]string{"us-east-1 UpdateArchiveRule"})
}

func TestDrift_archiveRuleExtra(t *testing.T) {
	driftCase(t, func(f *fakeAWS) {
		f.archive["eu-west-1"]["soc2-aa"]["hide-everything"] = aatypes.ArchiveRuleSummary{RuleName: aws.String("hide-everything"),
			Filter: map[string]aatypes.Criterion{"isPublic": {Exists: aws.Bool(true)}}}
	}, []string{"archive_rules", "eu-west-1.archive_rules_in_sync: false -> true"},
		[]string{"eu-west-1 DeleteArchiveRule"})
}

func TestDrift_archiveRuleDeleted(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { delete(f.archive["us-west-2"]["soc2-aa"], "not-public") },
		[]string{"archive_rules", "us-west-2.archive_rules_in_sync: false -> true"},
		[]string{"us-west-2 CreateArchiveRule"})
}

func TestDrift_unusedAccessAgeChanged(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { f.analyzers["eu-west-1"]["soc2-aa-unused-access"].Configuration = unusedConfig(365) },
		[]string{"unused_access_age_days: 365 -> 90"},
		[]string{"eu-west-1 UpdateAnalyzer"})
}

func TestDrift_ruleTagRemoved(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { delete(f.rules["us-west-2"]["soc2-aa-findings"].tags, "team") },
		[]string{"tags_all"}, []string{"us-west-2 TagResource"})
}

func TestDrift_analyzerTagChanged(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { f.analyzers["us-east-1"]["soc2-aa"].Tags["team"] = "someone-else" },
		[]string{"tags_all"}, []string{"us-east-1 TagResource"})
}

// An analyzer AWS reports FAILED is replaced: only a new analyzer analyzes again.
func TestDrift_analyzerFailed(t *testing.T) {
	driftCase(t, func(f *fakeAWS) { f.analyzers["us-east-1"]["soc2-aa"].Status = aatypes.AnalyzerStatusFailed },
		[]string{"us-east-1.status: \"FAILED\" -> \"ACTIVE\""},
		[]string{"us-east-1 CreateAnalyzer", "us-east-1 CreateArchiveRule", "us-east-1 CreateArchiveRule", "us-east-1 DeleteAnalyzer"})
}

func TestRead_goneWhenNothingIsLeft(t *testing.T) {
	f, client, state := created(t, testDesired())
	if err := deleteRegions(context.Background(), client, testRegions, "soc2-aa"); err != nil {
		t.Fatal(err)
	}
	_ = f
	r := &analyzerResource{}
	r.Client = client
	if _, gone, diags := r.read(context.Background(), state, nil); !gone || diags.HasError() {
		t.Errorf("gone = %v (%v), want true", gone, diags)
	}
}

func TestRead_errorNamesTheRegion(t *testing.T) {
	f, client, state := created(t, testDesired())
	f.fail["us-west-2/GetAnalyzer"] = &aatypes.AccessDeniedException{Message: aws.String("no")}
	r := &analyzerResource{}
	r.Client = client
	_, _, diags := r.read(context.Background(), state, nil)
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "us-west-2") {
		t.Errorf("diags = %v, want an error naming us-west-2", diags)
	}
}

var _ = types.StringValue
