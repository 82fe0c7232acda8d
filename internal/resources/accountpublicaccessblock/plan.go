package accountpublicaccessblock

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var pathAccountID = path.Root("account_id")

// ModifyPlan plans each setting at true, so a setting turned off out of band shows as that
// attribute changing back; refuses an account other than the caller's before any call; and warns
// when a destroy will delete the block.
func (r *accountPublicAccessBlock) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		r.warnOnDestroy(ctx, req, resp)
		return
	}
	plan, ok := framework.Get[resourceModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	if r.Client != nil {
		if plan.AccountID.IsNull() || plan.AccountID.IsUnknown() {
			plan.AccountID = types.StringValue(r.Client.AccountID)
		} else if problem := accountProblem("account_id", plan.AccountID.ValueString(), r.Client.AccountID); problem != "" {
			resp.Diagnostics.AddAttributeError(pathAccountID, "Invalid account_id", problem)
			return
		}
		plan.ID = plan.AccountID
	}
	want := desiredSettings()
	plan.BlockPublicACLs = types.BoolValue(want.BlockPublicACLs)
	plan.IgnorePublicACLs = types.BoolValue(want.IgnorePublicACLs)
	plan.BlockPublicPolicy = types.BoolValue(want.BlockPublicPolicy)
	plan.RestrictPublicBuckets = types.BoolValue(want.RestrictPublicBuckets)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

func (r *accountPublicAccessBlock) warnOnDestroy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	state, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok || !state.DeleteOnDestroy.ValueBool() {
		return
	}
	resp.Diagnostics.AddWarning("Destroy deletes the account's S3 public access block",
		"delete_on_destroy = true: destroying soc2_account_public_access_block deletes the public access block of account "+
			state.AccountID.ValueString()+", so every bucket's public access then depends on its own settings alone. "+
			"To keep the block, set delete_on_destroy = false and apply before destroying, or remove the resource with `terraform state rm`.")
}
