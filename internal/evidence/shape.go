package evidence

import (
	"encoding/json"
	"sort"
	"strings"
)

// mapFields hold free-form keys (tags), so their shape is "map of string", not their keys.
var mapFields = map[string]bool{"tags": true}

// JSONShape describes the shape of a JSON document, one "path: type" line per field, sorted; array
// elements are merged under "path[]". Two binders of one schema version have the same shape
// whatever their values, so a golden shape catches an unversioned change of evidence.json.
func JSONShape(data []byte) (string, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return "", err
	}
	lines := map[string]bool{}
	walkShape("$", v, lines)
	out := make([]string, 0, len(lines))
	for l := range lines {
		out = append(out, l)
	}
	sort.Strings(out)
	return strings.Join(out, "\n") + "\n", nil
}

func walkShape(path string, v any, lines map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		lines[path+": object"] = true
		for k, child := range x {
			if mapFields[k] {
				lines[path+"."+k+": map of string"] = true
				continue
			}
			walkShape(path+"."+k, child, lines)
		}
	case []any:
		lines[path+": array"] = true
		for _, child := range x {
			walkShape(path+"[]", child, lines)
		}
	case string:
		lines[path+": string"] = true
	case float64:
		lines[path+": number"] = true
	case bool:
		lines[path+": bool"] = true
	case nil:
		lines[path+": null"] = true
	}
}
