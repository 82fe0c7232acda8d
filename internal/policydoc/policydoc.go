// Package policydoc compares and reads IAM-style policy documents (bucket, role, trust and topic
// policies) as parsed JSON. AWS returns policies reformatted, with keys and list members
// reordered, single values collapsed or expanded and, for IAM, URL-encoded; none of that may ever
// show as drift.
package policydoc

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"
)

// Decode undoes the URL encoding IAM applies to policy documents in its responses.
func Decode(doc string) string {
	if strings.HasPrefix(strings.TrimSpace(doc), "{") {
		return doc
	}
	if decoded, err := url.QueryUnescape(doc); err == nil {
		return decoded
	}
	return doc
}

// Normalize re-encodes a policy so that formatting, key order, the order of statements and of
// list members never matter, a single value equals a one-element list, and the principal "*"
// equals {"AWS":"*"} (AWS treats them alike). It returns "" when raw is not a JSON object.
func Normalize(raw string) string {
	var doc map[string]any
	if json.Unmarshal([]byte(Decode(raw)), &doc) != nil || doc == nil {
		return ""
	}
	stmts := statementsOf(doc["Statement"])
	norm := make([]string, 0, len(stmts))
	for _, m := range stmts {
		out := make(map[string]any, len(m))
		for k, val := range m {
			switch k {
			case "Action", "NotAction", "Resource", "NotResource":
				out[k] = sorted(Strings(val))
			case "Principal", "NotPrincipal":
				out[k] = Principal(val)
			case "Condition":
				out[k] = Condition(val)
			default:
				out[k] = val
			}
		}
		b, _ := json.Marshal(out)
		norm = append(norm, string(b))
	}
	sort.Strings(norm)
	b, _ := json.Marshal(map[string]any{"Version": doc["Version"], "Statement": norm})
	return string(b)
}

// Equivalent reports whether two policies grant and deny the same, as parsed JSON.
func Equivalent(a, b string) bool {
	na := Normalize(a)
	return na != "" && na == Normalize(b)
}

// Compact is the form state holds for a policy read from AWS: decoded, compact JSON with sorted
// keys, so the plan shows a readable diff. A value that is not JSON is returned unchanged.
func Compact(raw string) string {
	var v any
	if err := json.Unmarshal([]byte(Decode(raw)), &v); err != nil {
		return raw
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Preferred is what a read stores: the expected document when AWS holds an equivalent one (so
// formatting never shows as a diff), else what AWS holds, compacted.
func Preferred(actual, expected string) string {
	if Equivalent(actual, expected) {
		return expected
	}
	return Compact(actual)
}

// Statements returns the statements of a policy, which AWS allows as one object or a list.
// Nil when raw is not a policy.
func Statements(raw string) []map[string]any {
	var doc map[string]any
	if json.Unmarshal([]byte(Decode(raw)), &doc) != nil {
		return nil
	}
	return statementsOf(doc["Statement"])
}

func statementsOf(v any) []map[string]any {
	var out []map[string]any
	switch s := v.(type) {
	case map[string]any:
		out = append(out, s)
	case []any:
		for _, e := range s {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// Strings reads an element that may be a string or a list of strings, in document order.
func Strings(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Principal reads a Principal element as principal type -> sorted ids; "*" is {"AWS":["*"]}.
func Principal(v any) map[string][]string {
	if s, ok := v.(string); ok {
		return map[string][]string{"AWS": {s}}
	}
	m, _ := v.(map[string]any)
	out := make(map[string][]string, len(m))
	for k, val := range m {
		out[k] = sorted(Strings(val))
	}
	return out
}

// Condition reads a Condition element as operator -> key -> sorted values.
func Condition(v any) map[string]map[string][]string {
	m, _ := v.(map[string]any)
	out := make(map[string]map[string][]string, len(m))
	for op, kv := range m {
		inner, ok := kv.(map[string]any)
		if !ok {
			continue
		}
		out[op] = make(map[string][]string, len(inner))
		for k, val := range inner {
			out[op][k] = sorted(Strings(val))
		}
	}
	return out
}

func sorted(ss []string) []string {
	sort.Strings(ss)
	return ss
}
