package logbucket

import (
	"slices"
	"sort"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// parsedPolicy is what import recovers from a policy this resource generated.
type parsedPolicy struct {
	Readers []string
	Writers []string
	Exempt  []string
}

func parsePolicy(raw string) parsedPolicy {
	var p parsedPolicy
	for _, s := range policydoc.Statements(raw) {
		sid, _ := s["Sid"].(string)
		switch {
		case sid == sidAllowReaders:
			p.Readers = policydoc.Principal(s["Principal"])["AWS"]
		case sid == sidDenyTamper:
			p.Exempt = policydoc.Condition(s["Condition"])[conditionExemptOp][principalArnKey]
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
	for _, s := range policydoc.Statements(raw) {
		if s["Effect"] != "Deny" || !matchesAny(policydoc.Strings(s["Action"]), action) {
			continue
		}
		applies := true
		for op, kv := range policydoc.Condition(s["Condition"]) {
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
