package policydoc

import (
	"encoding/json"
	"fmt"
)

// Version is the only policy language version AWS documents for current policies.
const Version = "2012-10-17"

// Effects of a statement.
const (
	Allow = "Allow"
	Deny  = "Deny"
)

// Document is a policy the provider generates: bucket, trust, role, topic or key policy. Every
// generated policy is built from these types and rendered by JSON, never assembled from maps.
type Document struct {
	Version   string      `json:"Version"`
	ID        string      `json:"Id,omitempty"`
	Statement []Statement `json:"Statement"`
}

// Statement is one policy statement. Principal is nil in identity policies (role policies).
type Statement struct {
	Sid         string     `json:"Sid,omitempty"`
	Effect      string     `json:"Effect"`
	Principal   Principals `json:"Principal,omitempty"`
	Action      Values     `json:"Action,omitempty"`
	NotAction   Values     `json:"NotAction,omitempty"`
	Resource    Values     `json:"Resource,omitempty"`
	NotResource Values     `json:"NotResource,omitempty"`
	Condition   Conditions `json:"Condition,omitempty"`
}

// Values is a list element of a policy. One value renders as a plain string, the form AWS itself
// returns; emulators that read only that form (moto's PutBucketLogging check of the target
// bucket's policy, for one) then see what AWS would show them. AWS accepts both forms.
type Values []string

// MarshalJSON renders one value as a string and several as a list.
func (v Values) MarshalJSON() ([]byte, error) {
	if len(v) == 1 {
		return json.Marshal(v[0])
	}
	return json.Marshal([]string(v))
}

// Principals maps a principal type ("AWS", "Service", "Federated") to its ids.
type Principals map[string]Values

// Everyone is the principal {"AWS":"*"}: every principal, the form deny-all statements use.
// AWS treats it exactly as "*"; moto refuses PutBucketLogging towards a bucket whose policy has
// a bare "*" principal, so this form is also the one both agree on.
func Everyone() Principals { return Principals{"AWS": {"*"}} }

// Service is a service principal such as cloudtrail.amazonaws.com.
func Service(name string) Principals { return Principals{"Service": {name}} }

// AWSPrincipals are IAM principals (accounts, roles, users) by ARN.
func AWSPrincipals(arns ...string) Principals { return Principals{"AWS": arns} }

// Conditions maps a condition operator to condition keys and their values.
type Conditions map[string]map[string]Values

// When starts a condition block with one operator, key and values.
func When(operator, key string, values ...string) Conditions {
	return Conditions{operator: {key: values}}
}

// And adds an operator/key/values to the block (AWS ANDs them) and returns it.
func (c Conditions) And(operator, key string, values ...string) Conditions {
	if c == nil {
		c = Conditions{}
	}
	if c[operator] == nil {
		c[operator] = map[string]Values{}
	}
	c[operator][key] = append(c[operator][key], values...)
	return c
}

// JSON renders the document in the canonical form (compact, keys sorted) that reads also store,
// so a generated policy and the same policy read back never differ by layout.
func (d Document) JSON() (string, error) {
	if d.Version == "" {
		d.Version = Version
	}
	for i, s := range d.Statement {
		if s.Effect != Allow && s.Effect != Deny {
			return "", fmt.Errorf("policy statement %d (%q): effect %q is neither Allow nor Deny", i, s.Sid, s.Effect)
		}
		if len(s.Action) == 0 && len(s.NotAction) == 0 {
			return "", fmt.Errorf("policy statement %d (%q) names no action", i, s.Sid)
		}
	}
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("rendering policy: %w", err)
	}
	return Compact(string(b)), nil
}
