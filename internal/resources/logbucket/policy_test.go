package logbucket

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const (
	testAccount = "123456789012"
	testCaller  = "arn:aws:sts::123456789012:assumed-role/terraform-ci/session-1"
	testReader  = "arn:aws:iam::123456789012:role/security-audit"
	testAdmin   = "arn:aws:iam::123456789012:role/break-glass"
)

func testPolicy(writers ...string) string {
	return generatePolicy(policyInput{
		Partition: "aws", AccountID: testAccount, Bucket: "acme-logs",
		Exempt:  append([]string{testAdmin}, exemptPrincipals(testCaller)...),
		Readers: []string{testReader},
		Writers: writers,
	})
}

func statements(t *testing.T, policy string) map[string]map[string]any {
	t.Helper()
	var doc struct {
		Version   string
		Statement []map[string]any
	}
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		t.Fatalf("generated policy is not JSON: %v", err)
	}
	if doc.Version != "2012-10-17" {
		t.Errorf("Version = %q", doc.Version)
	}
	out := map[string]map[string]any{}
	for _, s := range doc.Statement {
		out[s["Sid"].(string)] = s
	}
	return out
}

func TestGeneratePolicy(t *testing.T) {
	s := statements(t, testPolicy("cloudtrail", "config", "s3_access_logs"))

	tls := s[sidDenyInsecure]
	if tls["Effect"] != "Deny" || tls["Action"] != "s3:*" || !strings.Contains(mustJSON(tls["Condition"]), `"aws:SecureTransport":"false"`) {
		t.Errorf("TLS statement wrong: %v", tls)
	}
	// moto rejects PutBucketLogging towards buckets with a bare "*" principal.
	for sid, st := range s {
		if st["Principal"] == "*" {
			t.Errorf("%s uses a bare \"*\" principal", sid)
		}
	}

	tamper := mustJSON(s[sidDenyTamper])
	for _, a := range []string{"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration"} {
		if !strings.Contains(tamper, `"`+a+`"`) {
			t.Errorf("tamper deny lacks %s", a)
		}
	}
	for _, p := range []string{testAdmin, "arn:aws:iam::123456789012:role/terraform-ci", "arn:aws:iam::123456789012:role/*/terraform-ci"} {
		if !strings.Contains(tamper, p) {
			t.Errorf("tamper deny does not exempt %s: %s", p, tamper)
		}
	}

	if !strings.Contains(mustJSON(s[sidAllowReaders]), testReader) || !strings.Contains(mustJSON(s[sidDenyReads]), testReader) {
		t.Errorf("reader not allowed or not exempt from the read deny")
	}

	for _, sid := range []string{"AllowCloudTrailAclCheck", "AllowCloudTrailWrite", "AllowConfigAclCheck", "AllowConfigWrite", "AllowS3ServerAccessLogsWrite"} {
		st, ok := s[sid]
		if !ok {
			t.Fatalf("missing statement %s", sid)
		}
		if !strings.Contains(mustJSON(st["Condition"]), `"aws:SourceAccount":"123456789012"`) {
			t.Errorf("%s is not conditioned on aws:SourceAccount: %v", sid, st["Condition"])
		}
	}
	for _, sid := range []string{"AllowCloudTrailWrite", "AllowConfigWrite"} {
		if !strings.Contains(mustJSON(s[sid]["Condition"]), `"s3:x-amz-acl":"bucket-owner-full-control"`) {
			t.Errorf("%s lacks the bucket-owner-full-control condition", sid)
		}
	}
	if acl := mustJSON(s["AllowConfigAclCheck"]["Action"]); !strings.Contains(acl, "s3:GetBucketAcl") || !strings.Contains(acl, "s3:ListBucket") {
		t.Errorf("Config ACL check lacks GetBucketAcl/ListBucket: %s", acl)
	}
	// moto's PutBucketLogging only recognises a single-string Resource for the logging principal.
	if r, ok := s["AllowS3ServerAccessLogsWrite"]["Resource"].(string); !ok || r != "arn:aws:s3:::acme-logs/*" {
		t.Errorf("logging Resource = %v, want a single string", s["AllowS3ServerAccessLogsWrite"]["Resource"])
	}

	only := statements(t, testPolicy("cloudtrail"))
	if _, ok := only["AllowConfigWrite"]; ok {
		t.Error("Config allowed without being a writer")
	}
	none := statements(t, generatePolicy(policyInput{Partition: "aws", AccountID: testAccount, Bucket: "acme-logs"}))
	if _, ok := none[sidAllowReaders]; ok {
		t.Error("reader statement without readers")
	}
}

func TestGeneratePolicyIsStable(t *testing.T) {
	a := generatePolicy(policyInput{Partition: "aws", AccountID: testAccount, Bucket: "b", Readers: []string{"arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a"}, Writers: []string{"config", "cloudtrail"}})
	b := generatePolicy(policyInput{Partition: "aws", AccountID: testAccount, Bucket: "b", Readers: []string{"arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a"}, Writers: []string{"cloudtrail", "config"}})
	if a != b {
		t.Errorf("input order changed the policy:\n%s\n%s", a, b)
	}
	if policydoc.Compact(a) != a {
		t.Error("generated policy is not in canonical form")
	}
}

func TestExemptPrincipals(t *testing.T) {
	for _, tc := range []struct {
		caller string
		want   []string
	}{
		{testCaller, []string{"arn:aws:iam::123456789012:role/terraform-ci", "arn:aws:iam::123456789012:role/*/terraform-ci"}},
		{"arn:aws:iam::123456789012:user/alice", []string{"arn:aws:iam::123456789012:user/alice"}},
		{"arn:aws:iam::123456789012:root", []string{"arn:aws:iam::123456789012:root"}},
		{"arn:aws:sts::123456789012:user/moto", []string{"arn:aws:iam::123456789012:user/moto"}},
		{"arn:aws-us-gov:sts::123456789012:assumed-role/ci/s", []string{"arn:aws-us-gov:iam::123456789012:role/ci", "arn:aws-us-gov:iam::123456789012:role/*/ci"}},
		{"garbage", nil},
	} {
		if got := exemptPrincipals(tc.caller); !slices.Equal(got, tc.want) {
			t.Errorf("exemptPrincipals(%s) = %v, want %v", tc.caller, got, tc.want)
		}
	}
}

// Real AWS enforces the deny statements, which no emulator does: the provider's own identity and
// the administrators must be able to delete versions (force_destroy) and rewrite the policy and
// lifecycle (drift remediation); anyone else must not.
func TestDenyStatementsSpareTheProvider(t *testing.T) {
	policy := testPolicy("cloudtrail")
	for _, action := range []string{"s3:DeleteObjectVersion", "s3:DeleteObject", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration"} {
		for _, principal := range []string{
			"arn:aws:iam::123456789012:role/terraform-ci",
			"arn:aws:iam::123456789012:role/deploy/terraform-ci", // the session ARN hides a role path
			testAdmin,
		} {
			if deniesToPrincipal(policy, action, principal) {
				t.Errorf("%s is denied %s", principal, action)
			}
		}
		for _, principal := range []string{"arn:aws:iam::123456789012:role/developer", "arn:aws:iam::999999999999:root", testReader} {
			if !deniesToPrincipal(policy, action, principal) {
				t.Errorf("%s may %s", principal, action)
			}
		}
	}
	if !deniesToPrincipal(policy, "s3:GetObject", "arn:aws:iam::123456789012:role/developer") || deniesToPrincipal(policy, "s3:GetObject", testReader) {
		t.Error("reads must be denied to all but readers and the exempt principals")
	}
	if deniesToPrincipal(policy, "s3:PutObject", "arn:aws:iam::123456789012:role/developer") {
		t.Error("the TLS deny must not match a TLS request")
	}
	if policyDeniesCaller(policy, testCaller) {
		t.Error("the provider's caller is denied deletion by its own policy")
	}
	if !policyDeniesCaller(policy, "arn:aws:sts::123456789012:assumed-role/other-role/s") {
		t.Error("a caller outside the exemptions must be seen as denied")
	}
	// force_destroy lifts a blocking policy before deleting versions, whoever the caller is.
	if !policyBlocksDeletion(policy) {
		t.Error("the generated policy blocks deletion for others, so force_destroy must lift it")
	}
	if policyBlocksDeletion(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}]}`) {
		t.Error("an allow-only policy does not block deletion")
	}
	if !policyBlocksDeletion(`{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:Delete*","Resource":"*"}}`) {
		t.Error("a wildcard deny blocks deletion")
	}
}

func TestPolicyEquivalence(t *testing.T) {
	generated := testPolicy("cloudtrail", "config")
	var doc map[string]any
	json.Unmarshal([]byte(generated), &doc)
	stmts := doc["Statement"].([]any)
	slices.Reverse(stmts)
	// AWS echoes one-element lists as strings and "*" principals in either form.
	for _, s := range stmts {
		m := s.(map[string]any)
		if m["Sid"] == sidDenyInsecure {
			m["Principal"] = "*"
			m["Action"] = []any{"s3:*"}
		}
		if r, ok := m["Resource"].([]any); ok {
			slices.Reverse(r)
		}
	}
	reordered, _ := json.MarshalIndent(doc, "", "  ")
	if !policydoc.Equivalent(generated, string(reordered)) {
		t.Errorf("reformatted policy is not equivalent:\n%s", reordered)
	}
	if policydoc.Equivalent(generated, testPolicy("cloudtrail")) {
		t.Error("dropping a writer must be a difference")
	}
	if policydoc.Equivalent(generated, "not json") || policydoc.Equivalent("", "") {
		t.Error("invalid JSON is never equivalent")
	}
}

func TestParsePolicyRoundTrip(t *testing.T) {
	p := parsePolicy(testPolicy("config", "s3_access_logs", "cloudtrail"))
	if !slices.Equal(p.Writers, []string{"cloudtrail", "config", "s3_access_logs"}) {
		t.Errorf("writers = %v", p.Writers)
	}
	if !slices.Equal(p.Readers, []string{testReader}) {
		t.Errorf("readers = %v", p.Readers)
	}
	if !slices.Contains(p.Exempt, testAdmin) || !slices.Contains(p.Exempt, "arn:aws:iam::123456789012:role/terraform-ci") {
		t.Errorf("exempt = %v", p.Exempt)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
