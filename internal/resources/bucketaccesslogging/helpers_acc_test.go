package bucketaccesslogging_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

const address = "soc2_bucket_access_logging.test"

func s3c(t *testing.T, region string) *s3.Client { return acctest.Client(t).S3(region) }

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// createBucket makes a source bucket with tags through the SDK, in region ("" is the home
// region), and removes it (with every log object moto delivered into it) when the test ends.
func createBucket(t *testing.T, name, region string, tags map[string]string) {
	t.Helper()
	ctx := context.Background()
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if region != "" && region != acctest.Region {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	_, err := s3c(t, region).CreateBucket(ctx, in)
	must(t, "CreateBucket "+name, err)
	t.Cleanup(func() { deleteBucket(t, name, region) })
	if len(tags) > 0 {
		tagBucket(t, name, region, tags)
	}
}

func tagBucket(t *testing.T, name, region string, tags map[string]string) {
	t.Helper()
	var set []s3types.Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		set = append(set, s3types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	_, err := s3c(t, region).PutBucketTagging(context.Background(), &s3.PutBucketTaggingInput{
		Bucket: aws.String(name), Tagging: &s3types.Tagging{TagSet: set}})
	must(t, "PutBucketTagging "+name, err)
}

// deleteBucket empties and deletes a bucket; an absent bucket is fine.
func deleteBucket(t *testing.T, name, region string) {
	ctx := context.Background()
	c := s3c(t, region)
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(name)})
	if err != nil {
		return
	}
	for _, v := range out.Versions {
		c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: v.Key, VersionId: v.VersionId})
	}
	for _, m := range out.DeleteMarkers {
		c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: m.Key, VersionId: m.VersionId})
	}
	c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
}

// allowLogging gives a plain target the documented logging statement for objects under
// resource (e.g. "logs/*"). moto's PutBucketLogging wants the Resource as a single string equal
// to <target>/<prefix>* or <target>/*.
func allowLogging(t *testing.T, target, resource string) {
	t.Helper()
	account := acctest.Client(t).AccountID
	policy := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow",`+
		`"Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::%s/%s",`+
		`"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"},"StringEquals":{"aws:SourceAccount":"%s"}}}]}`,
		target, resource, account)
	_, err := s3c(t, "").PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{Bucket: aws.String(target), Policy: aws.String(policy)})
	must(t, "PutBucketPolicy "+target, err)
}

// setLogging changes a bucket's logging out of band; an empty target switches it off.
func setLogging(t *testing.T, bucket, target, prefix string) {
	t.Helper()
	status := &s3types.BucketLoggingStatus{}
	if target != "" {
		status.LoggingEnabled = &s3types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix)}
	}
	_, err := s3c(t, "").PutBucketLogging(context.Background(), &s3.PutBucketLoggingInput{Bucket: aws.String(bucket), BucketLoggingStatus: status})
	must(t, "PutBucketLogging "+bucket, err)
}

func getLogging(t *testing.T, bucket string) (target, prefix string, err error) {
	out, err := s3c(t, "").GetBucketLogging(context.Background(), &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
	if err != nil || out.LoggingEnabled == nil {
		return "", "", err
	}
	return aws.ToString(out.LoggingEnabled.TargetBucket), aws.ToString(out.LoggingEnabled.TargetPrefix), nil
}

// checkLogging asserts through the SDK where a bucket logs to ("" target: logging off).
func checkLogging(t *testing.T, bucket, target, prefix string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		gotTarget, gotPrefix, err := getLogging(t, bucket)
		if err != nil {
			return err
		}
		if gotTarget != target || gotPrefix != prefix {
			return fmt.Errorf("bucket %s logs to %q prefix %q, want %q prefix %q", bucket, gotTarget, gotPrefix, target, prefix)
		}
		return nil
	}
}

// checkDestroyed is a CheckDestroy: after destroy each bucket logs where want says.
func checkDestroyed(t *testing.T, want map[string][2]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for bucket, w := range want {
			if err := checkLogging(t, bucket, w[0], w[1])(s); err != nil {
				return fmt.Errorf("after destroy: %w", err)
			}
		}
		return nil
	}
}

// logBucket is a soc2_log_bucket target that accepts server access logs; moto really delivers
// them, so it needs force_destroy.
func logBucket(name string) string {
	return fmt.Sprintf(`resource "soc2_log_bucket" "target" {
  bucket        = %q
  writers       = ["s3_access_logs"]
  force_destroy = true
}
`, name)
}

// accessLogging renders the resource under test from attribute lines.
func accessLogging(lines ...string) string {
	return fmt.Sprintf("resource \"soc2_bucket_access_logging\" \"test\" {\n  %s\n}\n", strings.Join(lines, "\n  "))
}

func quoted(names ...string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// source is the state path of one source bucket's attribute.
func source(bucket, attr string) string { return "sources." + bucket + "." + attr }
