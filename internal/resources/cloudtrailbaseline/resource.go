// Package cloudtrailbaseline implements soc2_cloudtrail_baseline: the account's multi-region
// audit trail, its CloudWatch Logs stream and the AWS Config recorders of every region.
package cloudtrailbaseline

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var _ framework.Resource = (*baselineResource)(nil)

type baselineResource struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registry lists.
func NewResource() resource.Resource {
	return &baselineResource{ResourceBase: framework.NewResourceBase("_cloudtrail_baseline")}
}

func (r *baselineResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ok := framework.Get[resourceModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	state, stored, err := r.apply(ctx, plan, nil)
	if stored {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
	if err != nil {
		resp.Diagnostics.AddError("Creating the CloudTrail baseline "+plan.Name.ValueString(), applyErrorDetail(err, stored))
	}
}

func (r *baselineResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, prior, ok := framework.Get2[resourceModel](ctx, req.Plan, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	state, stored, err := r.apply(ctx, plan, &prior)
	if stored {
		if err == nil {
			keepPlannedStatus(&state, plan)
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
	if err != nil {
		resp.Diagnostics.AddError("Updating the CloudTrail baseline "+plan.Name.ValueString(), applyErrorDetail(err, stored))
	}
}

func applyErrorDetail(err error, stored bool) string {
	if stored {
		return err.Error() + "\n\nWhat was made is recorded in the state, so `terraform destroy` removes it and the next apply completes the rest."
	}
	return err.Error() + "\n\nNothing was left behind."
}

func (r *baselineResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	m, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	// An imported resource has only its name; import.go discovers everything else.
	if m.S3BucketName.IsNull() {
		if err := r.readImported(ctx, &m); err != nil {
			resp.Diagnostics.AddError("Importing the CloudTrail baseline", err.Error())
			return
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
		return
	}
	err := r.refresh(ctx, &m)
	if framework.NotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Reading the CloudTrail baseline "+m.Name.ValueString(), err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *baselineResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	m, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if err := r.destroy(ctx, m); err != nil {
		resp.Diagnostics.AddError("Deleting the CloudTrail baseline "+m.Name.ValueString(), err.Error())
	}
}

// keepPlannedStatus keeps the planned recorder status where the plan knew it: a status AWS
// changed meanwhile (PENDING to SUCCESS) must not make the apply's result inconsistent.
func keepPlannedStatus(state *resourceModel, plan resourceModel) {
	if plan.Recorders.IsNull() || plan.Recorders.IsUnknown() || state.Recorders.IsNull() {
		return
	}
	got := recordersFromMap(state.Recorders)
	for region, v := range plan.Recorders.Elements() {
		obj, ok := v.(types.Object)
		if !ok || obj.IsUnknown() {
			continue
		}
		status, ok := obj.Attributes()["status"].(types.String)
		if !ok || status.IsUnknown() {
			continue
		}
		if entry, ok := got[region]; ok {
			entry.Status = status.ValueString()
			got[region] = entry
		}
	}
	state.Recorders = recordersMap(got)
}
