// Package accountpublicaccessblock implements soc2_account_public_access_block, the account-level
// S3 public access block: all four settings on, for every bucket of the account, present and
// future (CIS AWS Foundations 2.1.4, Security Hub S3.1).
package accountpublicaccessblock

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*accountPublicAccessBlock)(nil)
	_ resource.ResourceWithImportState = (*accountPublicAccessBlock)(nil)
	_ resource.ResourceWithModifyPlan  = (*accountPublicAccessBlock)(nil)
)

type accountPublicAccessBlock struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registry lists.
func NewResource() resource.Resource {
	return &accountPublicAccessBlock{ResourceBase: framework.NewResourceBase("_account_public_access_block")}
}

func (r *accountPublicAccessBlock) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	framework.Create(ctx, req, resp, func(ctx context.Context, plan resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		return r.put(ctx, plan, "Enabling the account's S3 public access block")
	})
}

func (r *accountPublicAccessBlock) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, r.read)
}

func (r *accountPublicAccessBlock) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, func(ctx context.Context, plan, _ resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		return r.put(ctx, plan, "Restoring the account's S3 public access block")
	})
}

// put is Create and Update: the block converged, then read back. One object, made by one call: a
// failed put leaves nothing to roll back or record.
func (r *accountPublicAccessBlock) put(ctx context.Context, plan resourceModel, failure string) (framework.Next[resourceModel], diag.Diagnostics) {
	if err := r.converge(ctx, plan.AccountID.ValueString()); err != nil {
		return framework.Next[resourceModel]{}, framework.ErrorDiags(failure, err)
	}
	return r.read(ctx, plan)
}

func (r *accountPublicAccessBlock) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, func(ctx context.Context, state resourceModel) diag.Diagnostics {
		return framework.ErrorDiags("Deleting the account's S3 public access block", r.destroy(ctx, state))
	})
}
