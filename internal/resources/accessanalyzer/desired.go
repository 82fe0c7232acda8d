package accessanalyzer

import (
	"context"
	"encoding/json"
	"maps"
	"slices"

	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

const (
	unusedSuffix = "-unused-access"
	ruleSuffix   = "-findings"
	// targetID names the rule's target; stable, so a target replaced out of band is found.
	targetID = "soc2-alarm-topic"
)

func unusedName(name string) string { return name + unusedSuffix }
func ruleName(name string) string   { return name + ruleSuffix }

// eventPattern matches new and reopened findings: Access Analyzer sends "Access Analyzer
// Finding" events with detail.status ACTIVE for them, and ARCHIVED/RESOLVED for closures.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-eventbridge.html
func eventPattern() string {
	b, _ := json.Marshal(map[string]any{
		"source":      []string{"aws.access-analyzer"},
		"detail-type": []string{"Access Analyzer Finding"},
		"detail":      map[string]any{"status": []string{statusActive}},
	})
	return string(b)
}

// unusedType is the unused-access analyzer type matching the external-access type.
func unusedType(t aatypes.Type) aatypes.Type {
	if t == aatypes.TypeOrganization {
		return aatypes.TypeOrganizationUnusedAccess
	}
	return aatypes.TypeAccountUnusedAccess
}

// desiredFrom turns a planned model into the hardened desired state (pure apart from reading
// the model's values; client supplies default_tags and may be nil).
func desiredFrom(ctx context.Context, m resourceModel, client *conns.AWSClient) (desired, diag.Diagnostics) {
	var diags diag.Diagnostics
	d := desired{Name: m.Name.ValueString(), Type: aatypes.Type(m.Type.ValueString()), TopicARN: m.SNSTopicARN.ValueString()}
	regions, ds := framework.StringList(ctx, m.Regions)
	diags.Append(ds...)
	slices.Sort(regions)
	d.Regions = regions
	if framework.Known(m.UnusedAccessAgeDays) {
		d.UnusedAge = int32(m.UnusedAccessAgeDays.ValueInt64())
	}
	d.Archive, ds = archiveFromModel(ctx, m)
	diags.Append(ds...)
	tags, ds := framework.StringMap(ctx, m.Tags)
	diags.Append(ds...)
	d.Tags = tags
	if client != nil {
		d.Tags = client.Tags(tags)
	}
	return d, diags
}

func archiveFromModel(ctx context.Context, m resourceModel) (map[string]archiveRule, diag.Diagnostics) {
	out := map[string]archiveRule{}
	if !framework.Known(m.ArchiveRules) {
		return out, nil
	}
	var rules map[string]archiveRuleModel
	diags := m.ArchiveRules.ElementsAs(ctx, &rules, false)
	for name, r := range rules {
		rule := archiveRule{}
		for key, c := range r.Filter {
			rule[key] = normalCriterion(c.Eq, c.Neq, c.Contains, c.Exists)
		}
		out[name] = rule
	}
	return out, diags
}

func normalCriterion(eq, neq, contains []string, exists *bool) criterion {
	sorted := func(s []string) []string {
		if len(s) == 0 {
			return nil
		}
		s = slices.Clone(s)
		slices.Sort(s)
		return s
	}
	return criterion{Eq: sorted(eq), Neq: sorted(neq), Contains: sorted(contains), Exists: exists}
}

func sameCriterion(a, b criterion) bool {
	sameExists := (a.Exists == nil) == (b.Exists == nil) && (a.Exists == nil || *a.Exists == *b.Exists)
	return sameExists && slices.Equal(a.Eq, b.Eq) && slices.Equal(a.Neq, b.Neq) && slices.Equal(a.Contains, b.Contains)
}

func sameRule(a, b archiveRule) bool { return maps.EqualFunc(a, b, sameCriterion) }

func sameArchive(have, want map[string]archiveRule) bool { return maps.EqualFunc(have, want, sameRule) }

// toCriteria is the SDK shape of a rule's filter.
func toCriteria(r archiveRule) map[string]aatypes.Criterion {
	out := make(map[string]aatypes.Criterion, len(r))
	for k, c := range r {
		out[k] = aatypes.Criterion{Eq: c.Eq, Neq: c.Neq, Contains: c.Contains, Exists: c.Exists}
	}
	return out
}

// fromCriteria is the inverse of toCriteria.
func fromCriteria(f map[string]aatypes.Criterion) archiveRule {
	out := make(archiveRule, len(f))
	for k, c := range f {
		out[k] = normalCriterion(c.Eq, c.Neq, c.Contains, c.Exists)
	}
	return out
}
