package policies

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const (
	acct     = "111122223333"
	bucket   = "soc2-logs"
	bucketAR = "arn:aws:s3:::soc2-logs"
	admin    = "arn:aws:iam::111122223333:role/soc2-admin"
	trail    = "arn:aws:cloudtrail:us-east-1:111122223333:trail/soc2-main"
	topicARN = "arn:aws:sns:us-east-1:111122223333:soc2-alarms"
	keyARN   = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func statementBySid(t *testing.T, policy, sid string) map[string]any {
	t.Helper()
	for _, s := range policydoc.Statements(policy) {
		if s["Sid"] == sid {
			return s
		}
	}
	t.Fatalf("no statement %s in %s", sid, policy)
	return nil
}

func TestCloudTrailLogsTrustHasNoSourceConditions(t *testing.T) {
	p, err := CloudTrailLogsTrust("aws")
	if err != nil {
		t.Fatal(err)
	}
	s := statementBySid(t, p, "CloudTrailOnly")
	if _, ok := s["Condition"]; ok {
		t.Errorf("trust policy has a condition; CloudTrail sends no source keys when it assumes the role: %s", p)
	}
	if got := policydoc.Principal(s["Principal"])["Service"]; !slices.Equal(got, []string{"cloudtrail.amazonaws.com"}) {
		t.Errorf("principal %v", got)
	}
	if _, err := CloudTrailLogsTrust(""); err == nil {
		t.Error("empty partition accepted")
	}
}

func TestCloudTrailLogsDeliveryStreams(t *testing.T) {
	in := DeliveryInput{Partition: "aws", Region: "us-east-1", AccountID: acct, LogGroup: "g"}
	p, err := CloudTrailLogsDelivery(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:111122223333_CloudTrail_us-east-1*"}
	if got := policydoc.Strings(statementBySid(t, p, "WriteTrailEvents")["Resource"]); !slices.Equal(got, want) {
		t.Errorf("resources %v, want %v", got, want)
	}
	in.OrganizationID = "o-exampleorgid"
	p, err = CloudTrailLogsDelivery(in)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:o-exampleorgid_*")
	if got := policydoc.Strings(statementBySid(t, p, "WriteTrailEvents")["Resource"]); !slices.Equal(got, want) {
		t.Errorf("organization resources %v, want %v", got, want)
	}
	if _, err := CloudTrailLogsDelivery(DeliveryInput{Partition: "aws"}); err == nil {
		t.Error("missing region, account and group accepted")
	}
}

func bucketInput() LogBucketInput {
	return LogBucketInput{
		Partition: "aws", AccountID: acct, Bucket: bucket, Admins: []string{admin},
		Readers: []string{"arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:role/auditor"},
		Writers: []string{"s3_access_logs", "config", "cloudtrail"}, AccessLogsPrefix: "s3-access/",
	}
}

func TestLogBucketStatementIDsAndForms(t *testing.T) {
	p, err := LogBucket(bucketInput())
	if err != nil {
		t.Fatal(err)
	}
	for _, sid := range []string{SidDenyInsecureTransport, SidDenyControlChanges, SidDenyReads, SidAllowReaders,
		"AllowCloudTrailAclCheck", "AllowCloudTrailWrite", "AllowConfigAclCheck", "AllowConfigWrite", "AllowS3ServerAccessLogsWrite"} {
		statementBySid(t, p, sid)
	}
	for _, sid := range []string{SidDenyInsecureTransport, SidDenyControlChanges, SidDenyReads} {
		if !strings.Contains(p, `"Principal":{"AWS":"*"}`) || policydoc.Principal(statementBySid(t, p, sid)["Principal"])["AWS"][0] != "*" {
			t.Errorf("%s does not use the {\"AWS\":\"*\"} principal", sid)
		}
	}
	if r, ok := statementBySid(t, p, "AllowS3ServerAccessLogsWrite")["Resource"].(string); !ok || r != bucketAR+"/s3-access/*" {
		t.Errorf("access logs Resource %v is not the single string %s", r, bucketAR+"/s3-access/*")
	}
	again, _ := LogBucket(bucketInput())
	if again != p {
		t.Error("two renderings of one input differ")
	}
}

func TestLogBucketRootReaderExemptsAccount(t *testing.T) {
	p, err := LogBucket(bucketInput())
	if err != nil {
		t.Fatal(err)
	}
	cond := policydoc.Condition(statementBySid(t, p, SidDenyReads)["Condition"])
	if got := cond["StringNotEquals"]["aws:PrincipalAccount"]; !slices.Equal(got, []string{"444455556666"}) {
		t.Errorf("root reader's account not exempt by aws:PrincipalAccount: %v", cond)
	}
	if got := cond["ArnNotLike"]["aws:PrincipalArn"]; slices.Contains(got, "arn:aws:iam::444455556666:root") || !slices.Contains(got, admin) {
		t.Errorf("ArnNotLike list %v: want the admins and role readers, not the root", got)
	}
	in := bucketInput()
	in.Readers = []string{"arn:aws:iam::111122223333:role/auditor"}
	p, _ = LogBucket(in)
	if _, ok := policydoc.Condition(statementBySid(t, p, SidDenyReads)["Condition"])["StringNotEquals"]; ok {
		t.Error("aws:PrincipalAccount exemption without a root reader")
	}
}

func TestLogBucketControlDenyIsBroadAndConfigured(t *testing.T) {
	p, err := LogBucket(bucketInput())
	if err != nil {
		t.Fatal(err)
	}
	s := statementBySid(t, p, SidDenyControlChanges)
	actions := policydoc.Strings(s["Action"])
	for _, a := range []string{"s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutBucketObjectLockConfiguration",
		"s3:PutBucketPublicAccessBlock", "s3:PutBucketLogging", "s3:PutBucketOwnershipControls", "s3:PutBucketPolicy", "s3:DeleteBucket"} {
		if !slices.Contains(actions, a) {
			t.Errorf("%s missing from %s", a, SidDenyControlChanges)
		}
	}
	if got := policydoc.Condition(s["Condition"])["ArnNotLike"]["aws:PrincipalArn"]; !slices.Equal(got, []string{admin}) {
		t.Errorf("exempt %v, want only the configured admin", got)
	}
	in := bucketInput()
	in.Admins = nil
	p, _ = LogBucket(in)
	if _, ok := statementBySid(t, p, SidDenyControlChanges)["Condition"]; ok {
		t.Error("no admins configured, yet the control deny exempts someone")
	}
}

func TestLogBucketRejectsBadInput(t *testing.T) {
	in := bucketInput()
	in.Writers = []string{"cloudtrail", "firehose"}
	if _, err := LogBucket(in); err == nil || !strings.Contains(err.Error(), "firehose") {
		t.Errorf("unknown writer: err %v", err)
	}
	if _, err := LogBucket(LogBucketInput{Partition: "aws"}); err == nil {
		t.Error("missing account and bucket accepted")
	}
}

func TestLogBucketOrganizationTrailKeys(t *testing.T) {
	in := bucketInput()
	in.OrganizationID = "o-exampleorgid"
	p, err := LogBucket(in)
	if err != nil {
		t.Fatal(err)
	}
	got := policydoc.Strings(statementBySid(t, p, "AllowCloudTrailWrite")["Resource"])
	if !slices.Contains(got, bucketAR+"/AWSLogs/o-exampleorgid/*") || !slices.Contains(got, bucketAR+"/AWSLogs/"+acct+"/*") {
		t.Errorf("CloudTrail write resources %v", got)
	}
}

func TestAlarmTopic(t *testing.T) {
	p, err := AlarmTopic(TopicInput{TopicARN: topicARN, AccountID: acct})
	if err != nil {
		t.Fatal(err)
	}
	if !TopicAllowsCloudWatch(p, topicARN, acct) {
		t.Errorf("generated topic policy not recognised: %s", p)
	}
	if _, err := AlarmTopic(TopicInput{TopicARN: "not-an-arn", AccountID: acct}); err == nil {
		t.Error("bad topic ARN accepted")
	}
	if _, err := AlarmTopic(TopicInput{TopicARN: topicARN}); err == nil {
		t.Error("empty account accepted")
	}
}

func TestTopicAllowsCloudWatch(t *testing.T) {
	const unscoped = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"*"}]}`
	const scoped = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"SNS:Publish","Resource":"` + topicARN + `","Condition":{"StringEquals":{"aws:SourceAccount":"` + acct + `"}}}]}`
	const denied = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"` + acct + `"}}},{"Effect":"Deny","Principal":"*","Action":"sns:Publish","Resource":"*"}]}`
	for name, tc := range map[string]struct {
		policy string
		want   bool
	}{
		"scoped to the account":   {scoped, true},
		"any account may publish": {unscoped, false},
		"denied":                  {denied, false},
		"not a policy":            {"nope", false},
		"other topic":             {strings.ReplaceAll(scoped, "soc2-alarms", "other"), false},
	} {
		if got := TopicAllowsCloudWatch(tc.policy, topicARN, acct); got != tc.want {
			t.Errorf("%s: got %v, want %v", name, got, tc.want)
		}
	}
}

func TestExemptPrincipals(t *testing.T) {
	for caller, want := range map[string][]string{
		"arn:aws:sts::111122223333:assumed-role/ci-deploy/terraform": {"arn:aws:iam::111122223333:role/ci-deploy", "arn:aws:iam::111122223333:role/*/ci-deploy"},
		"arn:aws:iam::111122223333:user/alice":                       {"arn:aws:iam::111122223333:user/alice"},
		"arn:aws:sts::123456789012:user/moto":                        {"arn:aws:iam::123456789012:user/moto"},
		"arn:aws-us-gov:sts::111122223333:assumed-role/r/s":          {"arn:aws-us-gov:iam::111122223333:role/r", "arn:aws-us-gov:iam::111122223333:role/*/r"},
		"not an arn": nil,
		"arn:aws:sts::111122223333:assumed-role/": nil,
	} {
		if got := ExemptPrincipals(caller); !slices.Equal(got, want) {
			t.Errorf("ExemptPrincipals(%q) = %v, want %v", caller, got, want)
		}
	}
}

func TestCallerCovered(t *testing.T) {
	in := bucketInput()
	in.Admins = append(in.Admins, "arn:aws:iam::111122223333:role/*/platform")
	p, err := LogBucket(in)
	if err != nil {
		t.Fatal(err)
	}
	for caller, want := range map[string]bool{
		"arn:aws:sts::111122223333:assumed-role/soc2-admin/tf": true,
		admin: true,
		"arn:aws:iam::111122223333:role/ops/platform":            true,
		"arn:aws:sts::111122223333:assumed-role/ci-deploy-v2/tf": false,
		"arn:aws:iam::111122223333:role/ci-deploy":               false,
		"garbage": false,
	} {
		if got := CallerCovered(p, bucketAR, caller); got != want {
			t.Errorf("CallerCovered(%s) = %v, want %v", caller, got, want)
		}
	}
}

func keyPolicy(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "keypolicies", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestKeyPolicyGaps(t *testing.T) {
	trailUse := KeyUse{User: KeyForTrail, KeyARN: keyARN, AccountID: acct, TrailARN: trail}
	topicUse := KeyUse{User: KeyForAlarmTopic, KeyARN: keyARN, AccountID: acct, TopicARN: topicARN}
	configBucket := KeyUse{User: KeyForBucket, KeyARN: keyARN, AccountID: acct, BucketARN: bucketAR, Writers: []string{"config"}}
	for name, tc := range map[string]struct {
		policy   string
		use      KeyUse
		contains []string
	}{
		"trail, documented policy":        {keyPolicy(t, "cloudtrail-good.json"), trailUse, nil},
		"trail with bucket key":           {keyPolicy(t, "cloudtrail-good.json"), withBucketKey(trailUse), nil},
		"trail, root statement only":      {keyPolicy(t, "cloudtrail-missing.json"), trailUse, []string{"kms:GenerateDataKey*", "kms:DescribeKey"}},
		"trail key used by another trail": {keyPolicy(t, "cloudtrail-good.json"), withTrail(trailUse, "arn:aws:cloudtrail:us-east-1:111122223333:trail/other"), []string{"kms:GenerateDataKey*", "kms:DescribeKey"}},
		"topic, documented policy":        {keyPolicy(t, "topic-good.json"), topicUse, nil},
		"topic, root statement only":      {keyPolicy(t, "cloudtrail-missing.json"), topicUse, []string{"cloudwatch.amazonaws.com kms:GenerateDataKey", "cloudwatch.amazonaws.com kms:Decrypt"}},
		"config bucket, documented":       {keyPolicy(t, "bucket-config-good.json"), configBucket, nil},
		"config bucket, root only":        {keyPolicy(t, "cloudtrail-missing.json"), configBucket, []string{"config.amazonaws.com kms:GenerateDataKey", "config.amazonaws.com kms:Decrypt"}},
		"cloudtrail into config-only key": {keyPolicy(t, "bucket-config-good.json"), withWriters(configBucket, "cloudtrail", "config"), []string{"cloudtrail.amazonaws.com kms:GenerateDataKey*"}},
		"access logs into SSE-KMS bucket": {keyPolicy(t, "bucket-config-good.json"), withWriters(configBucket, "s3_access_logs"), []string{"SSE-S3"}},
		"not a policy":                    {"", trailUse, []string{"not a policy"}},
	} {
		gaps := KeyPolicyGaps(tc.policy, tc.use)
		if len(gaps) != len(tc.contains) {
			t.Errorf("%s: gaps %q, want %d", name, gaps, len(tc.contains))
			continue
		}
		for i, want := range tc.contains {
			if !strings.Contains(gaps[i], want) {
				t.Errorf("%s: gap %q does not mention %q", name, gaps[i], want)
			}
		}
	}
}

func withBucketKey(u KeyUse) KeyUse            { u.BucketKey = true; return u }
func withTrail(u KeyUse, trail string) KeyUse  { u.TrailARN = trail; return u }
func withWriters(u KeyUse, w ...string) KeyUse { u.Writers = w; return u }
