package logbucket

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const (
	testAccount = "123456789012"
	testCaller  = "arn:aws:sts::123456789012:assumed-role/terraform-ci/session-1"
	testReader  = "arn:aws:iam::123456789012:role/security-audit"
	testAdmin   = "arn:aws:iam::123456789012:role/break-glass"
	testBucket  = "arn:aws:s3:::acme-logs"
)

var testClient = &conns.AWSClient{AccountID: testAccount, Partition: "aws", CallerARN: testCaller, HomeRegion: "us-east-1"}

// testModel is the configuration a user writes once the plan told them to exempt their CI role:
// the admin plus the caller's role patterns.
func testModel(writers ...string) model {
	set := func(values ...string) types.Set {
		if len(values) == 0 {
			return types.SetNull(types.StringType)
		}
		return types.SetValueMust(types.StringType, stringValues(values))
	}
	return model{arguments: arguments{
		Bucket:             types.StringValue("acme-logs"),
		ReaderARNs:         set(testReader),
		Writers:            set(writers...),
		AdminPrincipalARNs: set(append([]string{testAdmin}, policies.ExemptPrincipals(testCaller)...)...),
		OrganizationID:     types.StringNull(),
		S3AccessLogsPrefix: types.StringValue(""),
	}}
}

func stringValues(ss []string) []attr.Value {
	out := make([]attr.Value, len(ss))
	for i, s := range ss {
		out[i] = types.StringValue(s)
	}
	return out
}

func testPolicy(t *testing.T, writers ...string) string {
	t.Helper()
	p, diags := bucketPolicy(testClient, testModel(writers...))
	if diags.HasError() || p.IsNull() || p.IsUnknown() {
		t.Fatalf("bucketPolicy: %v (%s)", diags, p)
	}
	return p.ValueString()
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
	s := statements(t, testPolicy(t, "cloudtrail", "config", "s3_access_logs"))

	tls := s[policies.SidDenyInsecureTransport]
	if tls["Effect"] != "Deny" || tls["Action"] != "s3:*" || !strings.Contains(mustJSON(tls["Condition"]), `"aws:SecureTransport":"false"`) {
		t.Errorf("TLS statement wrong: %v", tls)
	}
	// moto rejects PutBucketLogging towards buckets with a bare "*" principal.
	for sid, st := range s {
		if st["Principal"] == "*" {
			t.Errorf("%s uses a bare \"*\" principal", sid)
		}
	}

	tamper := mustJSON(s[policies.SidDenyControlChanges])
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

	if !strings.Contains(mustJSON(s[policies.SidAllowReaders]), testReader) || !strings.Contains(mustJSON(s[policies.SidDenyReads]), testReader) {
		t.Errorf("reader not allowed or not exempt from the read deny")
	}

	// Every writer acts only on behalf of this account: CloudTrail by aws:SourceArn of the
	// account's trails (its documented condition), the others by aws:SourceAccount.
	for _, sid := range []string{"AllowCloudTrailAclCheck", "AllowCloudTrailWrite", "AllowConfigAclCheck", "AllowConfigWrite", "AllowS3ServerAccessLogsWrite"} {
		st, ok := s[sid]
		if !ok {
			t.Fatalf("missing statement %s", sid)
		}
		cond := mustJSON(st["Condition"])
		if !strings.Contains(cond, `"aws:SourceAccount":"123456789012"`) && !strings.Contains(cond, `"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"`) {
			t.Errorf("%s is not conditioned on this account: %v", sid, st["Condition"])
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

	only := statements(t, testPolicy(t, "cloudtrail"))
	if _, ok := only["AllowConfigWrite"]; ok {
		t.Error("Config allowed without being a writer")
	}
	bare := testModel()
	bare.ReaderARNs = types.SetNull(types.StringType)
	p, _ := bucketPolicy(testClient, bare)
	if _, ok := statements(t, p.ValueString())[policies.SidAllowReaders]; ok {
		t.Error("reader statement without readers")
	}
}

// The resource hands policies.LogBucket every input it defines, from the arguments.
func TestBucketPolicyInputs(t *testing.T) {
	m := testModel("cloudtrail", "s3_access_logs")
	m.OrganizationID = types.StringValue("o-a1b2c3d4e5")
	m.S3AccessLogsPrefix = types.StringValue("s3-access/")
	in, ok := policyInput(testClient, m)
	if !ok {
		t.Fatal("all inputs are known")
	}
	if in.OrganizationID != "o-a1b2c3d4e5" || in.AccessLogsPrefix != "s3-access/" || in.Partition != "aws" || in.AccountID != testAccount ||
		!slices.Contains(in.Admins, testAdmin) || !slices.Equal(in.Readers, []string{testReader}) || len(in.Writers) != 2 {
		t.Errorf("input = %+v", in)
	}
	// Exemptions come from configuration only, never from the caller.
	m.AdminPrincipalARNs = types.SetNull(types.StringType)
	if in, _ := policyInput(testClient, m); len(in.Admins) != 0 {
		t.Errorf("admins without admin_principal_arns: %v", in.Admins)
	}
	m.Writers = types.SetUnknown(types.StringType)
	if p, _ := bucketPolicy(testClient, m); !p.IsUnknown() {
		t.Error("the policy must be unknown while writers are")
	}
}

func TestGeneratePolicyIsStable(t *testing.T) {
	a, _ := policies.LogBucket(policies.LogBucketInput{Partition: "aws", AccountID: testAccount, Bucket: "b", Readers: []string{"arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a"}, Writers: []string{"config", "cloudtrail"}})
	b, _ := policies.LogBucket(policies.LogBucketInput{Partition: "aws", AccountID: testAccount, Bucket: "b", Readers: []string{"arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a"}, Writers: []string{"cloudtrail", "config"}})
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
		if got := policies.ExemptPrincipals(tc.caller); !slices.Equal(got, tc.want) {
			t.Errorf("ExemptPrincipals(%s) = %v, want %v", tc.caller, got, tc.want)
		}
	}
}

func denied(policy, action, principal string) bool {
	resource := testBucket
	if strings.Contains(action, "Object") {
		resource += "/AWSLogs/123456789012/x.json.gz"
	}
	return policydoc.Evaluate(policy, policydoc.Request{Principal: principal, Action: action, Resource: resource}) == policydoc.ExplicitDeny
}

// Real AWS enforces the deny statements, which no emulator does: the administrators (here
// including the provider's own role, as the plan warning asks) must be able to delete versions
// (force_destroy) and rewrite the policy and lifecycle (drift remediation); anyone else must not.
func TestDenyStatementsSpareTheProvider(t *testing.T) {
	policy := testPolicy(t, "cloudtrail")
	for _, action := range []string{"s3:DeleteObjectVersion", "s3:DeleteObject", "s3:PutBucketPolicy", "s3:PutLifecycleConfiguration"} {
		for _, principal := range []string{
			"arn:aws:iam::123456789012:role/terraform-ci",
			"arn:aws:iam::123456789012:role/deploy/terraform-ci", // the session ARN hides a role path
			testAdmin,
		} {
			if denied(policy, action, principal) {
				t.Errorf("%s is denied %s", principal, action)
			}
		}
		for _, principal := range []string{"arn:aws:iam::123456789012:role/developer", "arn:aws:iam::999999999999:root", testReader} {
			if !denied(policy, action, principal) {
				t.Errorf("%s may %s", principal, action)
			}
		}
	}
	if !denied(policy, "s3:GetObject", "arn:aws:iam::123456789012:role/developer") || denied(policy, "s3:GetObject", testReader) {
		t.Error("reads must be denied to all but readers and the exempt principals")
	}
	if denied(policy, "s3:PutObject", "arn:aws:iam::123456789012:role/developer") {
		t.Error("the TLS deny must not match a TLS request")
	}
	if !policies.CallerCovered(policy, testBucket, testCaller) {
		t.Error("the provider's caller is denied by its own policy")
	}
	if policies.CallerCovered(policy, testBucket, "arn:aws:sts::123456789012:assumed-role/other-role/s") {
		t.Error("a caller outside the exemptions must be seen as denied")
	}
	// force_destroy lifts a blocking policy before deleting versions, whoever the caller is.
	if !policyBlocksDeletion(policy, testBucket+"/*") {
		t.Error("the generated policy blocks deletion for others, so force_destroy must lift it")
	}
	if policyBlocksDeletion(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}]}`, testBucket+"/*") {
		t.Error("an allow-only policy does not block deletion")
	}
	if !policyBlocksDeletion(`{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:Delete*","Resource":"*"}}`, testBucket+"/*") {
		t.Error("a wildcard deny blocks deletion")
	}
}

// Issue 12 defect 4: nobody is exempt for running the plan. A new CI role not in
// admin_principal_arns is denied every control change, and only warned about.
func TestCallerIsNotExemptByRunningThePlan(t *testing.T) {
	m := testModel("cloudtrail")
	m.AdminPrincipalARNs = types.SetValueMust(types.StringType, stringValues([]string{testAdmin}))
	policy, _ := bucketPolicy(testClient, m)
	for _, action := range []string{"s3:PutBucketPolicy", "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:DeleteObjectVersion"} {
		if !denied(policy.ValueString(), action, "arn:aws:iam::123456789012:role/terraform-ci") {
			t.Errorf("the caller's role may %s although it is not in admin_principal_arns", action)
		}
	}
	if strings.Contains(policy.ValueString(), "terraform-ci") {
		t.Errorf("the policy names the caller: %s", policy.ValueString())
	}
}

func TestPolicyEquivalence(t *testing.T) {
	generated := testPolicy(t, "cloudtrail", "config")
	var doc map[string]any
	json.Unmarshal([]byte(generated), &doc)
	stmts := doc["Statement"].([]any)
	slices.Reverse(stmts)
	// AWS echoes one-element lists as strings and "*" principals in either form.
	for _, s := range stmts {
		m := s.(map[string]any)
		if m["Sid"] == policies.SidDenyInsecureTransport {
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
	if policydoc.Equivalent(generated, testPolicy(t, "cloudtrail")) {
		t.Error("dropping a writer must be a difference")
	}
	if policydoc.Equivalent(generated, "not json") || policydoc.Equivalent("", "") {
		t.Error("invalid JSON is never equivalent")
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
