// Package logbucket implements soc2_log_bucket, the locked S3 evidence store of the baseline.
package logbucket

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var _ framework.Resource = (*logBucket)(nil)

type logBucket struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registry lists.
func NewResource() resource.Resource {
	return &logBucket{ResourceBase: framework.NewResourceBase("_log_bucket")}
}

func (r *logBucket) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	framework.Create(ctx, req, resp, r.create)
}

// create makes the bucket and hardens it; a bucket that cannot be hardened is rolled back, or
// recorded in state when even that fails.
func (r *logBucket) create(ctx context.Context, plan model) (next framework.Next[model], diags diag.Diagnostics) {
	if !framework.Known(plan.Bucket) {
		plan.Bucket = types.StringValue(generateName(plan.BucketPrefix.ValueString()))
	}
	name := plan.Bucket.ValueString()
	plan.ID, plan.ARN = plan.Bucket, bucketARN(r.Client, name)
	// The policy names the bucket, so a generated name makes it known only now.
	if r.resolveUnknowns(ctx, &plan, &diags); diags.HasError() {
		return next, diags
	}

	c := r.Client.S3("")
	created, err := createBucket(ctx, c, r.Client.HomeRegion, name, !plan.ObjectLock.IsNull())
	if !created {
		diags.AddError("Cannot create the log bucket", err.Error())
		return next, diags
	}
	if err == nil {
		err = r.harden(ctx, &plan, nil, &diags)
	}
	if err == nil {
		return framework.Save(plan), diags
	}
	diags.AddError("Cannot harden the new log bucket", err.Error())
	next, d := rollback(ctx, c, plan)
	return next, append(diags, d...)
}

func (r *logBucket) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, r.read)
}

func (r *logBucket) read(ctx context.Context, state model) (next framework.Next[model], diags diag.Diagnostics) {
	name := state.ID.ValueString()
	o, err := observe(ctx, r.Client.S3(""), name)
	if framework.NotFound(err) {
		tflog.Warn(ctx, "log bucket no longer exists; removing it from state", map[string]any{"bucket": name})
		return framework.Gone[model](), nil
	}
	if err != nil {
		return next, framework.ErrorDiags("Cannot read the log bucket", err)
	}
	state.Bucket = state.ID
	state.ARN = bucketARN(r.Client, name)
	if state.RetentionDays.IsNull() {
		diags.Append(setImportedArguments(ctx, r.Client, &state, o)...)
	}
	diags.Append(setObserved(&state, o)...)
	return framework.Save(state), diags
}

func (r *logBucket) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, r.update)
}

func (r *logBucket) update(ctx context.Context, plan, prior model) (next framework.Next[model], diags diag.Diagnostics) {
	if r.resolveUnknowns(ctx, &plan, &diags); diags.HasError() {
		return next, diags
	}
	if err := r.harden(ctx, &plan, &prior, &diags); err != nil {
		diags.AddError("Cannot restore the log bucket's settings", err.Error())
		return next, diags
	}
	return framework.Save(plan), diags
}

func (r *logBucket) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, func(ctx context.Context, state model) diag.Diagnostics {
		return framework.ErrorDiags("Cannot delete the log bucket", r.destroy(ctx, state))
	})
}
