package logbucket_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

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

// checkPolicy verifies through the SDK that the live policy has statements with these ids.
func checkPolicy(t *testing.T, bucket string, sids ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		_, have, err := livePolicy(t, bucket)
		if err != nil {
			return err
		}
		for _, s := range sids {
			if !slices.Contains(have, s) {
				return fmt.Errorf("policy of %s has statements %v, missing %s", bucket, have, s)
			}
		}
		return nil
	}
}

func checkPolicyLacks(t *testing.T, bucket string, sids ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		_, have, err := livePolicy(t, bucket)
		if err != nil {
			return err
		}
		for _, s := range sids {
			if slices.Contains(have, s) {
				return fmt.Errorf("policy of %s still has statement %s", bucket, s)
			}
		}
		return nil
	}
}

func checkPolicyMentions(t *testing.T, bucket string, values ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		raw, _, err := livePolicy(t, bucket)
		if err != nil {
			return err
		}
		for _, v := range values {
			if !strings.Contains(raw, v) {
				return fmt.Errorf("policy of %s does not mention %s", bucket, v)
			}
		}
		return nil
	}
}
