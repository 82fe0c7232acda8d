package accessanalyzer

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

func TestOrganizationProblem(t *testing.T) {
	org := func(master string) *orgtypes.Organization {
		return &orgtypes.Organization{Id: aws.String("o-abc123"), MasterAccountId: aws.String(master)}
	}
	for name, tc := range map[string]struct {
		org       *orgtypes.Organization
		delegated []string
		want      string // "" = allowed
	}{
		"no organization":              {nil, nil, "not in an AWS Organization"},
		"management account":           {org(testAccount), nil, ""},
		"delegated administrator":      {org("999988887777"), []string{testAccount}, ""},
		"member, not delegated":        {org("999988887777"), nil, "neither the management account (999988887777)"},
		"member, another is delegated": {org(testAccount + "x"), []string{"444455556666"}, "neither the management account"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeAWS()
			f.org, f.delegated = tc.org, tc.delegated
			r := &analyzerResource{}
			r.Client = f.client(t)
			got := r.organizationProblem(context.Background())
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("organizationProblem = %q, want %q", got, tc.want)
			}
			if got != "" && !strings.Contains(got, `type = "ACCOUNT"`) {
				t.Errorf("no fix offered: %q", got)
			}
		})
	}
}

func TestArchiveProblems(t *testing.T) {
	yes := true
	diags := archiveProblems(map[string]archiveRuleModel{
		"ok":     {Filter: map[string]criterionModel{"isPublic": {Eq: []string{"false"}}}},
		"status": {Filter: map[string]criterionModel{"status": {Eq: []string{"ACTIVE"}}}},
		"typo":   {Filter: map[string]criterionModel{"resourcetype": {Exists: &yes}}},
		"empty":  {Filter: map[string]criterionModel{}},
		"noop":   {Filter: map[string]criterionModel{"isPublic": {}}},
		"1bad":   {Filter: map[string]criterionModel{"isPublic": {Exists: &yes}}},
	})
	var all []string
	for _, d := range diags {
		all = append(all, d.Detail())
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{`archive_rules["status"].filter: "status"`, `archive_rules["typo"].filter: "resourcetype"`,
		`archive_rules["empty"].filter is empty`, `archive_rules["noop"].filter["isPublic"] sets none`, `archive_rules key "1bad"`} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if len(diags) != 5 {
		t.Errorf("%d errors, want 5:\n%s", len(diags), text)
	}
}

// The planned entry of a region whose analyzer was deleted is the hardened one with the ARN
// unknown, so the plan shows that region's status changing back.
func TestPlanAnalyzers_keepsARNsOnlyWhereTheObjectExists(t *testing.T) {
	d := testDesired()
	f, client, state := created(t, d)
	delete(f.analyzers["eu-west-1"], "soc2-aa")
	refreshed := refresh(t, client, state)
	planned := regionEntries(t, planAnalyzers(context.Background(), testModel(t, d), &refreshed))
	if !planned["eu-west-1"].AnalyzerARN.IsUnknown() || planned["eu-west-1"].Status != types.StringValue("ACTIVE") {
		t.Errorf("eu-west-1 planned %+v", planned["eu-west-1"])
	}
	if planned["us-east-1"].AnalyzerARN.IsUnknown() || planned["us-east-1"].RuleARN.IsUnknown() {
		t.Errorf("us-east-1 planned %+v: ARNs of existing objects must stay known", planned["us-east-1"])
	}
}

func TestPlanForwardingRole(t *testing.T) {
	r := &analyzerResource{}
	r.Client = newFakeAWS().client(t)
	m := testModel(t, testDesired())
	if got := r.planForwardingRole(context.Background(), m); got.ValueString() != "arn:aws:iam::111122223333:role/soc2-aa-fwd" {
		t.Errorf("three regions, topic in us-east-1: %v", got)
	}
	m.Regions, _ = types.SetValueFrom(context.Background(), types.StringType, []string{"us-east-1"})
	if got := r.planForwardingRole(context.Background(), m); got.ValueString() != "" || got.IsUnknown() {
		t.Errorf("only the topic's region: %v", got)
	}
}

func TestTopicPolicyWarning(t *testing.T) {
	f := newFakeAWS()
	r := &analyzerResource{}
	r.Client = f.client(t)
	m := testModel(t, testDesired())
	f.topicPolicy, _ = policies.AlarmTopic(policies.TopicInput{TopicARN: testTopic, AccountID: testAccount})
	if d := r.topicPolicyWarning(context.Background(), m); len(d) != 1 || !strings.Contains(d[0].Detail(), "does not allow events.amazonaws.com") {
		t.Errorf("CloudWatch-only topic policy: %v", d)
	}
	f.topicPolicy, _ = policies.AlarmTopic(policies.TopicInput{TopicARN: testTopic, AccountID: testAccount, AllowEventBridge: true})
	if d := r.topicPolicyWarning(context.Background(), m); len(d) != 0 {
		t.Errorf("the alarm pack's policy: %v", d)
	}
}
