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
	plan, ok := framework.Get[model](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	if !framework.Known(plan.Bucket) {
		plan.Bucket = types.StringValue(generateName(plan.BucketPrefix.ValueString()))
	}
	name := plan.Bucket.ValueString()
	plan.ID, plan.ARN = plan.Bucket, bucketARN(r.Client, name)
	// The policy names the bucket, so a generated name makes it known only now.
	r.resolveUnknowns(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	c := r.Client.S3("")
	created, err := createBucket(ctx, c, r.Client.HomeRegion, name, !plan.ObjectLock.IsNull())
	if !created {
		resp.Diagnostics.AddError("Cannot create the log bucket", err.Error())
		return
	}
	if err == nil {
		err = r.harden(ctx, &plan, nil, &resp.Diagnostics)
	}
	if err == nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	resp.Diagnostics.AddError("Cannot harden the new log bucket", err.Error())
	tainted, d := rollback(ctx, c, plan)
	resp.Diagnostics.Append(d...)
	if tainted != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, tainted)...)
	}
}

// harden applies every change from state (nil on create) to plan, then records what S3 reports.
func (r *logBucket) harden(ctx context.Context, plan, state *model, diags *diag.Diagnostics) error {
	steps, d := changes(ctx, plan, state)
	diags.Append(d...)
	c := r.Client.S3("")
	if err := applyChanges(ctx, c, plan.ID.ValueString(), steps); err != nil {
		return err
	}
	o, err := observe(ctx, c, plan.ID.ValueString())
	if err != nil {
		return err
	}
	diags.Append(setObserved(ctx, plan, o)...)
	return nil
}

// resolveUnknowns computes the values that depended on other resources or on the generated
// bucket name, all known at apply time.
func (r *logBucket) resolveUnknowns(ctx context.Context, plan *model, diags *diag.Diagnostics) {
	if plan.Policy.IsUnknown() {
		policy, d := bucketPolicy(ctx, r.Client, *plan)
		diags.Append(d...)
		plan.Policy = policy
	}
	if plan.TagsAll.IsUnknown() {
		tagsAll, d := planTagsAll(ctx, r.Client, plan.Tags)
		diags.Append(d...)
		plan.TagsAll = tagsAll
	}
}

func (r *logBucket) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := framework.Get[model](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	name := state.ID.ValueString()
	o, err := observe(ctx, r.Client.S3(""), name)
	if framework.NotFound(err) {
		tflog.Warn(ctx, "log bucket no longer exists; removing it from state", map[string]any{"bucket": name})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the log bucket", err.Error())
		return
	}
	state.Bucket = state.ID
	state.ARN = bucketARN(r.Client, name)
	if state.RetentionDays.IsNull() {
		resp.Diagnostics.Append(setImportedArguments(ctx, r.Client, &state, o)...)
	}
	resp.Diagnostics.Append(setObserved(ctx, &state, o)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *logBucket) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, state, ok := framework.Get2[model](ctx, req.Plan, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	r.resolveUnknowns(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.harden(ctx, &plan, &state, &resp.Diagnostics); err != nil {
		resp.Diagnostics.AddError("Cannot restore the log bucket's settings", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}
