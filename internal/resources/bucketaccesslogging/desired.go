package bucketaccesslogging

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// bucketPlaceholder in target_prefix stands for the source bucket's name.
const bucketPlaceholder = "{bucket}"

// defaultPrefixTemplate keeps each source's logs apart, under one prefix a log bucket policy can
// grant (soc2_log_bucket's s3_access_logs writer grants the whole bucket).
const defaultPrefixTemplate = "s3-access/" + bucketPlaceholder + "/"

// specFrom reads the configuration; ok is false while any part of it is unknown.
func specFrom(ctx context.Context, m resourceModel) (s spec, ok bool, diags diag.Diagnostics) {
	for _, v := range []interface{ IsUnknown() bool }{m.TargetBucket, m.TargetPrefix, m.Buckets, m.BucketTags, m.PartitionedPrefix} {
		if v.IsUnknown() {
			return spec{}, false, nil
		}
	}
	// A bucket created in the same apply is a known set with an unknown element.
	if !framework.AllKnown(m.Buckets) {
		return spec{}, false, nil
	}
	s = spec{Target: m.TargetBucket.ValueString(), PrefixTemplate: m.TargetPrefix.ValueString(),
		Partitioned: m.PartitionedPrefix.ValueBool()}
	if m.TargetPrefix.IsNull() {
		s.PrefixTemplate = defaultPrefixTemplate
	}
	var d diag.Diagnostics
	s.Buckets, d = framework.StringList(ctx, m.Buckets)
	diags.Append(d...)
	s.Tags, d = framework.StringMap(ctx, m.BucketTags)
	diags.Append(d...)
	slices.Sort(s.Buckets)
	return s, !diags.HasError(), diags
}

// prefix is the target prefix of one source bucket.
func (s spec) prefix(bucket string) string {
	return strings.ReplaceAll(s.PrefixTemplate, bucketPlaceholder, bucket)
}

// want is the logging every selected source must have.
func (s spec) want(bucket string) logging {
	return logging{Enabled: true, Bucket: s.Target, Prefix: s.prefix(bucket), Partitioned: s.Partitioned}
}

// searched describes the selection for messages: "buckets [a b] and buckets tagged k=v".
func (s spec) searched() string {
	var parts []string
	if len(s.Buckets) > 0 {
		parts = append(parts, fmt.Sprintf("buckets %q", s.Buckets))
	}
	if len(s.Tags) > 0 {
		parts = append(parts, "buckets tagged "+framework.TagsSummary(s.Tags))
	}
	return strings.Join(parts, " and ")
}

// adopt is a newly selected source: the resource manages its logging unless the bucket already
// logged somewhere, in which case destroy puts that configuration back.
func adopt(name, region string, have logging) source {
	if have.Enabled {
		return source{Name: name, Region: region, Logging: have, Managed: false, Previous: have}
	}
	return source{Name: name, Region: region, Logging: have, Managed: true}
}

// id is the canonical import id: <target>;buckets=a,b;tags=k=v,k2=v2 (see import.go).
func (s spec) id() string {
	id := s.Target
	if len(s.Buckets) > 0 {
		id += ";buckets=" + strings.Join(s.Buckets, ",")
	}
	if len(s.Tags) > 0 {
		pairs := make([]string, 0, len(s.Tags))
		for _, k := range slices.Sorted(maps.Keys(s.Tags)) {
			pairs = append(pairs, k+"="+s.Tags[k])
		}
		id += ";tags=" + strings.Join(pairs, ",")
	}
	return id
}

// sourceObject is the Terraform value of one source: the logging it has (or is planned to have)
// and what the resource remembers about it.
func sourceObject(s source) sourceModel {
	m := sourceModel{
		LoggingEnabled:       types.BoolValue(s.Logging.Enabled),
		TargetBucket:         types.StringNull(),
		TargetPrefix:         types.StringNull(),
		PartitionedPrefix:    types.BoolValue(s.Logging.Partitioned),
		Managed:              types.BoolValue(s.Managed),
		PreviousTargetBucket: types.StringNull(),
		PreviousTargetPrefix: types.StringNull(),
	}
	if s.Logging.Enabled {
		m.TargetBucket, m.TargetPrefix = types.StringValue(s.Logging.Bucket), types.StringValue(s.Logging.Prefix)
	}
	if !s.Managed {
		m.PreviousTargetBucket, m.PreviousTargetPrefix = types.StringValue(s.Previous.Bucket), types.StringValue(s.Previous.Prefix)
	}
	return m
}

// sourcesValue is the sources map of a set of sources.
func sourcesValue(ctx context.Context, sources map[string]source) (types.Map, diag.Diagnostics) {
	elems := make(map[string]sourceModel, len(sources))
	for name, s := range sources {
		elems[name] = sourceObject(s)
	}
	return types.MapValueFrom(ctx, sourceType, elems)
}

// sourcesFrom reads the sources map; null and unknown read as none.
func sourcesFrom(ctx context.Context, m types.Map) (map[string]source, diag.Diagnostics) {
	out := map[string]source{}
	if !framework.Known(m) {
		return out, nil
	}
	var elems map[string]sourceModel
	diags := m.ElementsAs(ctx, &elems, false)
	for name, e := range elems {
		s := source{Name: name, Managed: e.Managed.ValueBool(), Logging: logging{
			Enabled: e.LoggingEnabled.ValueBool(), Bucket: e.TargetBucket.ValueString(),
			Prefix: e.TargetPrefix.ValueString(), Partitioned: e.PartitionedPrefix.ValueBool(),
		}}
		if !s.Managed {
			s.Previous = logging{Enabled: true, Bucket: e.PreviousTargetBucket.ValueString(), Prefix: e.PreviousTargetPrefix.ValueString()}
		}
		out[name] = s
	}
	return out, diags
}
