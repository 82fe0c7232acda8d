package evidencedata

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
)

// fill sets the computed attributes from the binder.
func fill(m *model, b *evidence.Binder) diag.Diagnostics {
	var diags diag.Diagnostics
	strs := func(ss []string) types.List {
		l, d := types.ListValueFrom(context.Background(), types.StringType, ss)
		diags.Append(d...)
		return l
	}
	controls := make([]attr.Value, 0, len(b.Controls))
	for _, c := range b.Controls {
		v, d := types.ObjectValue(controlType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(c.ID), "section": types.StringValue(c.Section), "title": types.StringValue(c.Title),
			"status": types.StringValue(c.Status), "reason": types.StringValue(c.Reason), "resource": types.StringValue(c.Resource),
			"region": types.StringValue(c.Region), "read_at": types.StringValue(c.ReadAt.UTC().Format(time.RFC3339)),
			"soc2": strs(c.SOC2), "cis": strs(c.CIS), "security_hub": strs(c.SecurityHub),
		})
		diags.Append(d...)
		controls = append(controls, v)
	}
	summary := make([]attr.Value, 0, len(b.Summary))
	for _, s := range b.Summary {
		v, d := types.ObjectValue(summaryType.AttrTypes, map[string]attr.Value{
			"criterion": types.StringValue(s.Criterion), "pass": types.Int64Value(int64(s.Pass)),
			"fail": types.Int64Value(int64(s.Fail)), "skipped": types.Int64Value(int64(s.Skipped)),
		})
		diags.Append(d...)
		summary = append(summary, v)
	}
	failed := []string{}
	for _, c := range b.Failed() {
		failed = append(failed, c.ID)
	}
	var d diag.Diagnostics
	m.Controls, d = types.ListValue(controlType, controls)
	diags.Append(d...)
	m.Summary, d = types.ListValue(summaryType, summary)
	diags.Append(d...)
	m.ID = types.StringValue(b.AccountID)
	m.SchemaVersion = types.StringValue(b.Schema)
	m.GeneratedAt = types.StringValue(b.GeneratedAt.Format(time.RFC3339))
	m.Passed = types.BoolValue(len(failed) == 0)
	m.FailedControls = strs(failed)
	m.ChangeEventCount = types.Int64Value(int64(len(b.ChangeLog.Events)))
	m.Digest = types.StringValue(b.Digest)
	return diags
}
