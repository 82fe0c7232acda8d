package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringMap reads a map of strings; null and unknown read as an empty map.
func StringMap(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out, nil
	}
	diags := m.ElementsAs(ctx, &out, false)
	return out, diags
}

// StringList reads a list or set of strings; null and unknown read as nil. An unknown element is
// an error: at plan, gate on AllKnown (or read KnownStrings) first.
func StringList(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}) ([]string, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var out []string
	diags := v.ElementsAs(ctx, &out, false)
	return out, diags
}

// MapValue is the Terraform value of a Go map; an empty map stays an empty (not null) map.
func MapValue(ctx context.Context, m map[string]string) (types.Map, diag.Diagnostics) {
	if m == nil {
		m = map[string]string{}
	}
	return types.MapValueFrom(ctx, types.StringType, m)
}

// StringOrNull is the Terraform value of s, null when s is empty: for optional settings that
// AWS reports as absent.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Known reports whether a value is neither null nor unknown.
func Known(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// collection is a list or a set.
type collection interface {
	IsNull() bool
	IsUnknown() bool
	Elements() []attr.Value
}

// KnownStrings returns the known elements of a list or set of strings, in order; null and unknown
// read as nil. At plan an element can be unknown while the collection is not (an ARN of a role
// created in the same apply); check AllKnown where a partial list would mislead.
func KnownStrings(v collection) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(v.Elements()))
	for _, e := range v.Elements() {
		if s, ok := e.(types.String); ok && Known(s) {
			out = append(out, s.ValueString())
		}
	}
	return out
}

// AllKnown reports whether a list or set is known with every element known: what a value
// computed from it (a policy) needs before it can be planned.
func AllKnown(v collection) bool {
	if v.IsUnknown() {
		return false
	}
	for _, e := range v.Elements() {
		if e.IsUnknown() {
			return false
		}
	}
	return true
}
