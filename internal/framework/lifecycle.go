package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// The lifecycle driver. A composite resource's Create, Read, Update and Delete entry points all
// do the same around the resource's own work: decode the request into the model, run the
// operation, report its diagnostics, and leave in Terraform's state what the operation says. The
// entry points hand their request to Create, Read, Update or Delete here, with the operation:
//
//	func (r *kmsKey) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
//		framework.Create(ctx, req, resp, r.create)
//	}
//
// An operation works on the model alone (the decoded plan or state) and returns the Next state
// and its diagnostics. A request it cannot decode never reaches it.

// Next is what an operation leaves in Terraform's state: a model to save (Save), nothing any
// more (Gone), or, as the zero value, the state as the framework has it. The state is saved
// beside errors too: a create that made something and then failed saves what it made, so that
// Terraform keeps the resource (tainted) and destroy removes it.
type Next[M any] struct {
	state *M
	gone  bool
}

// Save makes m the resource's state.
func Save[M any](m M) Next[M] { return Next[M]{state: &m} }

// Gone removes the resource from state: Read found that nothing it owns exists any more, so the
// next plan creates it again.
func Gone[M any]() Next[M] { return Next[M]{gone: true} }

// leave reports an operation's diagnostics, then writes its Next into the response's state.
func (n Next[M]) leave(ctx context.Context, opDiags diag.Diagnostics, state *tfsdk.State, diags *diag.Diagnostics) {
	diags.Append(opDiags...)
	switch {
	case n.gone:
		state.RemoveResource(ctx)
	case n.state != nil:
		diags.Append(state.Set(ctx, *n.state)...)
	}
}

// CreateFunc makes what the plan describes. On failure it returns the diagnostics and, when it
// made something that it could not roll back, the state that lets destroy remove it.
type CreateFunc[M any] func(ctx context.Context, plan M) (Next[M], diag.Diagnostics)

// ReadFunc reads what AWS has: given a resource's state, the refreshed state, Gone when nothing
// the resource owns exists any more, or the zero Next (the state unchanged) beside an error; given
// a data source's configuration (ReadData), the data source's state.
type ReadFunc[M any] func(ctx context.Context, state M) (Next[M], diag.Diagnostics)

// UpdateFunc makes AWS match the plan, given the prior state; like CreateFunc, it saves what
// exists after a failure when that differs from the prior state.
type UpdateFunc[M any] func(ctx context.Context, plan, prior M) (Next[M], diag.Diagnostics)

// DeleteFunc destroys what the state records. Terraform removes the resource from state unless
// the diagnostics hold an error.
type DeleteFunc[M any] func(ctx context.Context, state M) diag.Diagnostics

// Create is a resource's Create: the plan decoded, create run, and its Next saved.
func Create[M any](ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse, create CreateFunc[M]) {
	if plan, ok := Get[M](ctx, req.Plan, &resp.Diagnostics); ok {
		next, diags := create(ctx, plan)
		next.leave(ctx, diags, &resp.State, &resp.Diagnostics)
	}
}

// Read is a resource's Read: the state decoded, read run, and its Next saved or the resource
// removed.
func Read[M any](ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse, read ReadFunc[M]) {
	if state, ok := Get[M](ctx, req.State, &resp.Diagnostics); ok {
		next, diags := read(ctx, state)
		next.leave(ctx, diags, &resp.State, &resp.Diagnostics)
	}
}

// Update is a resource's Update: the plan and the prior state decoded, update run, and its Next
// saved.
func Update[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse, update UpdateFunc[M]) {
	if plan, prior, ok := Get2[M](ctx, req.Plan, req.State, &resp.Diagnostics); ok {
		next, diags := update(ctx, plan, prior)
		next.leave(ctx, diags, &resp.State, &resp.Diagnostics)
	}
}

// Delete is a resource's Delete: the state decoded and destroy run.
func Delete[M any](ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse, destroy DeleteFunc[M]) {
	if state, ok := Get[M](ctx, req.State, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(destroy(ctx, state)...)
	}
}

// ReadData is a data source's Read: an error when the provider has no AWS client (it was not
// configured), otherwise the configuration decoded, read run, and its Next saved.
func ReadData[M any](ctx context.Context, client *conns.AWSClient, req datasource.ReadRequest, resp *datasource.ReadResponse, read ReadFunc[M]) {
	if client == nil {
		resp.Diagnostics.AddError("Provider not configured", "the soc2 provider has no AWS client; check the provider block")
		return
	}
	if config, ok := Get[M](ctx, req.Config, &resp.Diagnostics); ok {
		next, diags := read(ctx, config)
		next.leave(ctx, diags, &resp.State, &resp.Diagnostics)
	}
}

// ErrorDiags is one error diagnostic with the summary and err's message when err is not nil, and
// none when it is: an operation's "name the operation that failed" in one call.
func ErrorDiags(summary string, err error) diag.Diagnostics {
	if err == nil {
		return nil
	}
	return diag.Diagnostics{diag.NewErrorDiagnostic(summary, err.Error())}
}
