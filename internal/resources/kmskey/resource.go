// Package kmskey implements soc2_kms_key, the customer-managed KMS key that encrypts the
// baseline's evidence (the log bucket, the trail's log files, the CloudWatch Logs group and the
// alarm topic).
package kmskey

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var _ framework.Resource = (*kmsKey)(nil)

type kmsKey struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registry lists.
func NewResource() resource.Resource {
	return &kmsKey{ResourceBase: framework.NewResourceBase("_kms_key")}
}

func (r *kmsKey) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, want, ok := r.planned(ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	keyID, err := r.createKey(ctx, want)
	if err != nil {
		resp.Diagnostics.AddError("Creating the KMS key", err.Error())
		return
	}
	if err := r.converge(ctx, keyID, want, priorState{Creating: true}); err != nil {
		// The key exists: record it so that destroy (or the replacement of the tainted
		// resource) schedules its deletion, instead of leaving it orphaned.
		resp.Diagnostics.Append(resp.State.Set(ctx, failedCreateState(plan, keyID, r.env()))...)
		resp.Diagnostics.AddError("Configuring the new KMS key "+keyID, err.Error()+
			"; the key is recorded in state and is replaced (its deletion scheduled) on the next apply")
		return
	}
	r.readInto(ctx, keyID, plan, &resp.State, &resp.Diagnostics)
}

func (r *kmsKey) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	found, err := findKey(ctx, r.Client, state.ID.ValueString())
	if framework.NotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Reading KMS key "+state.ID.ValueString(), err.Error())
		return
	}
	if state.Services.IsNull() {
		// Just imported: recover the arguments the key policy encodes.
		resp.Diagnostics.Append(recoverArguments(ctx, found.Policy, &state)...)
	}
	next, diags := stateFrom(ctx, r.Client, found, state)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, next)...)
}

func (r *kmsKey) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, want, ok := r.planned(ctx, req.Plan, &resp.Diagnostics)
	state, stateOK := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok || !stateOK {
		return
	}
	keyID := state.ID.ValueString()
	if err := r.converge(ctx, keyID, want, priorState{Alias: state.Alias.ValueString(), RotationPeriod: state.RotationPeriodDays.ValueInt64()}); err != nil {
		resp.Diagnostics.AddError("Restoring KMS key "+keyID, err.Error())
		return
	}
	r.readInto(ctx, keyID, plan, &resp.State, &resp.Diagnostics)
}

func (r *kmsKey) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := framework.Get[resourceModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if err := r.scheduleDeletion(ctx, state); err != nil {
		resp.Diagnostics.AddError("Scheduling the deletion of KMS key "+state.ID.ValueString(), err.Error())
	}
}

// planned decodes the plan and the hardened key it asks for: what Create and Update apply.
func (r *kmsKey) planned(ctx context.Context, source framework.Source, diags *diag.Diagnostics) (resourceModel, keyDesired, bool) {
	plan, ok := framework.Get[resourceModel](ctx, source, diags)
	if !ok {
		return plan, keyDesired{}, false
	}
	want, d := desiredFrom(ctx, plan, r.env())
	diags.Append(d...)
	return plan, want, !diags.HasError()
}
