package accountpublicaccessblock

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// read reads the account's block into state. A block deleted out of band is not a vanished
// resource: it reads as all four settings off, so the plan shows each one changing back to true
// and apply puts the block again.
func (r *accountPublicAccessBlock) read(ctx context.Context, prior resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
	accountID := prior.AccountID.ValueString()
	if accountID == "" {
		accountID = prior.ID.ValueString()
	}
	have, err := findBlock(ctx, r.Client, accountID)
	if err != nil && !framework.NotFound(err) {
		return framework.Next[resourceModel]{}, framework.ErrorDiags("Reading the S3 public access block of account "+accountID, err)
	}
	return framework.Save(stateFrom(accountID, have, prior)), nil
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
