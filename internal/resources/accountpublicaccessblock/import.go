package accountpublicaccessblock

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ImportState takes the account id, which must be the caller's. Read then recovers the four
// settings from AWS; delete_on_destroy, which AWS does not hold, is false (destroy leaves the
// block in place).
func (r *accountPublicAccessBlock) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.Client != nil {
		if problem := accountProblem("import id", req.ID, r.Client.AccountID); problem != "" {
			resp.Diagnostics.AddError("Invalid import id", problem)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("account_id"), req.ID)...)
}
