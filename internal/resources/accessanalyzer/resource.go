// Package accessanalyzer implements soc2_access_analyzer: IAM Access Analyzer in every region,
// its archive rules, and EventBridge rules that send new active findings to the alarm topic.
package accessanalyzer

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var (
	_ resource.ResourceWithConfigure      = (*analyzerResource)(nil)
	_ resource.ResourceWithImportState    = (*analyzerResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*analyzerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*analyzerResource)(nil)
)

type analyzerResource struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registry lists.
func NewResource() resource.Resource {
	return &analyzerResource{ResourceBase: framework.NewResourceBase("_access_analyzer")}
}

func (r *analyzerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	framework.Create(ctx, req, resp, func(ctx context.Context, plan resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		next, diags := r.apply(ctx, plan, nil)
		return next, append(diags, setApplied(ctx, resp.Private, plan)...)
	})
}

func (r *analyzerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, func(ctx context.Context, state resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		ref, diags := getApplied(ctx, req.Private)
		next, gone, d := r.read(ctx, state, ref)
		diags.Append(d...)
		if gone {
			return framework.Gone[resourceModel](), diags
		}
		if diags.HasError() {
			return framework.Next[resourceModel]{}, diags
		}
		return framework.Save(next), diags
	})
}

func (r *analyzerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, func(ctx context.Context, plan, prior resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
		next, diags := r.apply(ctx, plan, &prior)
		return next, append(diags, setApplied(ctx, resp.Private, plan)...)
	})
}

func (r *analyzerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, func(ctx context.Context, state resourceModel) diag.Diagnostics {
		err := deleteRegions(ctx, r.Client, stateRegions(state), state.Name.ValueString())
		// The role goes last: a rule that still forwards must not lose the role it assumes first.
		if err == nil {
			err = deleteForwardRole(ctx, r.Client, state.Name.ValueString())
		}
		return framework.ErrorDiags("Deleting Access Analyzer "+state.Name.ValueString(), err)
	})
}

// apply runs the steps for the plan and returns what AWS has afterwards. When a region fails, the
// regions that succeeded (and any failed one that still owns something) are saved too, so destroy
// or the next apply finds them: nothing is orphaned.
func (r *analyzerResource) apply(ctx context.Context, plan resourceModel, prior *resourceModel) (next framework.Next[resourceModel], diags diag.Diagnostics) {
	d, diags := desiredFrom(ctx, plan, r.Client)
	if diags.HasError() {
		return next, diags
	}
	var priorRegions []string
	if prior != nil {
		priorRegions = stateRegions(*prior)
	}
	found, err := applyRegions(ctx, r.Client, d, priorRegions)
	role, roleErr := forwardRoleFor(ctx, r.Client, d)
	err = errors.Join(err, roleErr)
	state, ds := stateFrom(ctx, r.Client, found, role, plan, d)
	diags.Append(ds...)
	if err != nil {
		diags.AddError("Applying Access Analyzer "+d.Name, err.Error()+
			"; the regions that were hardened are recorded in state, and the next apply retries the others")
	}
	return framework.Save(state), diags
}

// applied is what the last apply set for the settings that are one argument across regions. Read
// compares every region with it, not with the state, whose value a previous refresh may already
// have replaced with one drifted region's; so every plan names the same drifted regions.
type applied struct {
	Archive   map[string]archiveRule `json:"archive"`
	UnusedAge int32                  `json:"unused_age"`
}

const appliedKey = "applied"

type privateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func setApplied(ctx context.Context, p privateData, plan resourceModel) diag.Diagnostics {
	d, diags := desiredFrom(ctx, plan, nil)
	b, err := json.Marshal(applied{Archive: d.Archive, UnusedAge: d.UnusedAge})
	if err != nil {
		diags.AddError("Saving the applied archive rules", err.Error())
		return diags
	}
	return append(diags, p.SetKey(ctx, appliedKey, b)...)
}

// getApplied is nil before the first apply (e.g. right after import): the state is the reference.
func getApplied(ctx context.Context, p privateData) (*applied, diag.Diagnostics) {
	b, diags := p.GetKey(ctx, appliedKey)
	if len(b) == 0 || diags.HasError() {
		return nil, diags
	}
	var a applied
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, diags
	}
	return &a, diags
}

// read refreshes the state; gone reports that nothing the resource owns exists any more.
func (r *analyzerResource) read(ctx context.Context, state resourceModel, ref *applied) (resourceModel, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	d, ds := desiredFrom(ctx, state, r.Client)
	diags.Append(ds...)
	if ref != nil {
		d.Archive, d.UnusedAge = ref.Archive, ref.UnusedAge
	}
	regions := stateRegions(state)
	found, err := findRegions(ctx, r.Client, regions, d.Name)
	role, roleErr := forwardRoleFor(ctx, r.Client, d)
	if err = errors.Join(err, roleErr); err != nil {
		diags.AddError("Reading Access Analyzer "+d.Name, err.Error())
		return state, false, diags
	}
	if !slices.ContainsFunc(regions, func(region string) bool { return found[region].owns() }) {
		return state, true, diags
	}
	next, ds := stateFrom(ctx, r.Client, found, role, state, d)
	diags.Append(ds...)
	return next, false, diags
}

// stateRegions lists every region the state records, planned or left over from a failed apply.
func stateRegions(m resourceModel) []string {
	set := map[string]bool{}
	if framework.Known(m.Analyzers) {
		for region := range m.Analyzers.Elements() {
			set[region] = true
		}
	}
	if regions, _ := framework.StringList(context.Background(), m.Regions); regions != nil {
		for _, region := range regions {
			set[region] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}
