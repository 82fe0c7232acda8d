package logbucket_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// providerWithDefaultTags is the provider block every test here uses: default_tags must reach tags_all.
func providerWithDefaultTags(extra ...string) string {
	return acctest.ProviderConfig(append([]string{`default_tags = { owner = "security" }`}, extra...)...)
}

// hcl renders a resource block from attribute lines.
func hcl(name string, lines ...string) string {
	return fmt.Sprintf("resource \"soc2_log_bucket\" %q {\n  %s\n}\n", name, strings.Join(lines, "\n  "))
}

func s3Client(t *testing.T) *s3.Client { return acctest.Client(t).S3("") }

// newKMSKey makes a key for SSE-KMS tests and schedules its deletion when the test ends.
func newKMSKey(t *testing.T) string {
	t.Helper()
	c := acctest.Client(t).KMS("")
	out, err := c.CreateKey(context.Background(), &kms.CreateKeyInput{Description: aws.String("soc2_log_bucket acceptance test")})
	if err != nil {
		t.Fatalf("creating a KMS key: %v", err)
	}
	t.Cleanup(func() {
		c.ScheduleKeyDeletion(context.Background(), &kms.ScheduleKeyDeletionInput{KeyId: out.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
	})
	return aws.ToString(out.KeyMetadata.Arn)
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// bucketAbsent checks through the SDK that a bucket does not exist.
func bucketAbsent(t *testing.T, bucket string) error {
	_, err := s3Client(t).HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	if err == nil {
		return fmt.Errorf("bucket %s still exists", bucket)
	}
	var nf *s3types.NotFound
	if !asNotFound(err, &nf) {
		return fmt.Errorf("HeadBucket %s: unexpected error %w", bucket, err)
	}
	return nil
}

// checkBucketsDestroyed is a CheckDestroy that looks at every soc2_log_bucket of the state.
func checkBucketsDestroyed(t *testing.T) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "soc2_log_bucket" {
				continue
			}
			if err := bucketAbsent(t, rs.Primary.ID); err != nil {
				return err
			}
		}
		return nil
	}
}

func asNotFound(err error, target **s3types.NotFound) bool {
	return errors.As(err, target) || strings.Contains(err.Error(), "NotFound") || strings.Contains(err.Error(), "404")
}

func putLock(ctx context.Context, c *s3.Client, bucket string, days int32) error {
	_, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(bucket),
		ObjectLockConfiguration: &s3types.ObjectLockConfiguration{ObjectLockEnabled: s3types.ObjectLockEnabledEnabled,
			Rule: &s3types.ObjectLockRule{DefaultRetention: &s3types.DefaultRetention{Mode: s3types.ObjectLockRetentionModeGovernance, Days: aws.Int32(days)}}}})
	return err
}

// pinMotoKeyRestore works around a moto 5.2.1 bug that these tests would otherwise trigger for
// everyone sharing the emulator: after a bucket holding objects is deleted, its objects linger in
// moto's model registry, and /moto-api/data.json (which acctest.IsMoto and scripts/emulator.sh
// probe) fails with HTTP 500 once per such object, because reading an object's restore status
// looks up its bucket. Holding the S3 object-restore state machine still keeps that lookup from
// happening; nothing in this project uses RestoreObject. Other endpoints ignore the call.
func pinMotoKeyRestore(t *testing.T) {
	t.Helper()
	body := `{"model_name":"s3::keyrestore","transition":{"progression":"manual","times":1000000000}}`
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Post(acctest.Endpoint()+"/moto-api/state-manager/set-transition", "application/json", strings.NewReader(body))
	if err != nil {
		t.Logf("could not pin moto's object-restore transition: %v", err)
		return
	}
	resp.Body.Close()
}

func putPolicy(ctx context.Context, c *s3.Client, bucket, policy string) error {
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(policy)})
	return err
}

// reformatPolicy returns the same policy indented, with its statements in reverse order.
func reformatPolicy(t *testing.T, policy string) string {
	t.Helper()
	var doc map[string]any
	must(t, "parsing the policy", json.Unmarshal([]byte(policy), &doc))
	stmts, _ := doc["Statement"].([]any)
	slices.Reverse(stmts)
	doc["Statement"] = stmts
	b, err := json.MarshalIndent(doc, "", "    ")
	must(t, "encoding the policy", err)
	return string(b)
}

func livePolicy(t *testing.T, bucket string) (string, []string, error) {
	out, err := s3Client(t).GetBucketPolicy(context.Background(), &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if err != nil {
		return "", nil, fmt.Errorf("GetBucketPolicy %s: %w", bucket, err)
	}
	var doc struct {
		Statement []struct {
			Sid string `json:"Sid"`
		} `json:"Statement"`
	}
	raw := aws.ToString(out.Policy)
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		return "", nil, fmt.Errorf("policy of %s is not JSON: %w", bucket, err)
	}
	var sids []string
	for _, s := range doc.Statement {
		sids = append(sids, s.Sid)
	}
	return raw, sids, nil
}

// checkLivePolicy reads the live policy through the SDK and checks each value against it:
// problem returns what is wrong with the policy as to one value, "" when nothing is.
func checkLivePolicy(t *testing.T, bucket string, values []string, problem func(raw string, sids []string, value string) string) func(*terraform.State) error {
	return func(*terraform.State) error {
		raw, sids, err := livePolicy(t, bucket)
		if err != nil {
			return err
		}
		for _, v := range values {
			if p := problem(raw, sids, v); p != "" {
				return fmt.Errorf("policy of %s %s", bucket, p)
			}
		}
		return nil
	}
}

// checkPolicy verifies through the SDK that the live policy has statements with these ids.
func checkPolicy(t *testing.T, bucket string, sids ...string) func(*terraform.State) error {
	return checkLivePolicy(t, bucket, sids, func(_ string, have []string, s string) string {
		if !slices.Contains(have, s) {
			return fmt.Sprintf("has statements %v, missing %s", have, s)
		}
		return ""
	})
}

func checkPolicyLacks(t *testing.T, bucket string, sids ...string) func(*terraform.State) error {
	return checkLivePolicy(t, bucket, sids, func(_ string, have []string, s string) string {
		if slices.Contains(have, s) {
			return "still has statement " + s
		}
		return ""
	})
}

func checkPolicyMentions(t *testing.T, bucket string, values ...string) func(*terraform.State) error {
	return checkLivePolicy(t, bucket, values, func(raw string, _ []string, v string) string {
		if !strings.Contains(raw, v) {
			return "does not mention " + v
		}
		return ""
	})
}

func checkPolicyLacksText(t *testing.T, bucket string, values ...string) func(*terraform.State) error {
	return checkLivePolicy(t, bucket, values, func(raw string, _ []string, v string) string {
		if strings.Contains(raw, v) {
			return fmt.Sprintf("mentions %s: %s", v, raw)
		}
		return ""
	})
}

// checkEncryption checks the bucket's default encryption as state has it: the algorithm, the KMS
// key ("" for none) and whether the bucket key is on.
func checkEncryption(algorithm, key, bucketKey string) resource.TestCheckFunc {
	keyCheck := resource.TestCheckNoResourceAttr(logsAddr, "sse_kms_key_arn")
	if key != "" {
		keyCheck = resource.TestCheckResourceAttr(logsAddr, "sse_kms_key_arn", key)
	}
	return resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr(logsAddr, "sse_algorithm", algorithm),
		keyCheck,
		resource.TestCheckResourceAttr(logsAddr, "bucket_key_enabled", bucketKey),
	)
}
