package bucketaccesslogging

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

const importFormat = "<target_bucket>;buckets=<bucket>,<bucket>;tags=<key>=<value>,<key>=<value> " +
	"(either or both of buckets= and tags=), e.g. acme-s3-access-logs;tags=data-classification=sensitive"

// parseImportID reads the import id into a spec. target_prefix and partitioned_prefix are not
// part of it: import recovers them from the sources' logging.
func parseImportID(id string) (spec, error) {
	fields := strings.Split(id, ";")
	s := spec{Target: fields[0], PrefixTemplate: defaultPrefixTemplate}
	if s.Target == "" || len(fields) < 2 {
		return s, fmt.Errorf("import id %q: want %s", id, importFormat)
	}
	for _, f := range fields[1:] {
		key, value, _ := strings.Cut(f, "=")
		switch {
		case key == "buckets" && value != "":
			s.Buckets = strings.Split(value, ",")
			slices.Sort(s.Buckets)
		case key == "tags" && value != "":
			s.Tags = map[string]string{}
			for _, pair := range strings.Split(value, ",") {
				k, v, ok := strings.Cut(pair, "=")
				if !ok || k == "" {
					return s, fmt.Errorf("import id %q: tag %q is not <key>=<value>; want %s", id, pair, importFormat)
				}
				s.Tags[k] = v
			}
		default:
			return s, fmt.Errorf("import id %q: field %q is neither buckets=<list> nor tags=<list>; want %s", id, f, importFormat)
		}
	}
	return s, nil
}

// ImportState takes over the sources the selector names now: a source logging to the target is
// managed from then on (destroy turns its logging off), one logging elsewhere keeps that
// configuration as the one destroy puts back.
func (r *bucketAccessLogging) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	s, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return
	}
	if r.Client == nil {
		resp.Diagnostics.AddError("Provider not configured", "soc2_bucket_access_logging import needs a configured provider.")
		return
	}
	region, err := findRegion(ctx, r.Client.S3(""), r.Client.AccountID, s.Target)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the target bucket", fmt.Sprintf("import id %q: %v", req.ID, err))
		return
	}
	sel, diags := r.resolve(ctx, s, selectContext{TargetRegion: region, Applying: true})
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	sources, err := r.importSources(ctx, s.Target, sel.Regions)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the source buckets' logging", err.Error())
		return
	}
	s.PrefixTemplate, s.Partitioned = inferFormat(s.Target, sources)
	m, diags := importedModel(ctx, s, sources)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (r *bucketAccessLogging) importSources(ctx context.Context, target string, regions map[string]string) (map[string]source, error) {
	out := map[string]source{}
	var mu sync.Mutex
	err := framework.ForEach(ctx, slices.Collect(maps.Keys(regions)), bucketConcurrency, func(ctx context.Context, name string) error {
		have, err := findLogging(ctx, r.Client.S3(regions[name]), name)
		if err != nil {
			return err
		}
		s := source{Name: name, Region: regions[name], Logging: have, Managed: true}
		if have.Enabled && have.Bucket != target {
			s.Managed, s.Previous = false, have
		}
		mu.Lock()
		out[name] = s
		mu.Unlock()
		return nil
	})
	return out, err
}

// inferFormat recovers target_prefix and partitioned_prefix from the sources that log to the
// target: a template with {bucket} where the bucket's name is a whole segment of each prefix,
// else the one prefix they share, else the default.
func inferFormat(target string, sources map[string]source) (template string, partitioned bool) {
	logged := map[string]string{}
	parts := 0
	for name, s := range sources {
		if s.Logging.Enabled && s.Logging.Bucket == target {
			logged[name] = s.Logging.Prefix
			if s.Logging.Partitioned {
				parts++
			}
		}
	}
	partitioned = len(logged) > 0 && parts == len(logged)
	candidates := map[string]bool{}
	for name, prefix := range logged {
		candidates[segmentTemplate(prefix, name)] = true
		candidates[prefix] = true
	}
	// With one source both "x/a/" and "x/{bucket}/" reproduce it; the template is what a
	// configuration would say, so it goes first.
	ordered := slices.SortedFunc(maps.Keys(candidates), func(a, b string) int {
		pa, pb := strings.Contains(a, bucketPlaceholder), strings.Contains(b, bucketPlaceholder)
		if pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, c := range ordered {
		if reproduces(c, logged) {
			return c, partitioned
		}
	}
	return defaultPrefixTemplate, partitioned
}

// segmentTemplate replaces the '/'-separated segments of prefix equal to name by {bucket}.
func segmentTemplate(prefix, name string) string {
	segs := strings.Split(prefix, "/")
	for i, s := range segs {
		if s == name {
			segs[i] = bucketPlaceholder
		}
	}
	return strings.Join(segs, "/")
}

func reproduces(template string, logged map[string]string) bool {
	for name, prefix := range logged {
		if strings.ReplaceAll(template, bucketPlaceholder, name) != prefix {
			return false
		}
	}
	return true
}

func importedModel(ctx context.Context, s spec, sources map[string]source) (resourceModel, diag.Diagnostics) {
	var diags, d diag.Diagnostics
	m := resourceModel{ID: types.StringValue(s.id()), TargetBucket: types.StringValue(s.Target),
		TargetPrefix: types.StringValue(s.PrefixTemplate), PartitionedPrefix: types.BoolValue(s.Partitioned),
		Buckets: types.SetNull(types.StringType), BucketTags: types.MapNull(types.StringType)}
	if len(s.Buckets) > 0 {
		m.Buckets, d = types.SetValueFrom(ctx, types.StringType, s.Buckets)
		diags.Append(d...)
	}
	if len(s.Tags) > 0 {
		m.BucketTags, d = types.MapValueFrom(ctx, types.StringType, s.Tags)
		diags.Append(d...)
	}
	m.Sources, d = sourcesValue(ctx, sources)
	diags.Append(d...)
	return m, diags
}
