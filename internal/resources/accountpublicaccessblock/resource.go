// Package accountpublicaccessblock implements soc2_account_public_access_block, the account-level
// S3 public access block: all four settings on, for every bucket of the account, present and
// future (CIS AWS Foundations 2.1.4, Security Hub S3.1).
package accountpublicaccessblock

import (
	"context"

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
	plan, ok := framework.Get[resourceModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	// One object, made by one call: a failed put leaves nothing to roll back or record.
	if err := r.converge(ctx, plan.AccountID.ValueString()); err != nil {
		resp.Diagnostics.AddError("Enabling the account's S3 public access block", err.Error())
		return
	}
	r.readInto(ctx, plan, &resp.State, &resp.Diagnostics)
}

func (r *accountPublicAccessBlock) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	r.readInto(ctx, state, &resp.State, &resp.Diagnostics)
}

func (r *accountPublicAccessBlock) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, ok := framework.Get[resourceModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	if err := r.converge(ctx, plan.AccountID.ValueString()); err != nil {
		resp.Diagnostics.AddError("Restoring the account's S3 public access block", err.Error())
		return
	}
	r.readInto(ctx, plan, &resp.State, &resp.Diagnostics)
}

func (r *accountPublicAccessBlock) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if err := r.destroy(ctx, state); err != nil {
		resp.Diagnostics.AddError("Deleting the account's S3 public access block", err.Error())
	}
}
