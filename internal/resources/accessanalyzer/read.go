package accessanalyzer

import (
	"context"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// regionState is what a region has, as the analyzers map shows it.
func regionState(f regionFound, d desired, target ebtypes.Target) regionModel {
	m := regionModel{
		AnalyzerARN: types.StringValue(""), Status: types.StringValue(statusMissing),
		UnusedAccessAnalyzerARN: types.StringValue(""), UnusedAccessStatus: types.StringValue(statusNotConfigured),
		RuleARN: types.StringValue(""), RuleState: types.StringValue(statusMissing),
		TargetPresent:       types.BoolValue(f.Rule.targetPresent(target)),
		RuleMatchesFindings: types.BoolValue(f.Rule != nil && samePattern(f.Rule.Pattern, eventPattern())),
		// A missing analyzer has no rules; its status already names the region.
		ArchiveRulesInSync: types.BoolValue(f.Analyzer == nil || sameArchive(f.Archive, d.Archive)),
	}
	if f.Analyzer != nil {
		m.AnalyzerARN = types.StringValue(aws.ToString(f.Analyzer.Arn))
		m.Status = types.StringValue(string(f.Analyzer.Status))
	}
	if d.UnusedAge > 0 {
		m.UnusedAccessStatus = types.StringValue(statusMissing)
	}
	if f.Unused != nil && d.UnusedAge > 0 {
		m.UnusedAccessAnalyzerARN = types.StringValue(aws.ToString(f.Unused.Arn))
		m.UnusedAccessStatus = types.StringValue(string(f.Unused.Status))
	}
	if f.Rule != nil {
		m.RuleARN = types.StringValue(f.Rule.ARN)
		m.RuleState = types.StringValue(f.Rule.State)
	}
	return m
}

// unusedAge is the age an unused-access analyzer is configured with, 0 when unknown.
func unusedAge(f regionFound) int32 {
	if f.Unused == nil {
		return 0
	}
	if u, ok := f.Unused.Configuration.(*aatypes.AnalyzerConfigurationMemberUnusedAccess); ok {
		return aws.ToInt32(u.Value.UnusedAccessAge)
	}
	return 0
}

// ownedTags lists the tags of every object that exists, for tags_all.
func ownedTags(found map[string]regionFound) []map[string]string {
	var all []map[string]string
	for _, region := range slices.Sorted(maps.Keys(found)) {
		f := found[region]
		if f.Analyzer != nil {
			all = append(all, f.Analyzer.Tags)
		}
		if f.Unused != nil {
			all = append(all, f.Unused.Tags)
		}
		if f.Rule != nil {
			all = append(all, f.Rule.Tags)
		}
	}
	return all
}

// stateFrom is the state of what AWS has. Settings that are one argument for every region
// (archive_rules, unused_access_age_days) read as the first region, in sorted order, whose value
// differs from the configuration, so the plan shows them changing back; the analyzers map
// names the region.
func stateFrom(ctx context.Context, client *conns.AWSClient, found map[string]regionFound, role *roleFound, prior resourceModel, d desired) (resourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	next := prior
	next.ID = types.StringValue(d.Name)
	if have, _ := archiveFromModel(ctx, next); !sameArchive(have, d.Archive) {
		next.ArchiveRules, diags = archiveModel(ctx, d.Archive)
	}
	if d.UnusedAge > 0 {
		next.UnusedAccessAgeDays = types.Int64Value(int64(d.UnusedAge))
	}
	elems := map[string]attr.Value{}
	for _, region := range slices.Sorted(maps.Keys(found)) {
		f := found[region]
		v, ds := types.ObjectValueFrom(ctx, regionAttrTypes, regionState(f, d, d.ruleTarget(client, region)))
		diags.Append(ds...)
		elems[region] = v
		if f.Analyzer != nil && !sameArchive(f.Archive, d.Archive) && sameArchiveModel(ctx, next, d) {
			m, ds := archiveModel(ctx, f.Archive)
			diags.Append(ds...)
			next.ArchiveRules = m
		}
		if age := unusedAge(f); d.UnusedAge > 0 && age != 0 && age != d.UnusedAge && next.UnusedAccessAgeDays.ValueInt64() == int64(d.UnusedAge) {
			next.UnusedAccessAgeDays = types.Int64Value(int64(age))
		}
	}
	next.Analyzers = types.MapValueMust(regionObjectType, elems)
	tags := ownedTags(found)
	next.ForwardingRoleARN = types.StringValue("")
	if d.forwards() && role != nil {
		tags = append(tags, role.Tags)
		trust, _ := policies.EventsForwardTrust(d.forwardInput(client))
		policy, _ := policies.EventsForwardDelivery(d.forwardInput(client))
		if role.inSync(trust, policy) {
			next.ForwardingRoleARN = types.StringValue(role.ARN)
		}
	}
	next.Tags = framework.ReadTags(client, framework.CommonTags(tags...), prior.Tags)
	next.TagsAll = framework.ReadTagsAll(tags...)
	return next, diags
}

// sameArchiveModel reports whether next still holds the configured rules (no earlier region
// replaced them), so the first differing region wins.
func sameArchiveModel(ctx context.Context, next resourceModel, d desired) bool {
	have, _ := archiveFromModel(ctx, next)
	return sameArchive(have, d.Archive)
}

// archiveModel is the Terraform value of a region's archive rules.
func archiveModel(ctx context.Context, rules map[string]archiveRule) (types.Map, diag.Diagnostics) {
	if len(rules) == 0 {
		return types.MapNull(archiveRuleObjectType), nil
	}
	models := map[string]archiveRuleModel{}
	for name, r := range rules {
		f := map[string]criterionModel{}
		for k, c := range r {
			f[k] = criterionModel(c)
		}
		models[name] = archiveRuleModel{Filter: f}
	}
	return types.MapValueFrom(ctx, archiveRuleObjectType, models)
}
