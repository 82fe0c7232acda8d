package acctest

import (
	"maps"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// CheckAttrsEqual requires every attribute in attrs of the resource at address to hold value,
// e.g. each flag of a hardened block "true".
func CheckAttrsEqual(address, value string, attrs ...string) resource.TestCheckFunc {
	checks := make([]resource.TestCheckFunc, len(attrs))
	for i, a := range attrs {
		checks[i] = resource.TestCheckResourceAttr(address, a, value)
	}
	return resource.ComposeAggregateTestCheckFunc(checks...)
}

// CheckMap requires the map attribute attr of the resource at address to hold exactly
// len(want) entries, and each key of want its value.
func CheckMap(address, attr string, want map[string]string) resource.TestCheckFunc {
	checks := []resource.TestCheckFunc{resource.TestCheckResourceAttr(address, attr+".%", strconv.Itoa(len(want)))}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		checks = append(checks, resource.TestCheckResourceAttr(address, attr+"."+k, want[k]))
	}
	return resource.ComposeAggregateTestCheckFunc(checks...)
}

// CheckAttrs requires each attribute (a flat-map path such as "tags_all.team") of the resource at
// address to hold its value in want.
func CheckAttrs(address string, want map[string]string) resource.TestCheckFunc {
	return CheckAttrsUnder(address, "", want)
}

// CheckAttrsUnder requires each attribute of the nested object at prefix (e.g. "recorders.us-west-2"
// or "lifecycle_rules.0"; "" for the resource itself) of the resource at address to hold its
// value in want.
func CheckAttrsUnder(address, prefix string, want map[string]string) resource.TestCheckFunc {
	if prefix != "" {
		prefix += "."
	}
	checks := make([]resource.TestCheckFunc, 0, len(want))
	for _, k := range slices.Sorted(maps.Keys(want)) {
		checks = append(checks, resource.TestCheckResourceAttr(address, prefix+k, want[k]))
	}
	return resource.ComposeAggregateTestCheckFunc(checks...)
}
