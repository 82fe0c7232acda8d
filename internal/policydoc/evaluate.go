package policydoc

import (
	"slices"
	"strings"
)

// Request is one request as a resource-based policy sees it: who asks (an IAM principal by ARN,
// or an AWS service principal), for what action on which resource, with which condition keys.
// The provider uses it for plan-time checks of policies it did not write (a topic or key policy
// someone gave it) and of its own (does the bucket policy lock out the caller?). Tests of the
// generated policies use a full IAM evaluation engine; this one is deliberately small.
type Request struct {
	// Principal is the caller's IAM ARN: a role (not its session), a user, or an account root.
	Principal string
	// Service is set instead of Principal when an AWS service calls on its own behalf.
	Service  string
	Action   string
	Resource string
	// Context holds condition keys. aws:PrincipalArn and aws:PrincipalAccount are derived from
	// Principal when absent; aws:SecureTransport defaults to "true".
	Context map[string][]string
}

// Decision is the outcome of evaluating one policy for one request.
type Decision int

const (
	// ImplicitDeny: no statement applies; whether the call succeeds depends on other policies.
	ImplicitDeny Decision = iota
	// Allowed: an Allow statement applies and no Deny does.
	Allowed
	// ExplicitDeny: a Deny statement applies; nothing else can allow the call.
	ExplicitDeny
)

func (d Decision) String() string {
	switch d {
	case Allowed:
		return "Allowed"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "ImplicitDeny"
}

// Evaluate applies a resource-based policy to a request. Conditions with operators it does not
// know are taken to hold for Deny statements and not to hold for Allow statements, so it errs
// towards "denied".
func Evaluate(policy string, req Request) Decision {
	ctx := requestContext(req)
	decision := ImplicitDeny
	for _, s := range Statements(policy) {
		if !statementMatches(s, req) {
			continue
		}
		switch s["Effect"] {
		case Deny:
			if conditionsHold(s["Condition"], ctx, true) {
				return ExplicitDeny
			}
		case Allow:
			if conditionsHold(s["Condition"], ctx, false) {
				decision = Allowed
			}
		}
	}
	return decision
}

func requestContext(req Request) map[string][]string {
	ctx := make(map[string][]string, len(req.Context)+3)
	for k, v := range req.Context {
		ctx[strings.ToLower(k)] = v
	}
	if req.Principal != "" {
		if _, ok := ctx["aws:principalarn"]; !ok {
			ctx["aws:principalarn"] = []string{req.Principal}
		}
		if _, ok := ctx["aws:principalaccount"]; !ok {
			if parts := strings.SplitN(req.Principal, ":", 6); len(parts) == 6 {
				ctx["aws:principalaccount"] = []string{parts[4]}
			}
		}
	}
	if req.Service != "" {
		if _, ok := ctx["aws:principalservicename"]; !ok {
			ctx["aws:principalservicename"] = []string{req.Service}
		}
	}
	if _, ok := ctx["aws:securetransport"]; !ok {
		ctx["aws:securetransport"] = []string{"true"}
	}
	return ctx
}

func statementMatches(s map[string]any, req Request) bool {
	if p, ok := s["Principal"]; ok && !principalMatches(Principal(p), req) {
		return false
	}
	if np, ok := s["NotPrincipal"]; ok && principalMatches(Principal(np), req) {
		return false
	}
	if a, ok := s["Action"]; ok && !anyMatch(Strings(a), req.Action, actionLike) {
		return false
	}
	if na, ok := s["NotAction"]; ok && anyMatch(Strings(na), req.Action, actionLike) {
		return false
	}
	if r, ok := s["Resource"]; ok && !anyMatch(Strings(r), req.Resource, ArnLike) {
		return false
	}
	if nr, ok := s["NotResource"]; ok && anyMatch(Strings(nr), req.Resource, ArnLike) {
		return false
	}
	return true
}

// principalMatches follows the resource-policy rules: "*" is everyone, services included; an
// account (its id or its root ARN) stands for every principal of that account.
func principalMatches(p map[string][]string, req Request) bool {
	if req.Service != "" {
		return slices.Contains(p["Service"], req.Service) || slices.Contains(p["AWS"], "*")
	}
	account := ""
	if parts := strings.SplitN(req.Principal, ":", 6); len(parts) == 6 {
		account = parts[4]
	}
	for _, id := range p["AWS"] {
		switch {
		case id == "*", id == req.Principal:
			return true
		case account != "" && (id == account || strings.HasSuffix(id, ":"+account+":root")):
			return true
		}
	}
	return false
}

func anyMatch(patterns []string, value string, like func(pattern, value string) bool) bool {
	for _, p := range patterns {
		if like(p, value) {
			return true
		}
	}
	return false
}

func actionLike(pattern, action string) bool {
	return Like(strings.ToLower(pattern), strings.ToLower(action))
}

// conditionsHold ANDs every operator and key of a Condition block.
func conditionsHold(raw any, ctx map[string][]string, unknownHolds bool) bool {
	for op, keys := range Condition(raw) {
		for key, want := range keys {
			if !conditionHolds(op, ctx[strings.ToLower(key)], want, unknownHolds) {
				return false
			}
		}
	}
	return true
}

func conditionHolds(op string, have, want []string, unknownHolds bool) bool {
	set := ""
	if prefix, rest, ok := strings.Cut(op, ":"); ok {
		set, op = prefix, rest
	}
	ifExists := strings.HasSuffix(op, "IfExists")
	op = strings.TrimSuffix(op, "IfExists")
	if op == "Null" {
		absent := len(have) == 0
		return slices.Contains(want, "true") == absent
	}
	match, negated, known := operator(op)
	if !known {
		return unknownHolds
	}
	if len(have) == 0 {
		// A missing key never matches; a negated operator therefore holds, and IfExists holds.
		return ifExists || negated || set == "ForAllValues"
	}
	one := func(v string) bool {
		hit := anyMatch(want, v, match)
		return hit != negated
	}
	switch set {
	case "ForAllValues":
		for _, v := range have {
			if !one(v) {
				return false
			}
		}
		return true
	default: // single-valued keys and ForAnyValue
		for _, v := range have {
			if one(v) {
				return true
			}
		}
		return false
	}
}

// operator returns the comparison of a condition operator and whether it is negated.
func operator(op string) (match func(pattern, value string) bool, negated, known bool) {
	switch op {
	case "StringEquals", "ArnEquals", "Bool", "NumericEquals":
		return equals, false, true
	case "StringNotEquals", "ArnNotEquals", "NumericNotEquals":
		return equals, true, true
	case "StringEqualsIgnoreCase":
		return strings.EqualFold, false, true
	case "StringNotEqualsIgnoreCase":
		return strings.EqualFold, true, true
	case "StringLike":
		return Like, false, true
	case "StringNotLike":
		return Like, true, true
	case "ArnLike":
		return ArnLike, false, true
	case "ArnNotLike":
		return ArnLike, true, true
	}
	return nil, false, false
}

func equals(a, b string) bool { return a == b }

// ArnLike follows IAM's ArnLike: each of the six colon-separated parts is matched on its own,
// with '*' and '?' wildcards that may span '/' but never ':' between parts.
func ArnLike(pattern, value string) bool {
	if pattern == "*" {
		return true
	}
	pp := strings.SplitN(pattern, ":", 6)
	vp := strings.SplitN(value, ":", 6)
	if len(pp) != 6 || len(vp) != 6 {
		return Like(pattern, value)
	}
	for i := range pp {
		if !Like(pp[i], vp[i]) {
			return false
		}
	}
	return true
}

// Like matches IAM's string wildcards: '*' any run of characters, '?' exactly one.
func Like(pattern, value string) bool {
	p, v := 0, 0
	star, mark := -1, 0
	for v < len(value) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == value[v]):
			p++
			v++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, v
			p++
		case star >= 0:
			p = star + 1
			mark++
			v = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
