package framework

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// The driver is tested with the one-attribute model of get_test.go: a state, plan or
// configuration holding name, or null (no resource).

var getType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}

func nullState() tfsdk.State {
	return tfsdk.State{Schema: getSchema, Raw: tftypes.NewValue(getType, nil)}
}

func getPlan(name string) tfsdk.Plan { return tfsdk.Plan(getState(name)) }

// stateName is the name a state holds, "" when the resource is not in it.
func stateName(t *testing.T, s tfsdk.State) string {
	t.Helper()
	if s.Raw.IsNull() {
		return ""
	}
	var m getModel
	if d := s.Get(context.Background(), &m); d.HasError() {
		t.Fatal(d)
	}
	return m.Name.ValueString()
}

// badPlan cannot be decoded into getModel: the operation must not run.
func badPlan() tfsdk.Plan {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"other": tftypes.String}}
	return tfsdk.Plan{Schema: getSchema, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{"other": tftypes.NewValue(tftypes.String, "x")})}
}

func named(name string) getModel {
	var m getModel
	_ = getState(name).Get(context.Background(), &m)
	return m
}

func errorDiags(summary string) diag.Diagnostics { return ErrorDiags(summary, errors.New("boom")) }

func TestCreateSavesTheStateAndTheDiagnostics(t *testing.T) {
	ctx := context.Background()
	var warning diag.Diagnostics
	warning.AddWarning("Heads up", "a risk the user accepted")
	resp := resource.CreateResponse{State: nullState()}
	Create(ctx, resource.CreateRequest{Plan: getPlan("planned")}, &resp, func(_ context.Context, plan getModel) (Next[getModel], diag.Diagnostics) {
		if plan.Name.ValueString() != "planned" {
			t.Errorf("create got plan %v", plan)
		}
		return Save(named("made")), warning
	})
	if got := stateName(t, resp.State); got != "made" || resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("state %q, diagnostics %v", got, resp.Diagnostics)
	}
}

// A create that made something and then failed records it: the state and the error both reach
// Terraform, which keeps the resource tainted so that destroy removes it.
func TestCreateRecordsFailedCreateState(t *testing.T) {
	resp := resource.CreateResponse{State: nullState()}
	Create(context.Background(), resource.CreateRequest{Plan: getPlan("planned")}, &resp, func(context.Context, getModel) (Next[getModel], diag.Diagnostics) {
		return Save(named("half-made")), errorDiags("Configuring the new thing")
	})
	if got := stateName(t, resp.State); got != "half-made" {
		t.Errorf("failed create saved %q, want the half-made state", got)
	}
	if resp.Diagnostics.ErrorsCount() != 1 || resp.Diagnostics[0].Summary() != "Configuring the new thing" || resp.Diagnostics[0].Detail() != "boom" {
		t.Errorf("diagnostics %v", resp.Diagnostics)
	}
}

func TestCreateThatMadeNothingSavesNothing(t *testing.T) {
	resp := resource.CreateResponse{State: nullState()}
	Create(context.Background(), resource.CreateRequest{Plan: getPlan("planned")}, &resp, func(context.Context, getModel) (Next[getModel], diag.Diagnostics) {
		return Next[getModel]{}, errorDiags("Creating the thing")
	})
	if !resp.State.Raw.IsNull() || resp.Diagnostics.ErrorsCount() != 1 {
		t.Errorf("state %v, diagnostics %v", resp.State.Raw, resp.Diagnostics)
	}
}

func TestUndecodableRequestNeverReachesTheOperation(t *testing.T) {
	ctx := context.Background()
	called := false
	create := func(context.Context, getModel) (Next[getModel], diag.Diagnostics) {
		called = true
		return Save(named("x")), nil
	}
	resp := resource.CreateResponse{State: nullState()}
	Create(ctx, resource.CreateRequest{Plan: badPlan()}, &resp, create)
	update := func(context.Context, getModel, getModel) (Next[getModel], diag.Diagnostics) {
		called = true
		return Save(named("x")), nil
	}
	uresp := resource.UpdateResponse{State: getState("prior")}
	Update(ctx, resource.UpdateRequest{Plan: badPlan(), State: getState("prior")}, &uresp, update)
	if called || !resp.Diagnostics.HasError() || !uresp.Diagnostics.HasError() || !resp.State.Raw.IsNull() || stateName(t, uresp.State) != "prior" {
		t.Errorf("called %v, create %v, update %v", called, resp.Diagnostics, uresp.Diagnostics)
	}
}

func TestReadRemovesAResourceThatIsGone(t *testing.T) {
	resp := resource.ReadResponse{State: getState("prior")}
	Read(context.Background(), resource.ReadRequest{State: getState("prior")}, &resp, func(_ context.Context, state getModel) (Next[getModel], diag.Diagnostics) {
		if state.Name.ValueString() != "prior" {
			t.Errorf("read got state %v", state)
		}
		return Gone[getModel](), nil
	})
	if !resp.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		t.Errorf("gone resource left state %v, diagnostics %v", resp.State.Raw, resp.Diagnostics)
	}
}

func TestReadRefreshesOrKeepsTheStateOnError(t *testing.T) {
	ctx := context.Background()
	resp := resource.ReadResponse{State: getState("prior")}
	Read(ctx, resource.ReadRequest{State: getState("prior")}, &resp, func(context.Context, getModel) (Next[getModel], diag.Diagnostics) {
		return Save(named("refreshed")), nil
	})
	if got := stateName(t, resp.State); got != "refreshed" {
		t.Errorf("refresh saved %q", got)
	}
	resp = resource.ReadResponse{State: getState("prior")}
	Read(ctx, resource.ReadRequest{State: getState("prior")}, &resp, func(context.Context, getModel) (Next[getModel], diag.Diagnostics) {
		return Next[getModel]{}, errorDiags("Reading the thing")
	})
	if got := stateName(t, resp.State); got != "prior" || resp.Diagnostics.ErrorsCount() != 1 {
		t.Errorf("failed read left %q, diagnostics %v", got, resp.Diagnostics)
	}
}

func TestUpdateGetsPlanAndPrior(t *testing.T) {
	resp := resource.UpdateResponse{State: getState("prior")}
	Update(context.Background(), resource.UpdateRequest{Plan: getPlan("planned"), State: getState("prior")}, &resp,
		func(_ context.Context, plan, prior getModel) (Next[getModel], diag.Diagnostics) {
			if plan.Name.ValueString() != "planned" || prior.Name.ValueString() != "prior" {
				t.Errorf("update got plan %v, prior %v", plan, prior)
			}
			// What exists after a failure is saved beside the error.
			return Save(named("partly updated")), errorDiags("Restoring the thing")
		})
	if got := stateName(t, resp.State); got != "partly updated" || resp.Diagnostics.ErrorsCount() != 1 {
		t.Errorf("state %q, diagnostics %v", got, resp.Diagnostics)
	}
}

func TestDeletePropagatesDiagnostics(t *testing.T) {
	ctx := context.Background()
	resp := resource.DeleteResponse{State: getState("doomed")}
	Delete(ctx, resource.DeleteRequest{State: getState("doomed")}, &resp, func(_ context.Context, state getModel) diag.Diagnostics {
		return ErrorDiags("Deleting "+state.Name.ValueString(), errors.New("still in use"))
	})
	if resp.Diagnostics.ErrorsCount() != 1 || resp.Diagnostics[0].Summary() != "Deleting doomed" || resp.Diagnostics[0].Detail() != "still in use" {
		t.Errorf("diagnostics %v", resp.Diagnostics)
	}
	resp = resource.DeleteResponse{State: getState("doomed")}
	Delete(ctx, resource.DeleteRequest{State: getState("doomed")}, &resp, func(context.Context, getModel) diag.Diagnostics { return nil })
	if resp.Diagnostics.HasError() {
		t.Errorf("diagnostics %v", resp.Diagnostics)
	}
}

func TestReadData(t *testing.T) {
	ctx := context.Background()
	config := tfsdk.Config{Schema: getSchema, Raw: getState("wanted").Raw}
	read := func(_ context.Context, m getModel) (Next[getModel], diag.Diagnostics) {
		return Save(named(m.Name.ValueString() + " read")), nil
	}
	resp := datasource.ReadResponse{State: nullState()}
	ReadData(ctx, nil, datasource.ReadRequest{Config: config}, &resp, read)
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Provider not configured" || !resp.State.Raw.IsNull() {
		t.Errorf("without a client: %v", resp.Diagnostics)
	}
	resp = datasource.ReadResponse{State: nullState()}
	ReadData(ctx, &conns.AWSClient{}, datasource.ReadRequest{Config: config}, &resp, read)
	if got := stateName(t, resp.State); got != "wanted read" || resp.Diagnostics.HasError() {
		t.Errorf("state %q, diagnostics %v", got, resp.Diagnostics)
	}
}

func TestErrorDiags(t *testing.T) {
	if d := ErrorDiags("Doing it", nil); d != nil {
		t.Errorf("no error: %v", d)
	}
	d := ErrorDiags("Doing it", errors.New("failed"))
	if d.ErrorsCount() != 1 || d[0].Summary() != "Doing it" || d[0].Detail() != "failed" {
		t.Errorf("ErrorDiags = %v", d)
	}
}
