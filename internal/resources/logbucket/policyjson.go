package logbucket

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
)

// normalisePolicy re-encodes a policy so that formatting, key order and the order of statements
// and list elements never matter, and single values equal one-element lists. "" means not JSON.
func normalisePolicy(raw string) string {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return ""
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	var stmts []any
	switch s := doc["Statement"].(type) {
	case []any:
		stmts = s
	case map[string]any:
		stmts = []any{s}
	}
	norm := make([]string, 0, len(stmts))
	for _, s := range stmts {
		m, ok := s.(map[string]any)
		if !ok {
			continue
		}
		out := map[string]any{}
		for k, val := range m {
			switch k {
			case "Action", "NotAction", "Resource", "NotResource":
				out[k] = stringList(val)
			case "Principal", "NotPrincipal":
				out[k] = normalisePrincipal(val)
			case "Condition":
				out[k] = normaliseCondition(val)
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

// policiesEquivalent compares two policies as parsed JSON.
func policiesEquivalent(a, b string) bool {
	na, nb := normalisePolicy(a), normalisePolicy(b)
	return na != "" && na == nb
}

// canonicalPolicy is what state holds for a policy read from AWS: compact JSON with sorted keys.
func canonicalPolicy(raw string) string {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return raw
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func stringList(v any) []string {
	var out []string
	switch t := v.(type) {
	case string:
		out = []string{t}
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// AWS treats "*" and {"AWS":"*"} as the same principal.
func normalisePrincipal(v any) any {
	if s, ok := v.(string); ok {
		return map[string][]string{"AWS": {s}}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string][]string{}
	for k, val := range m {
		out[k] = stringList(val)
	}
	return out
}

func normaliseCondition(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]map[string][]string{}
	for op, kv := range m {
		inner, ok := kv.(map[string]any)
		if !ok {
			continue
		}
		out[op] = map[string][]string{}
		for k, val := range inner {
			out[op][k] = stringList(val)
		}
	}
	return out
}

// parsedPolicy is what import recovers from a policy this resource generated.
type parsedPolicy struct {
	Readers []string
	Writers []string
	Exempt  []string
}

func parsePolicy(raw string) parsedPolicy {
	var doc struct {
		Statement []map[string]any `json:"Statement"`
	}
	var p parsedPolicy
	if json.Unmarshal([]byte(raw), &doc) != nil {
		return p
	}
	for _, s := range doc.Statement {
		sid, _ := s["Sid"].(string)
		switch {
		case sid == sidAllowReaders:
			if pr, ok := normalisePrincipal(s["Principal"]).(map[string][]string); ok {
				p.Readers = pr["AWS"]
			}
		case sid == sidDenyTamper:
			if c, ok := normaliseCondition(s["Condition"]).(map[string]map[string][]string); ok {
				p.Exempt = c[conditionExemptOp][principalArnKey]
			}
		case strings.HasPrefix(sid, "Allow") && strings.HasSuffix(sid, "Write"):
			for name, svc := range writerServices {
				if sid == "Allow"+svc.sid+"Write" {
					p.Writers = append(p.Writers, name)
				}
			}
		}
	}
	sort.Strings(p.Writers)
	return p
}

// deniesToPrincipal reports whether a Deny statement of the policy matches action for the
// principal. It understands what generatePolicy writes (actions with wildcards, an ArnNotLike or
// ArnNotEquals exemption on aws:PrincipalArn, the TLS condition, which a TLS caller never meets)
// and assumes any other condition applies, so it errs towards "denied".
func deniesToPrincipal(raw, action, principalARN string) bool {
	var doc struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(raw), &doc) != nil {
		return false
	}
	var stmts []map[string]any
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return false
		}
		stmts = []map[string]any{one}
	}
	for _, s := range stmts {
		if s["Effect"] != "Deny" || !matchesAny(stringList(s["Action"]), action) {
			continue
		}
		conds, _ := normaliseCondition(s["Condition"]).(map[string]map[string][]string)
		applies := true
		for op, kv := range conds {
			for key, values := range kv {
				switch {
				case key == "aws:SecureTransport" && op == "Bool":
					applies = applies && slices.Contains(values, "true")
				case strings.EqualFold(key, principalArnKey) && (op == "ArnNotLike" || op == "ArnNotEquals"):
					applies = applies && !matchesAny(values, principalARN)
				}
			}
		}
		if applies {
			return true
		}
	}
	return false
}

func matchesAny(patterns []string, value string) bool {
	for _, p := range patterns {
		if arnLike(p, value) {
			return true
		}
	}
	return false
}

// arnLike follows IAM's ArnLike: '*' may span '/' within the resource part.
func arnLike(pattern, value string) bool {
	if pattern == value {
		return true
	}
	if !strings.Contains(pattern, "*") {
		return false
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(value, parts[0]) {
		return false
	}
	rest := value[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(rest, part)
		}
		idx := strings.Index(rest, part)
		if idx < 0 {
			return false
		}
		rest = rest[idx+len(part):]
	}
	return true
}
