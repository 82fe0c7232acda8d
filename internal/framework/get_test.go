package framework

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type getModel struct {
	Name types.String `tfsdk:"name"`
}

var getSchema = schema.Schema{Attributes: map[string]schema.Attribute{"name": schema.StringAttribute{Optional: true}}}

func getState(name string) tfsdk.State {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}
	return tfsdk.State{Schema: getSchema, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, name)})}
}

// wrongModel cannot hold the schema's object, so decoding into it fails.
type wrongModel struct {
	Other types.String `tfsdk:"other"`
}

func TestGet(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	m, ok := Get[getModel](ctx, getState("a"), &diags)
	if !ok || m.Name.ValueString() != "a" || diags.HasError() {
		t.Fatalf("Get = %v, %v, %v", m, ok, diags)
	}
	a, b, ok := Get2[getModel](ctx, getState("a"), getState("b"), &diags)
	if !ok || a.Name.ValueString() != "a" || b.Name.ValueString() != "b" {
		t.Fatalf("Get2 = %v, %v, %v", a, b, ok)
	}
	if _, ok := Get[wrongModel](ctx, getState("a"), &diags); ok || !diags.HasError() {
		t.Fatal("Get into a model that does not fit the schema must fail")
	}
	diags = nil
	if _, _, ok := Get2[wrongModel](ctx, getState("a"), getState("b"), &diags); ok || diags.ErrorsCount() != 2 {
		t.Fatalf("Get2 must report both sources' errors: %v", diags)
	}
}

func TestPrior(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	if p := Prior[getModel](ctx, tfsdk.State{Schema: getSchema, Raw: tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}, nil)}, &diags); p != nil {
		t.Errorf("no prior state: %v", p)
	}
	if p := Prior[getModel](ctx, getState("a"), &diags); p == nil || p.Name.ValueString() != "a" {
		t.Errorf("Prior = %v", p)
	}
}

func TestPlanOf(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	st := getState("a")
	plan := tfsdk.Plan(st)
	if m, ok := PlanOf[getModel](ctx, resource.ModifyPlanRequest{Plan: plan}, &diags); !ok || m.Name.ValueString() != "a" {
		t.Errorf("PlanOf = %v, %v", m, ok)
	}
	destroy := tfsdk.Plan{Schema: st.Schema, Raw: tftypes.NewValue(st.Raw.Type(), nil)}
	if _, ok := PlanOf[getModel](ctx, resource.ModifyPlanRequest{Plan: destroy}, &diags); ok || diags.HasError() {
		t.Error("a destroy plan has nothing to plan and is no error")
	}
}
