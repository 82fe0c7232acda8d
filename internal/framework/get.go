package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// Resource is what every composite resource implements: the provider's client, plan-time
// validation and planning, and import.
type Resource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithValidateConfig
	resource.ResourceWithModifyPlan
	resource.ResourceWithImportState
}

// Source is a request's plan, state or configuration (tfsdk.Plan, tfsdk.State, tfsdk.Config).
type Source interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// Get decodes source into a model. ok is false when diags hold an error afterwards, so the
// caller returns at once, as every entry point does on a model it cannot read.
func Get[M any](ctx context.Context, source Source, diags *diag.Diagnostics) (m M, ok bool) {
	diags.Append(source.Get(ctx, &m)...)
	return m, !diags.HasError()
}

// Get2 decodes two sources (plan and state on Update, plan and configuration in ModifyPlan), so
// that the errors of both are reported together.
func Get2[M any](ctx context.Context, a, b Source, diags *diag.Diagnostics) (ma, mb M, ok bool) {
	diags.Append(a.Get(ctx, &ma)...)
	diags.Append(b.Get(ctx, &mb)...)
	return ma, mb, !diags.HasError()
}

// Prior decodes the prior state in ModifyPlan: nil when the resource is being created.
func Prior[M any](ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) *M {
	if state.Raw.IsNull() {
		return nil
	}
	m := new(M)
	diags.Append(state.Get(ctx, m)...)
	return m
}

// PlanOf starts ModifyPlan: the planned model, with ok false when there is nothing to plan (the
// resource is being destroyed) or the plan cannot be read.
func PlanOf[M any](ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) (plan M, ok bool) {
	if req.Plan.Raw.IsNull() {
		return plan, false
	}
	return Get[M](ctx, req.Plan, diags)
}

// PlanInputs starts the ModifyPlan of a resource whose planning reads AWS: the planned model, the
// configuration and the prior state (nil when the resource is being created), with ok false when
// there is nothing to plan (the resource is being destroyed, or the provider is not configured
// yet: Terraform validates configurations before it configures the provider) or a value cannot
// be read.
func PlanInputs[M any](ctx context.Context, client *conns.AWSClient, req resource.ModifyPlanRequest, diags *diag.Diagnostics) (plan, config M, prior *M, ok bool) {
	if req.Plan.Raw.IsNull() || client == nil {
		return plan, config, nil, false
	}
	plan, config, _ = Get2[M](ctx, req.Plan, req.Config, diags)
	prior = Prior[M](ctx, req.State, diags)
	return plan, config, prior, !diags.HasError()
}
