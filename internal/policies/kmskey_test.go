package policies

import (
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

func keyInput(services ...string) KeyPolicyInput {
	return KeyPolicyInput{Partition: "aws", Region: "us-east-1", AccountID: acct, Services: services}
}

func mustKeyPolicy(t *testing.T, in KeyPolicyInput) string {
	t.Helper()
	p, err := KeyPolicy(in)
	if err != nil {
		t.Fatalf("KeyPolicy(%+v): %v", in, err)
	}
	return p
}

// The cross-check between generator and checker: for each use the provider's resources make of
// a key, the policy generated for the matching service leaves KeyPolicyGaps nothing to report.
func TestKeyPolicySatisfiesKeyPolicyGaps(t *testing.T) {
	cases := []struct {
		name     string
		services []string
		use      KeyUse
	}{
		{"trail", []string{KeyServiceCloudTrail}, KeyUse{User: KeyForTrail, TrailARN: trail}},
		{"trail with bucket key", []string{KeyServiceCloudTrail}, KeyUse{User: KeyForTrail, TrailARN: trail, BucketKey: true}},
		{"bucket written by cloudtrail", []string{KeyServiceS3}, KeyUse{User: KeyForBucket, BucketARN: bucketAR, Writers: []string{WriterCloudTrail}}},
		{"bucket written by config", []string{KeyServiceConfig}, KeyUse{User: KeyForBucket, BucketARN: bucketAR, Writers: []string{WriterConfig}}},
		{"bucket written by both", []string{KeyServiceS3, KeyServiceConfig}, KeyUse{User: KeyForBucket, BucketARN: bucketAR, Writers: []string{WriterCloudTrail, WriterConfig}}},
		{"alarm topic", []string{KeyServiceSNS}, KeyUse{User: KeyForAlarmTopic, TopicARN: topicARN}},
	}
	all := KeyServiceNames()
	for _, c := range cases {
		c.use.KeyARN, c.use.AccountID = keyARN, acct
		for _, services := range [][]string{c.services, all} {
			policy := mustKeyPolicy(t, keyInput(services...))
			if gaps := KeyPolicyGaps(policy, c.use); len(gaps) != 0 {
				t.Errorf("%s, services %v: KeyPolicyGaps found %q in %s", c.name, services, gaps, policy)
			}
		}
		// Without the service, the checker must notice: the generator is what fills the gap.
		if gaps := KeyPolicyGaps(mustKeyPolicy(t, keyInput()), c.use); len(gaps) == 0 {
			t.Errorf("%s: KeyPolicyGaps found nothing missing in a policy without services", c.name)
		}
	}
}

func TestKeyPolicyRootAlwaysAndAdmins(t *testing.T) {
	for _, services := range [][]string{nil, KeyServiceNames()} {
		in := keyInput(services...)
		in.AdminARNs = []string{admin, admin}
		policy := mustKeyPolicy(t, in)
		root := statementBySid(t, policy, SidKeyRoot)
		if got := policydoc.Principal(root["Principal"])["AWS"]; len(got) != 1 || got[0] != "arn:aws:iam::111122223333:root" {
			t.Errorf("root statement principal %v", got)
		}
		if got := policydoc.Strings(root["Action"]); len(got) != 1 || got[0] != "kms:*" {
			t.Errorf("root statement actions %v, want kms:*", got)
		}
		adm := statementBySid(t, policy, SidKeyAdmins)
		if got := policydoc.Principal(adm["Principal"])["AWS"]; len(got) != 1 || got[0] != admin {
			t.Errorf("admin principals %v, want [%s] once", got, admin)
		}
		req := policydoc.Request{Principal: admin, Resource: keyARN}
		for action, want := range map[string]policydoc.Decision{
			"kms:ScheduleKeyDeletion": policydoc.Allowed, "kms:PutKeyPolicy": policydoc.Allowed,
			"kms:CancelKeyDeletion": policydoc.Allowed,
		} {
			req.Action = action
			if got := policydoc.Evaluate(policy, req); got != want {
				t.Errorf("admin %s: %v, want %v", action, got, want)
			}
		}
	}
	// Administrators manage the key; using it for cryptography is up to IAM policies (through
	// the root statement), never granted by the administrator statement itself.
	for _, op := range []string{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"} {
		for _, pattern := range KeyAdminActions {
			if policydoc.Like(strings.ToLower(pattern), strings.ToLower(op)) {
				t.Errorf("administrator action %s grants %s", pattern, op)
			}
		}
	}
	if strings.Contains(mustKeyPolicy(t, keyInput()), SidKeyAdmins) {
		t.Error("an administrator statement without administrators")
	}
}

func TestKeyPolicyLogsScope(t *testing.T) {
	group := "arn:aws:logs:us-east-1:111122223333:log-group:/soc2/cloudtrail"
	other := "arn:aws:logs:us-east-1:444455556666:log-group:/soc2/cloudtrail"
	req := func(ctx string) policydoc.Request {
		return policydoc.Request{Service: "logs.us-east-1.amazonaws.com", Action: "kms:GenerateDataKey", Resource: keyARN,
			Context: map[string][]string{"kms:EncryptionContext:aws:logs:arn": {ctx}}}
	}
	all := mustKeyPolicy(t, keyInput(KeyServiceLogs))
	named := keyInput(KeyServiceLogs)
	named.LogGroupNames = []string{"/soc2/cloudtrail"}
	one := mustKeyPolicy(t, named)
	for _, c := range []struct {
		policy, ctx string
		want        policydoc.Decision
	}{
		{all, group, policydoc.Allowed},
		{all, other, policydoc.ImplicitDeny},
		{one, group, policydoc.Allowed},
		{one, group + "-other", policydoc.ImplicitDeny},
	} {
		if got := policydoc.Evaluate(c.policy, req(c.ctx)); got != c.want {
			t.Errorf("logs with context %s: %v, want %v; policy %s", c.ctx, got, c.want, c.policy)
		}
	}
	if got := LogsServicePrincipal("aws-cn", "cn-north-1"); got != "logs.cn-north-1.amazonaws.com.cn" {
		t.Errorf("China logs principal %q", got)
	}
}

func TestKeyPolicyRefusesBadInput(t *testing.T) {
	in := keyInput("cloudtrail", "dynamodb")
	in.AdminARNs = []string{"arn:aws:s3:::bucket", "not-an-arn"}
	_, err := KeyPolicy(in)
	for _, want := range []string{`unknown service "dynamodb"`, `"arn:aws:s3:::bucket" is not an IAM principal`, `"not-an-arn"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("KeyPolicy error %v does not mention %s", err, want)
		}
	}
	if _, err := KeyPolicy(KeyPolicyInput{Services: []string{"s3"}}); err == nil {
		t.Error("KeyPolicy without partition, region and account: no error")
	}
}

func TestKeyPolicyDeterministic(t *testing.T) {
	a := keyInput("sns", "cloudtrail", "s3")
	b := keyInput("s3", "sns", "cloudtrail", "s3")
	if pa, pb := mustKeyPolicy(t, a), mustKeyPolicy(t, b); pa != pb {
		t.Errorf("services order changes the policy:\n%s\n%s", pa, pb)
	}
}
