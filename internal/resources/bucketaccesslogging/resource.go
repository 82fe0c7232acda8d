// Package bucketaccesslogging implements soc2_bucket_access_logging: S3 server access logging of
// the data buckets chosen by name and/or tag, into a log bucket, kept on by the plan.
package bucketaccesslogging

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var _ framework.Resource = (*bucketAccessLogging)(nil)

type bucketAccessLogging struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registers.
func NewResource() resource.Resource {
	return &bucketAccessLogging{ResourceBase: framework.NewResourceBase("_bucket_access_logging")}
}

func (r *bucketAccessLogging) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	framework.Create(ctx, req, resp, func(ctx context.Context, plan resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		return r.write(ctx, plan, nil)
	})
}

func (r *bucketAccessLogging) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, func(ctx context.Context, plan, prior resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		return r.write(ctx, plan, &prior)
	})
}

func (r *bucketAccessLogging) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, r.read)
}

// read refreshes the logging of every source the state records.
func (r *bucketAccessLogging) read(ctx context.Context, m resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	sources, d := sourcesFrom(ctx, m.Sources)
	diags.Append(d...)
	sources, d = r.readSources(ctx, sources)
	if diags.Append(d...); diags.HasError() {
		return next, diags
	}
	m.Sources, d = sourcesValue(ctx, sources)
	diags.Append(d...)
	return framework.Save(m), diags
}

func (r *bucketAccessLogging) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, r.destroy)
}

// write is Create and Update: the planned sources (resolved now if the plan could not, because
// a named bucket was still to be created), applied, and the outcome saved even on failure.
func (r *bucketAccessLogging) write(ctx context.Context, plan resourceModel, prior *resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	priorSources := map[string]source{}
	if prior != nil {
		var d diag.Diagnostics
		priorSources, d = sourcesFrom(ctx, prior.Sources)
		diags.Append(d...)
	}
	planned, d := sourcesFrom(ctx, plan.Sources)
	diags.Append(d...)
	if !framework.Known(plan.Sources) {
		s, _, d := specFrom(ctx, plan)
		diags.Append(d...)
		plan.ID = types.StringValue(s.id())
		planned, _, d = r.plannedSources(ctx, s, prior, true)
		diags.Append(d...)
	}
	if diags.HasError() {
		return next, diags
	}
	priorTarget := plan.TargetBucket.ValueString()
	if prior != nil {
		priorTarget = prior.TargetBucket.ValueString()
	}
	o, err := r.apply(ctx, priorTarget, planned, priorSources)
	addRestoreWarnings(&diags, o.Warnings)
	if err != nil {
		diags.AddError("Cannot apply server access logging", err.Error())
		if prior == nil && len(o.Applied) == 0 {
			return next, diags // nothing changed: no state, nothing to destroy
		}
	}
	var sd diag.Diagnostics
	plan.Sources, sd = sourcesValue(ctx, o.state(planned, priorSources))
	diags.Append(sd...)
	return framework.Save(plan), diags
}
