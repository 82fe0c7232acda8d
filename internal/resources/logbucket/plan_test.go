package logbucket

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

func lockoutInput(admins ...string) policies.LogBucketInput {
	return policies.LogBucketInput{Partition: "aws", AccountID: testAccount, Bucket: "acme-logs", Admins: admins, Writers: []string{"cloudtrail"}}
}

// Issue 12 defect 4: a caller not in admin_principal_arns is warned about, by ARN, with the
// attribute, the exact pattern to add and the root-user escape hatch.
func TestLockoutWarning(t *testing.T) {
	got := lockoutWarning(testCaller, lockoutInput(testAdmin))
	for _, want := range []string{
		testCaller, "admin_principal_arns",
		`admin_principal_arns = ["arn:aws:iam::123456789012:role/terraform-ci"]`,
		`"arn:aws:iam::123456789012:role/*/terraform-ci"`,
		"root user can always delete a bucket policy", "aws s3api delete-bucket-policy --bucket acme-logs",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warning lacks %q:\n%s", want, got)
		}
	}
	user := "arn:aws:iam::123456789012:user/alice"
	if got := lockoutWarning(user, lockoutInput()); !strings.Contains(got, `admin_principal_arns = ["`+user+`"]`) || strings.Contains(got, "has a path") {
		t.Errorf("an IAM user is added as itself:\n%s", got)
	}

	for _, covered := range [][]string{
		{"arn:aws:iam::123456789012:role/terraform-ci"},
		{"arn:aws:iam::123456789012:role/terraform-*"},
		{"arn:aws:iam::123456789012:role/*"},
	} {
		if got := lockoutWarning(testCaller, lockoutInput(covered...)); got != "" {
			t.Errorf("admins %v cover the caller, yet: %s", covered, got)
		}
	}
	if got := lockoutWarning("", lockoutInput()); got != "" {
		t.Errorf("no caller known, no warning: %s", got)
	}
}

func TestProbeBucket(t *testing.T) {
	m := testModel()
	if probeBucket(m).Bucket.ValueString() != "acme-logs" {
		t.Error("a known name is kept")
	}
	m.Bucket = types.StringUnknown()
	if !framework.Known(probeBucket(m).Bucket) {
		t.Error("an unknown name (bucket_prefix) is replaced, so the lock-out check still runs")
	}
}

// Issue 12 defect 7: the warning names the key, every missing statement and what to add.
func TestKeyPolicyWarnings(t *testing.T) {
	key := "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	rootOnly := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",` +
		`"Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	gaps := policies.KeyPolicyGaps(rootOnly, policies.KeyUse{
		User: policies.KeyForBucket, KeyARN: key, AccountID: testAccount, BucketARN: testBucket, Writers: []string{"cloudtrail", "config"},
	})
	if len(gaps) == 0 {
		t.Fatal("a root-only key policy lets no service use the key")
	}
	got := keyPolicyGapsWarning(key, gaps)
	for _, want := range []string{key, "cloudtrail.amazonaws.com", "config.amazonaws.com", "AWSConfigKMSPolicy", "kms:GenerateDataKey"} {
		if !strings.Contains(got, want) {
			t.Errorf("warning lacks %q:\n%s", want, got)
		}
	}
	if keyPolicyGapsWarning(key, nil) != "" {
		t.Error("no gaps, no warning")
	}

	denied := &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized to perform kms:GetKeyPolicy"}
	if got := keyPolicyReadWarning(key, denied); !strings.Contains(got, "could not be checked") || !strings.Contains(got, "kms:GetKeyPolicy") || !strings.Contains(got, key) {
		t.Errorf("permission warning: %s", got)
	}
	if got := keyPolicyReadWarning(key, framework.NewNotFound("KMS key "+key, nil)); !strings.Contains(got, "no such key") {
		t.Errorf("missing-key warning: %s", got)
	}
	if got := keyPolicyReadWarning(key, errors.New("boom")); !strings.Contains(got, "boom") {
		t.Errorf("other failures are passed on: %s", got)
	}
}

func TestAccessLogsKMSWarning(t *testing.T) {
	got := accessLogsKMSWarning("arn:aws:kms:us-east-1:123456789012:key/k")
	for _, want := range []string{`"s3_access_logs"`, `kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k"`, "SSE-S3", "enable-server-access-logging"} {
		if !strings.Contains(got, want) {
			t.Errorf("warning lacks %q: %s", want, got)
		}
	}
}
