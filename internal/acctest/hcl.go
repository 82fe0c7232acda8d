package acctest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// HCLList renders ss as an HCL list of strings.
func HCLList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// HCLTags renders the tags argument of a resource block, keys sorted so that configurations
// compare equal from step to step; no tags render nothing.
func HCLTags(tags map[string]string) string {
	if len(tags) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("  tags = {\n")
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		fmt.Fprintf(&b, "    %q = %q\n", k, tags[k])
	}
	b.WriteString("  }\n")
	return b.String()
}
