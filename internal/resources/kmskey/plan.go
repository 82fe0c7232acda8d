package kmskey

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

var pathServices = path.Root("services")

// ValidateConfig refuses combinations the attribute validators cannot see.
func (r *kmsKey) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, ok := framework.Get[resourceModel](ctx, req.Config, &resp.Diagnostics)
	if !ok || !framework.AllKnown(m.Services) {
		return
	}
	services, diags := framework.StringList(ctx, m.Services)
	resp.Diagnostics.Append(diags...)
	if len(services) == 0 && !m.Services.IsNull() {
		resp.Diagnostics.AddAttributeError(pathServices, "Invalid services",
			fmt.Sprintf("services = []: the key would serve none of the baseline's evidence; list at least one of %v", policies.KeyServiceNames()))
	}
	if framework.Known(m.LogGroupNames) && len(m.LogGroupNames.Elements()) > 0 && !slices.Contains(services, policies.KeyServiceLogs) {
		resp.Diagnostics.AddAttributeWarning(path.Root("log_group_names"), "log_group_names has no effect",
			fmt.Sprintf("log_group_names scopes the CloudWatch Logs statement, but services = %v does not include \"logs\"; add \"logs\" to services or remove log_group_names", services))
	}
}

// ModifyPlan plans every enforced attribute at its hardened value, so a setting changed out of
// band shows as that attribute changing back, and plans the generated key policy and tags_all.
func (r *kmsKey) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, ok := framework.PlanOf[resourceModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.Enabled = types.BoolValue(true)
	plan.KeyState = types.StringValue(stateEnabled)
	plan.RotationEnabled = types.BoolValue(true)
	plan.PendingDeletion = types.BoolValue(false)
	plan.Policy = types.StringUnknown()
	// An element known only at apply (a role created in the same apply) leaves the policy unknown.
	if r.Client != nil && framework.AllKnown(plan.Services) && framework.AllKnown(plan.AdminARNs) && framework.AllKnown(plan.LogGroupNames) {
		policy, diags := keyPolicy(ctx, plan, r.env())
		resp.Diagnostics.Append(diags...)
		plan.Policy = types.StringValue(policy)
		if !req.State.Raw.IsNull() {
			// An equivalent policy in state (AWS may reorder it) is not a change.
			state, _ := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
			plan.Policy = types.StringValue(preferPolicy(state.Policy.ValueString(), policy))
		}
	}
	tagsAll, diags := framework.PlanTagsAll(ctx, r.Client, plan.Tags)
	resp.Diagnostics.Append(diags...)
	plan.TagsAll = tagsAll
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}
