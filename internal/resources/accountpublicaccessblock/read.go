package accountpublicaccessblock

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// readInto reads the account's block and writes the state. A block deleted out of band is not a
// vanished resource: it reads as all four settings off, so the plan shows each one changing back
// to true and apply puts the block again.
func (r *accountPublicAccessBlock) readInto(ctx context.Context, prior resourceModel, state *tfsdk.State, diags *diag.Diagnostics) {
	accountID := prior.AccountID.ValueString()
	if accountID == "" {
		accountID = prior.ID.ValueString()
	}
	have, err := findBlock(ctx, r.Client, accountID)
	if err != nil && !framework.NotFound(err) {
		diags.AddError("Reading the S3 public access block of account "+accountID, err.Error())
		return
	}
	diags.Append(state.Set(ctx, stateFrom(accountID, have, prior))...)
}

// stateFrom is the state for what AWS has; delete_on_destroy, which AWS does not hold, keeps its
// prior value (false after import).
func stateFrom(accountID string, have blockSettings, prior resourceModel) resourceModel {
	deleteOnDestroy := prior.DeleteOnDestroy
	if deleteOnDestroy.IsNull() || deleteOnDestroy.IsUnknown() {
		deleteOnDestroy = types.BoolValue(false)
	}
	return resourceModel{
		ID:                    types.StringValue(accountID),
		AccountID:             types.StringValue(accountID),
		BlockPublicACLs:       types.BoolValue(have.BlockPublicACLs),
		IgnorePublicACLs:      types.BoolValue(have.IgnorePublicACLs),
		BlockPublicPolicy:     types.BoolValue(have.BlockPublicPolicy),
		RestrictPublicBuckets: types.BoolValue(have.RestrictPublicBuckets),
		DeleteOnDestroy:       deleteOnDestroy,
	}
}
