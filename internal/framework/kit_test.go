package framework

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

func TestArgumentBuilders(t *testing.T) {
	var sv validator.String
	if a := RequiredString("r", sv); !a.Required || a.Optional || a.Computed || a.MarkdownDescription != "r" || len(a.Validators) != 1 {
		t.Errorf("RequiredString = %#v", a)
	}
	if a := OptionalString("o"); !a.Optional || a.Required || a.Computed || a.MarkdownDescription != "o" || a.Validators != nil {
		t.Errorf("OptionalString without validators = %#v", a)
	}
	if a := OptionalInt64("n"); !a.Optional || a.Computed || a.MarkdownDescription != "n" {
		t.Errorf("OptionalInt64 = %#v", a)
	}
	if a := OptionalStringSet("s"); !a.Optional || a.Computed || !a.ElementType.Equal(types.StringType) {
		t.Errorf("OptionalStringSet = %#v", a)
	}
	if a := OptionalStringMap("m"); !a.Optional || a.Computed || !a.ElementType.Equal(types.StringType) {
		t.Errorf("OptionalStringMap = %#v", a)
	}
	attrs := map[string]schema.Attribute{"x": OptionalString("x")}
	if a := OptionalObject("obj", attrs); !a.Optional || a.Computed || len(a.Attributes) != 1 || a.MarkdownDescription != "obj" {
		t.Errorf("OptionalObject = %#v", a)
	}
	if a := ComputedMapOf("each", attrs); !a.Computed || a.Optional || len(a.NestedObject.Attributes) != 1 {
		t.Errorf("ComputedMapOf = %#v", a)
	}
	if a := ComputedStringList("l"); !a.Computed || a.Optional || !a.ElementType.Equal(types.StringType) {
		t.Errorf("ComputedStringList = %#v", a)
	}
}

// An argument with a default is optional and computed, and plans the default when left out.
func TestDefaultBuilders(t *testing.T) {
	ctx := context.Background()
	s := DefaultString("s", "x")
	var sr defaults.StringResponse
	s.Default.DefaultString(ctx, defaults.StringRequest{}, &sr)
	if !s.Optional || !s.Computed || sr.PlanValue.ValueString() != "x" {
		t.Errorf("DefaultString = %#v, default %v", s, sr.PlanValue)
	}
	b := DefaultBool("b", true)
	var br defaults.BoolResponse
	b.Default.DefaultBool(ctx, defaults.BoolRequest{}, &br)
	if !b.Optional || !b.Computed || !br.PlanValue.ValueBool() {
		t.Errorf("DefaultBool = %#v, default %v", b, br.PlanValue)
	}
	n := DefaultInt64("n", 7)
	var nr defaults.Int64Response
	n.Default.DefaultInt64(ctx, defaults.Int64Request{}, &nr)
	if !n.Optional || !n.Computed || nr.PlanValue.ValueInt64() != 7 {
		t.Errorf("DefaultInt64 = %#v, default %v", n, nr.PlanValue)
	}
}

func TestReadTags(t *testing.T) {
	client := &conns.AWSClient{DefaultTags: map[string]string{"env": "prod"}}
	null := types.MapNull(types.StringType)
	configured := stringMapValue(map[string]string{"env": "prod", "team": "sec"})

	if got := ReadTags(client, map[string]string{"env": "prod"}, null); !got.IsNull() {
		t.Errorf("only default tags, none configured: %v, want null", got)
	}
	if got := ReadTags(client, map[string]string{"env": "prod", "owner": "x"}, null); !got.Equal(stringMapValue(map[string]string{"owner": "x"})) {
		t.Errorf("imported: %v, want the tags default_tags does not supply", got)
	}
	if got := ReadTags(client, map[string]string{"env": "prod", "team": "sec"}, configured); !got.Equal(configured) {
		t.Errorf("a configured key equal to a default tag stays: %v", got)
	}
	if got := ReadTags(client, map[string]string{}, configured); got.IsNull() || len(got.Elements()) != 0 {
		t.Errorf("configured tags all removed out of band: %v, want an empty map", got)
	}
	all := ReadTagsAll(map[string]string{"a": "1", "b": "2"}, map[string]string{"a": "1"})
	if !all.Equal(stringMapValue(map[string]string{"a": "1"})) {
		t.Errorf("ReadTagsAll = %v", all)
	}
	if all := ReadTagsAll(); all.IsNull() || len(all.Elements()) != 0 {
		t.Errorf("ReadTagsAll of nothing = %v, want an empty map", all)
	}
}

func TestPlanInputs(t *testing.T) {
	ctx := context.Background()
	client := &conns.AWSClient{}
	st := getState("a")
	noState := tfsdk.State{Schema: getSchema, Raw: tftypes.NewValue(st.Raw.Type(), nil)}
	req := resource.ModifyPlanRequest{Plan: tfsdk.Plan(getState("p")), Config: tfsdk.Config(getState("c")), State: noState}

	var diags diag.Diagnostics
	plan, config, prior, ok := PlanInputs[getModel](ctx, client, req, &diags)
	if !ok || plan.Name.ValueString() != "p" || config.Name.ValueString() != "c" || prior != nil {
		t.Errorf("create: %v %v %v %v", plan, config, prior, ok)
	}
	req.State = st
	if _, _, prior, ok := PlanInputs[getModel](ctx, client, req, &diags); !ok || prior == nil || prior.Name.ValueString() != "a" {
		t.Errorf("update: prior %v, %v", prior, ok)
	}
	if _, _, _, ok := PlanInputs[getModel](ctx, nil, req, &diags); ok || diags.HasError() {
		t.Error("before the provider is configured there is nothing to plan, and no error")
	}
	destroy := req
	destroy.Plan = tfsdk.Plan{Schema: getSchema, Raw: tftypes.NewValue(st.Raw.Type(), nil)}
	if _, _, _, ok := PlanInputs[getModel](ctx, client, destroy, &diags); ok || diags.HasError() {
		t.Error("a destroy plan has nothing to plan and is no error")
	}
	if _, _, _, ok := PlanInputs[wrongModel](ctx, client, req, &diags); ok || !diags.HasError() {
		t.Error("a plan that does not fit the model must fail")
	}
}

// A set known as a whole can hold an element known only at apply (an ARN of a role created in the
// same apply): AllKnown says so, and KnownStrings keeps the known ones only.
func TestKnownStringsAndAllKnown(t *testing.T) {
	partial := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringUnknown()})
	full := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")})
	cases := []struct {
		name     string
		set      types.Set
		strings  []string
		allKnown bool
	}{
		{"an element unknown", partial, []string{"a"}, false},
		{"every element known", full, []string{"a", "b"}, true},
		{"null", types.SetNull(types.StringType), nil, true},
		{"unknown", types.SetUnknown(types.StringType), nil, false},
	}
	for _, tc := range cases {
		got := KnownStrings(tc.set)
		slices.Sort(got)
		if !slices.Equal(got, tc.strings) || AllKnown(tc.set) != tc.allKnown {
			t.Errorf("%s: KnownStrings = %v, AllKnown = %v; want %v, %v", tc.name, got, AllKnown(tc.set), tc.strings, tc.allKnown)
		}
	}
}
