package kmskey

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// env of the configured provider; empty before Configure ran.
func (r *kmsKey) env() env {
	if r.Client == nil {
		return env{}
	}
	return env{Partition: r.Client.Partition, Region: r.Client.HomeRegion, AccountID: r.Client.AccountID}
}

// policyInput is the key policy's input from the configuration.
func policyInput(ctx context.Context, m resourceModel, e env) (policies.KeyPolicyInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	services, d := framework.StringList(ctx, m.Services)
	diags.Append(d...)
	admins, d := framework.StringList(ctx, m.AdminARNs)
	diags.Append(d...)
	groups, d := framework.StringList(ctx, m.LogGroupNames)
	diags.Append(d...)
	return policies.KeyPolicyInput{
		Partition: e.Partition, Region: e.Region, AccountID: e.AccountID,
		Services: services, AdminARNs: admins, LogGroupNames: groups,
	}, diags
}

// keyPolicy renders the key policy the configuration asks for.
func keyPolicy(ctx context.Context, m resourceModel, e env) (string, diag.Diagnostics) {
	in, diags := policyInput(ctx, m, e)
	if diags.HasError() {
		return "", diags
	}
	p, err := policies.KeyPolicy(in)
	if err != nil {
		diags.AddAttributeError(pathServices, "Cannot build the key policy", err.Error())
	}
	return p, diags
}

// desiredFrom is the hardened key of a planned model. tags are merged over default_tags by
// the plan (tags_all), so the planned tags_all is what every apply sets.
func desiredFrom(ctx context.Context, plan resourceModel, e env) (keyDesired, diag.Diagnostics) {
	policy, diags := keyPolicy(ctx, plan, e)
	tags, d := framework.StringMap(ctx, plan.TagsAll)
	diags.Append(d...)
	return keyDesired{
		Alias:          plan.Alias.ValueString(),
		Description:    plan.Description.ValueString(),
		Policy:         policy,
		RotationPeriod: plan.RotationPeriodDays.ValueInt64(),
		Tags:           tags,
	}, diags
}
