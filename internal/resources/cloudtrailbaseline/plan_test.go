package cloudtrailbaseline

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

const (
	testKey   = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	testTrail = "arn:aws:cloudtrail:us-east-1:123456789012:trail/soc2"
)

func trailKeyWarnings(policy string) diag.Diagnostics {
	return keyPolicyWarnings(testKey, policies.KeyPolicyGaps(policy, policies.KeyUse{
		User: policies.KeyForTrail, KeyARN: testKey, AccountID: "123456789012", TrailARN: testTrail,
	}))
}

// A key policy without CloudTrail's statements (the default policy of a new key) warns at plan
// time, one warning per missing statement, each naming it; the documented policy passes.
func TestKeyPolicyWarnings(t *testing.T) {
	rootOnly := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",
	  "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	diags := trailKeyWarnings(rootOnly)
	if diags.HasError() || diags.WarningsCount() != 2 {
		t.Fatalf("want two warnings (encrypt, describe) and no error, got %v", diags)
	}
	text := diags[0].Detail() + diags[1].Detail()
	for _, want := range []string{"kms_key_arn = \"" + testKey + "\"", "Allow CloudTrail to encrypt logs", "kms:GenerateDataKey*",
		"aws:cloudtrail:arn", "Allow CloudTrail to describe key", "kms:DescribeKey", cloudTrailKMSDocs} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}

	documented := `{"Version":"2012-10-17","Statement":[
	  {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
	  {"Sid":"Allow CloudTrail to encrypt logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
	   "Action":"kms:GenerateDataKey*","Resource":"*","Condition":{
	     "StringEquals":{"aws:SourceArn":"` + testTrail + `"},
	     "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}},
	  {"Sid":"Allow CloudTrail to describe key","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
	   "Action":"kms:DescribeKey","Resource":"*"}]}`
	if diags := trailKeyWarnings(documented); len(diags) != 0 {
		t.Errorf("the documented key policy must pass: %v", diags)
	}
}
