package accessanalyzer

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The resource's entry points (ModifyPlan, Create, Read, Update, Delete) driven as the framework
// drives them, with tfsdk plans and states of the real schema, against the SDK-level fake: the
// state each sets must conform to the schema and agree with every value the plan knew (Terraform
// rejects an apply whose result differs from a known planned value).

type harness struct {
	t       *testing.T
	r       *analyzerResource
	f       *fakeAWS
	schema  resource.SchemaResponse
	private any // the resource's private state, carried from apply to read like Terraform does
}

func newHarness(t *testing.T) *harness {
	f := newFakeAWS()
	r := &analyzerResource{}
	r.Client = f.client(t)
	h := &harness{t: t, r: r, f: f}
	r.Schema(context.Background(), resource.SchemaRequest{}, &h.schema)
	return h
}

func (h *harness) empty() tftypes.Value {
	return tftypes.NewValue(h.schema.Schema.Type().TerraformType(context.Background()), nil)
}

// withPrivate gives a response's Private field (of a type internal to the framework) a value.
func (h *harness) withPrivate(resp any) {
	field := reflect.ValueOf(resp).Elem().FieldByName("Private")
	if h.private == nil {
		h.private = reflect.New(field.Type().Elem()).Interface()
	}
	field.Set(reflect.ValueOf(h.private))
}

// plan runs ModifyPlan for config over state (nil: create) and returns the planned model.
func (h *harness) plan(config resourceModel, state *tfsdk.State) tfsdk.Plan {
	ctx := context.Background()
	asState := tfsdk.State{Schema: h.schema.Schema, Raw: h.empty()}
	if d := asState.Set(ctx, config); d.HasError() {
		h.t.Fatal(d)
	}
	cfg := tfsdk.Config{Schema: h.schema.Schema, Raw: asState.Raw}
	proposed := config
	proposed.ID, proposed.TagsAll = types.StringUnknown(), types.MapUnknown(types.StringType)
	proposed.Analyzers = types.MapUnknown(regionObjectType)
	req := resource.ModifyPlanRequest{Config: cfg, Plan: tfsdk.Plan{Schema: h.schema.Schema, Raw: h.empty()},
		State: tfsdk.State{Schema: h.schema.Schema, Raw: h.empty()}}
	if state != nil {
		req.State = *state
		var prior resourceModel
		state.Get(ctx, &prior)
		proposed.ID, proposed.TagsAll, proposed.Analyzers = prior.ID, prior.TagsAll, prior.Analyzers
	}
	req.Plan.Set(ctx, proposed)
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	h.r.ModifyPlan(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		h.t.Fatalf("plan: %v", resp.Diagnostics)
	}
	return resp.Plan
}

func (h *harness) create(plan tfsdk.Plan) tfsdk.State {
	resp := resource.CreateResponse{State: tfsdk.State{Schema: h.schema.Schema, Raw: h.empty()}}
	h.withPrivate(&resp)
	h.r.Create(context.Background(), resource.CreateRequest{Plan: plan}, &resp)
	if resp.Diagnostics.HasError() {
		h.t.Fatalf("create: %v", resp.Diagnostics)
	}
	h.consistent(plan, resp.State)
	return resp.State
}

func (h *harness) update(plan tfsdk.Plan, state tfsdk.State) tfsdk.State {
	resp := resource.UpdateResponse{State: state}
	h.withPrivate(&resp)
	h.r.Update(context.Background(), resource.UpdateRequest{Plan: plan, State: state}, &resp)
	if resp.Diagnostics.HasError() {
		h.t.Fatalf("update: %v", resp.Diagnostics)
	}
	h.consistent(plan, resp.State)
	return resp.State
}

func (h *harness) read(state tfsdk.State) tfsdk.State {
	resp := resource.ReadResponse{State: state}
	h.withPrivate(&resp)
	req := resource.ReadRequest{State: state}
	reflect.ValueOf(&req).Elem().FieldByName("Private").Set(reflect.ValueOf(h.private))
	h.r.Read(context.Background(), req, &resp)
	if resp.Diagnostics.HasError() {
		h.t.Fatalf("read: %v", resp.Diagnostics)
	}
	return resp.State
}

// consistent fails when the applied state differs from a value the plan knew.
func (h *harness) consistent(plan tfsdk.Plan, state tfsdk.State) {
	h.t.Helper()
	_ = tftypes.Walk(plan.Raw, func(p *tftypes.AttributePath, planned tftypes.Value) (bool, error) {
		if !planned.IsKnown() {
			return false, nil
		}
		got, _, err := tftypes.WalkAttributePath(state.Raw, p)
		if err != nil {
			h.t.Errorf("apply result lacks %s", p)
			return false, nil
		}
		if v, ok := got.(tftypes.Value); ok && !v.Equal(planned) && !planned.Type().Is(tftypes.Object{}) &&
			!planned.Type().Is(tftypes.Map{}) && !planned.Type().Is(tftypes.List{}) && !planned.Type().Is(tftypes.Set{}) {
			h.t.Errorf("%s: planned %s, applied %s", p, planned, v)
		}
		return true, nil
	})
}

// changes lists the attribute paths whose planned value differs from the state's.
func changes(plan tfsdk.Plan, state tfsdk.State) []string {
	var out []string
	_ = tftypes.Walk(plan.Raw, func(p *tftypes.AttributePath, planned tftypes.Value) (bool, error) {
		if planned.Type().Is(tftypes.Object{}) || planned.Type().Is(tftypes.Map{}) {
			return true, nil
		}
		got, _, err := tftypes.WalkAttributePath(state.Raw, p)
		if v, ok := got.(tftypes.Value); err != nil || !ok || !v.Equal(planned) {
			out = append(out, p.String())
		}
		return false, nil
	})
	return out
}

func TestResource_lifecycleThroughTheFramework(t *testing.T) {
	h := newHarness(t)
	config := testModel(t, testDesired())
	config.Regions = types.SetNull(types.StringType) // default: every enabled region
	config.ID, config.Analyzers, config.TagsAll = types.StringNull(), types.MapNull(regionObjectType), types.MapNull(types.StringType)

	state := h.create(h.plan(config, nil))
	state = h.read(state)
	if c := changes(h.plan(config, &state), state); len(c) != 0 {
		t.Fatalf("plan after create is not empty: %v", c)
	}

	h.f.rules["us-west-2"]["soc2-aa-findings"].state = "DISABLED"
	state = h.read(state)
	plan := h.plan(config, &state)
	if c := changes(plan, state); len(c) != 1 || c[0] != `AttributeName("analyzers").ElementKeyString("us-west-2").AttributeName("rule_state")` {
		t.Fatalf("plan after the rule was disabled shows %v", c)
	}
	state = h.read(h.update(plan, state))
	if c := changes(h.plan(config, &state), state); len(c) != 0 {
		t.Fatalf("plan after update is not empty: %v", c)
	}

	resp := resource.DeleteResponse{}
	h.r.Delete(context.Background(), resource.DeleteRequest{State: state}, &resp)
	if resp.Diagnostics.HasError() || len(h.f.regionsWithAnything()) != 0 {
		t.Fatalf("delete: %v, left %v", resp.Diagnostics, h.f.regionsWithAnything())
	}
}

// Import by name recovers every argument: planning the original configuration over the imported
// state changes nothing (what ImportStateVerify checks on real AWS).
func TestResource_importRecoversEveryArgument(t *testing.T) {
	h := newHarness(t)
	config := testModel(t, testDesired())
	config.Regions = types.SetNull(types.StringType)
	config.ID, config.Analyzers, config.TagsAll = types.StringNull(), types.MapNull(regionObjectType), types.MapNull(types.StringType)
	h.create(h.plan(config, nil))

	fresh := newHarness(t)
	fresh.f, fresh.r.Client = h.f, h.r.Client
	resp := resource.ImportStateResponse{State: tfsdk.State{Schema: fresh.schema.Schema, Raw: fresh.empty()}}
	fresh.r.ImportState(context.Background(), resource.ImportStateRequest{ID: "soc2-aa"}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	imported := fresh.read(resp.State)
	if c := changes(fresh.plan(config, &imported), imported); len(c) != 0 {
		t.Fatalf("plan over the imported state changes %v", c)
	}
	bad := resource.ImportStateResponse{State: tfsdk.State{Schema: fresh.schema.Schema, Raw: fresh.empty()}}
	fresh.r.ImportState(context.Background(), resource.ImportStateRequest{ID: "no-such-analyzer"}, &bad)
	if !bad.Diagnostics.HasError() {
		t.Error("importing a name no region has must fail")
	}
}
