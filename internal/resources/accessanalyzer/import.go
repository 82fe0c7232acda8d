package accessanalyzer

import (
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// ImportState imports by analyzer name. Import recovers, from the regions where that analyzer
// or its rule exists: the regions, the type, the unused-access age, the archive rules, the
// topic and the tags.
func (r *analyzerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if problem := nameProblem(req.ID); problem != "" {
		resp.Diagnostics.AddError("Invalid import id", "import soc2_access_analyzer by its analyzer name: "+problem)
		return
	}
	state, diags := r.recover(ctx, req.ID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// recover builds the state of an existing analyzer from AWS.
func (r *analyzerResource) recover(ctx context.Context, name string) (resourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	enabled, err := r.Client.EnabledRegions(ctx)
	if err != nil {
		diags.AddError("Listing the account's regions", err.Error())
		return resourceModel{}, diags
	}
	found, err := findRegions(ctx, r.Client, enabled, name)
	if err != nil {
		diags.AddError("Reading Access Analyzer "+name, err.Error())
		return resourceModel{}, diags
	}
	m := resourceModel{
		Name: types.StringValue(name), Type: types.StringValue("ACCOUNT"), UnusedAccessAgeDays: types.Int64Null(),
		ArchiveRules: types.MapNull(archiveRuleObjectType), SNSTopicARN: types.StringValue(""),
		Tags: types.MapNull(types.StringType), Analyzers: types.MapNull(regionObjectType),
	}
	var regions []string
	for _, region := range slices.Sorted(maps.Keys(found)) {
		f := found[region]
		if !f.owns() {
			delete(found, region)
			continue
		}
		regions = append(regions, region)
		recoverFromRegion(&m, f)
	}
	if len(regions) == 0 {
		diags.AddError("Cannot import soc2_access_analyzer "+name, "no enabled region has an analyzer or rule named "+name)
		return m, diags
	}
	m.Regions, diags = types.SetValueFrom(ctx, types.StringType, regions)
	next, ds := stateFrom(ctx, r.Client, found, nil, m, desired{Name: name})
	diags.Append(ds...)
	if framework.Known(m.ArchiveRules) {
		next.ArchiveRules = m.ArchiveRules
	}
	return next, diags
}

// recoverFromRegion fills the arguments the first region with each object tells.
func recoverFromRegion(m *resourceModel, f regionFound) {
	if f.Analyzer != nil && m.ArchiveRules.IsNull() {
		m.Type = types.StringValue(string(f.Analyzer.Type))
		if len(f.Archive) > 0 {
			m.ArchiveRules, _ = archiveModel(context.Background(), f.Archive)
		}
	}
	if age := unusedAge(f); age > 0 && m.UnusedAccessAgeDays.IsNull() {
		m.UnusedAccessAgeDays = types.Int64Value(int64(age))
	}
	if t := f.Rule.topicARN(); t != "" && m.SNSTopicARN.ValueString() == "" {
		m.SNSTopicARN = types.StringValue(t)
	}
}
