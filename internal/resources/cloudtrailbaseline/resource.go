// Package cloudtrailbaseline implements soc2_cloudtrail_baseline: the account's multi-region
// audit trail, its CloudWatch Logs stream and the AWS Config recorders of every region.
package cloudtrailbaseline

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	framework.Create(ctx, req, resp, func(ctx context.Context, plan resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		state, stored, err := r.apply(ctx, plan, nil)
		return applied(state, stored, err, "Creating the CloudTrail baseline "+plan.Name.ValueString())
	})
}

func (r *baselineResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, func(ctx context.Context, plan, prior resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		state, stored, err := r.apply(ctx, plan, &prior)
		if stored && err == nil {
			keepPlannedStatus(&state, plan)
		}
		return applied(state, stored, err, "Updating the CloudTrail baseline "+plan.Name.ValueString())
	})
}

// applied is the outcome of apply: the state it stored (what a failed apply made, too), and the
// failure named by summary.
func applied(state resourceModel, stored bool, err error, summary string) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	if stored {
		next = framework.Save(state)
	}
	if err != nil {
		diags.AddError(summary, applyErrorDetail(err, stored))
	}
	return next, diags
}

func applyErrorDetail(err error, stored bool) string {
	if stored {
		return err.Error() + "\n\nWhat was made is recorded in the state, so `terraform destroy` removes it and the next apply completes the rest."
	}
	return err.Error() + "\n\nNothing was left behind."
}

func (r *baselineResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, r.read)
}

func (r *baselineResource) read(ctx context.Context, m resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	// An imported resource has only its name; import.go discovers everything else.
	if m.S3BucketName.IsNull() {
		if err := r.readImported(ctx, &m); err != nil {
			return next, framework.ErrorDiags("Importing the CloudTrail baseline", err)
		}
		return framework.Save(m), nil
	}
	err := r.refresh(ctx, &m)
	if framework.NotFound(err) {
		return framework.Gone[resourceModel](), nil
	}
	if err != nil {
		return next, framework.ErrorDiags("Reading the CloudTrail baseline "+m.Name.ValueString(), err)
	}
	return framework.Save(m), nil
}

func (r *baselineResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, func(ctx context.Context, m resourceModel) diag.Diagnostics {
		return framework.ErrorDiags("Deleting the CloudTrail baseline "+m.Name.ValueString(), r.destroy(ctx, m))
	})
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
