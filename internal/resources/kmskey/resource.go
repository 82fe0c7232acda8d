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
	framework.Create(ctx, req, resp, r.create)
}

// create makes the key and hardens it. Once the key exists, a failure records it in state so
// that destroy (or the replacement of the tainted resource) schedules its deletion, instead of
// leaving it orphaned.
func (r *kmsKey) create(ctx context.Context, plan resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	want, diags := desiredFrom(ctx, plan, r.env())
	if diags.HasError() {
		return next, diags
	}
	keyID, err := r.createKey(ctx, want)
	if err != nil {
		diags.AddError("Creating the KMS key", err.Error())
		return next, diags
	}
	if err := r.converge(ctx, keyID, want, priorState{Creating: true}); err != nil {
		diags.AddError("Configuring the new KMS key "+keyID, err.Error()+
			"; the key is recorded in state and is replaced (its deletion scheduled) on the next apply")
		return framework.Save(failedCreateState(plan, keyID, r.env())), diags
	}
	next, d := r.readBack(ctx, keyID, plan)
	return next, append(diags, d...)
}

func (r *kmsKey) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, r.read)
}

func (r *kmsKey) read(ctx context.Context, state resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	found, err := findKey(ctx, r.Client, state.ID.ValueString())
	if framework.NotFound(err) {
		return framework.Gone[resourceModel](), nil
	}
	if err != nil {
		return next, framework.ErrorDiags("Reading KMS key "+state.ID.ValueString(), err)
	}
	if state.Services.IsNull() {
		// Just imported: recover the arguments the key policy encodes.
		diags = recoverArguments(ctx, found.Policy, &state)
	}
	return framework.Save(stateFrom(r.Client, found, state)), diags
}

func (r *kmsKey) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, r.update)
}

func (r *kmsKey) update(ctx context.Context, plan, prior resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	want, diags := desiredFrom(ctx, plan, r.env())
	if diags.HasError() {
		return next, diags
	}
	keyID := prior.ID.ValueString()
	if err := r.converge(ctx, keyID, want, priorState{Alias: prior.Alias.ValueString(), RotationPeriod: prior.RotationPeriodDays.ValueInt64()}); err != nil {
		return next, append(diags, framework.ErrorDiags("Restoring KMS key "+keyID, err)...)
	}
	next, d := r.readBack(ctx, keyID, plan)
	return next, append(diags, d...)
}

func (r *kmsKey) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, r.delete)
}

func (r *kmsKey) delete(ctx context.Context, state resourceModel) diag.Diagnostics {
	return framework.ErrorDiags("Scheduling the deletion of KMS key "+state.ID.ValueString(), r.scheduleDeletion(ctx, state))
}
