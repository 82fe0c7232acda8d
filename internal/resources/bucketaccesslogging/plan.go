package bucketaccesslogging

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// ValidateConfig refuses an empty selection and a target among the named sources, before the
// provider is even configured.
func (r *bucketAccessLogging) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, ok := framework.Get[resourceModel](ctx, req.Config, &resp.Diagnostics)
	if !ok || m.Buckets.IsUnknown() || m.BucketTags.IsUnknown() {
		return
	}
	if len(m.Buckets.Elements()) == 0 && len(m.BucketTags.Elements()) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("buckets"), "No source buckets selected",
			"buckets and bucket_tags are both unset or empty, so no bucket would be logged. Name the data buckets in "+
				"buckets = [\"acme-customer-data\"] and/or select them by tag with bucket_tags = { data-classification = \"sensitive\" }.")
	}
	if !framework.Known(m.TargetBucket) {
		return
	}
	// The known names suffice: a name known only at apply cannot be checked before it.
	buckets := framework.KnownStrings(m.Buckets)
	if target := m.TargetBucket.ValueString(); slices.Contains(buckets, target) {
		resp.Diagnostics.AddAttributeError(path.Root("buckets"), "Target bucket among the sources",
			fmt.Sprintf("buckets contains %q, which is target_bucket: a bucket logging into itself writes a log record for every "+
				"log object it receives, without end. Remove %q from buckets.", target, target))
	}
}

// ModifyPlan resolves the selector against the account, so a newly matching bucket is a new key
// of sources and a drifted one plans back to the target; refuses what S3 would reject.
func (r *bucketAccessLogging) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, _, prior, ok := framework.PlanInputs[resourceModel](ctx, r.Client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	s, known, diags := specFrom(ctx, plan)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	plan.ID, plan.Sources = types.StringUnknown(), types.MapUnknown(sourceType)
	if known {
		plan.ID = types.StringValue(s.id())
		sources, pending, diags := r.plannedSources(ctx, s, prior, false)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		if len(pending) > 0 {
			resp.Diagnostics.AddWarning("Source buckets do not exist yet",
				fmt.Sprintf("buckets: %q do not exist yet. If another resource of this configuration creates them, they are "+
					"logged in this apply (sources is known after apply); otherwise the apply fails.", pending))
		} else {
			plan.Sources, diags = sourcesValue(ctx, sources)
			resp.Diagnostics.Append(diags...)
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// plannedSources is the planned sources map: every selected bucket logging to the target, each
// keeping what the resource remembers of it. Named buckets that do not exist yet are returned as
// pending; applying turns them into an error.
func (r *bucketAccessLogging) plannedSources(ctx context.Context, s spec, prior *resourceModel, applying bool) (map[string]source, []string, diag.Diagnostics) {
	t, diags := r.inspectTarget(ctx, s)
	if diags.HasError() {
		return nil, nil, diags
	}
	sc := selectContext{TargetRegion: t.Region, Applying: applying}
	priorSources := map[string]source{}
	if prior != nil {
		var d diag.Diagnostics
		sc.Known, d = framework.StringList(ctx, prior.Buckets)
		diags.Append(d...)
		priorSources, d = sourcesFrom(ctx, prior.Sources)
		diags.Append(d...)
	}
	sel, d := r.resolve(ctx, s, sc)
	diags.Append(d...)
	if diags.HasError() {
		return nil, nil, diags
	}
	if t.Exists {
		if diags.Append(r.checkTargetPolicy(ctx, s, t, sel.Regions)...); diags.HasError() {
			return nil, nil, diags
		}
	}
	out := map[string]source{}
	var mu sync.Mutex
	err := framework.ForEach(ctx, slices.Collect(maps.Keys(sel.Regions)), bucketConcurrency, func(ctx context.Context, name string) error {
		region := sel.Regions[name]
		next, found := priorSources[name]
		if !found {
			have, err := findLogging(ctx, r.Client.S3(region), name)
			if framework.NotFound(err) {
				return nil // deleted since it was selected
			}
			if err != nil {
				return err
			}
			next = adopt(name, region, have)
		}
		next.Name, next.Region, next.Logging = name, region, s.want(name)
		mu.Lock()
		out[name] = next
		mu.Unlock()
		return nil
	})
	if err != nil {
		diags.AddError("Cannot read the source buckets' logging", err.Error())
	}
	return out, sel.Pending, diags
}
