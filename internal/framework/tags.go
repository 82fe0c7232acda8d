package framework

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// Tag rules, the same for every resource:
//   - `tags` is what the configuration sets; every object the resource owns carries `tags`
//     merged over the provider's default_tags (conns.AWSClient.Tags).
//   - `tags_all` is computed. Its planned value is that merge; its read value is the tags every
//     owned object carries alike (CommonTags), so a tag removed or changed on any one object
//     out of band shows in the plan as that key of tags_all changing back, and apply re-tags
//     only the objects that differ (TagDiff).

// TagsAttribute is the `tags` argument of a resource whose objects are described by what.
func TagsAttribute(what string) schema.MapAttribute {
	return OptionalStringMap("Tags of " + what + ", merged over the provider's `default_tags` (these win on the same key).")
}

// TagsAllAttribute is the computed `tags_all` attribute.
func TagsAllAttribute(what string) schema.MapAttribute {
	return schema.MapAttribute{
		ElementType: types.StringType,
		Computed:    true,
		MarkdownDescription: "The tags every one of " + what + " carries: `tags` merged over the provider's " +
			"`default_tags`. A tag removed or changed out of band on any of them shows here as drift.",
		PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
	}
}

// CommonTags is the read value of tags_all: the key/value pairs present, with the same value,
// on every object. No objects yields an empty map.
func CommonTags(objects ...map[string]string) map[string]string {
	if len(objects) == 0 {
		return map[string]string{}
	}
	common := maps.Clone(objects[0])
	if common == nil {
		common = map[string]string{}
	}
	for _, tags := range objects[1:] {
		for k, v := range common {
			if got, ok := tags[k]; !ok || got != v {
				delete(common, k)
			}
		}
	}
	return common
}

// ReadTags is the read value of `tags`: the tags AWS holds (actual) minus those the provider's
// default_tags supplies (conns.AWSClient.OwnTags), except the keys the configuration sets itself
// (prior: the state or plan value of `tags`). It is null when prior is null or unknown (tags not
// configured, or just imported) and AWS holds no tags of the resource's own.
func ReadTags(client *conns.AWSClient, actual map[string]string, prior types.Map) types.Map {
	configured := map[string]string{}
	for k, v := range prior.Elements() {
		if s, ok := v.(types.String); ok {
			configured[k] = s.ValueString()
		}
	}
	own := client.OwnTags(actual, configured)
	if len(own) == 0 && !Known(prior) {
		return types.MapNull(types.StringType)
	}
	return stringMapValue(own)
}

// ReadTagsAll is the read value of tags_all: the tags every one of objects carries alike
// (CommonTags).
func ReadTagsAll(objects ...map[string]string) types.Map {
	return stringMapValue(CommonTags(objects...))
}

// stringMapValue is the Terraform value of a map of strings, which cannot fail.
func stringMapValue(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// TagDiff splits the change from have to want into keys to remove and tags to set.
func TagDiff(have, want map[string]string) (remove []string, set map[string]string) {
	set = map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(have)) {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	for k, v := range want {
		if hv, ok := have[k]; !ok || hv != v {
			set[k] = v
		}
	}
	return remove, set
}

// PlanTagsAll is the planned tags_all: the configured tags merged over default_tags. Unknown
// when the configured tags are not known yet.
func PlanTagsAll(ctx context.Context, client *conns.AWSClient, tags types.Map) (types.Map, diag.Diagnostics) {
	if tags.IsUnknown() {
		return types.MapUnknown(types.StringType), nil
	}
	own, diags := StringMap(ctx, tags)
	if diags.HasError() {
		return types.MapNull(types.StringType), diags
	}
	merged := own
	if client != nil {
		merged = client.Tags(own)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, merged)
	diags.Append(d...)
	return v, diags
}

// TagsSummary renders tags for messages, sorted: "k1=v1, k2=v2".
func TagsSummary(tags map[string]string) string {
	parts := make([]string, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		parts = append(parts, k+"="+tags[k])
	}
	return strings.Join(parts, ", ")
}
