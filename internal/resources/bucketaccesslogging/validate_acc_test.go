package bucketaccesslogging_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// expectPlanError runs one plan that must fail with want; nothing is applied.
func expectPlanError(t *testing.T, body string, want *regexp.Regexp) {
	t.Helper()
	resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{Config: acctest.ProviderConfig() + body, PlanOnly: true, ExpectError: want}}))
}

// Configuration errors, found before the provider reads anything.
func TestAccBucketAccessLogging_badConfiguration(t *testing.T) {
	acctest.PreCheck(t)
	for name, tc := range map[string]struct {
		lines []string
		want  string
	}{
		"no selection":        {[]string{`target_bucket = "logs-bucket"`}, `buckets and bucket_tags are both unset or empty`},
		"empty selection":     {[]string{`target_bucket = "logs-bucket"`, `buckets = []`, `bucket_tags = {}`}, `buckets and bucket_tags are both unset`},
		"target among named":  {[]string{`target_bucket = "logs-bucket"`, `buckets = ["data-a", "logs-bucket"]`}, `buckets contains "logs-bucket", which is target_bucket`},
		"bad bucket name":     {[]string{`target_bucket = "logs-bucket"`, `buckets = ["Data_A"]`}, `buckets contains "Data_A"`},
		"bad target name":     {[]string{`target_bucket = "Logs"`, `buckets = ["data-a"]`}, `target_bucket = "Logs"`},
		"unknown placeholder": {[]string{`target_bucket = "logs-bucket"`, `buckets = ["data-a"]`, `target_prefix = "x/{name}/"`}, `only placeholder is {bucket}`},
		"leading slash":       {[]string{`target_bucket = "logs-bucket"`, `buckets = ["data-a"]`, `target_prefix = "/x/"`}, `drop the leading '/'`},
	} {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, accessLogging(tc.lines...), acctest.ErrorRegexp(regexp.QuoteMeta(tc.want)))
		})
	}
}

// Selections and targets S3 would accept and then deliver nothing to, refused at plan time.
func TestAccBucketAccessLogging_badTargetsAndSources(t *testing.T) {
	acctest.PreCheck(t)
	ctx := context.Background()
	good, locked, kms, nopolicy, narrow := acctest.RandomName("salgood"), acctest.RandomName("sallock"),
		acctest.RandomName("salkms"), acctest.RandomName("salnop"), acctest.RandomName("salnar")
	src, west := acctest.RandomName("salsrc"), acctest.RandomName("salwest")
	tag := acctest.RandomName("none")
	createBucket(t, good, "", map[string]string{"selfie": tag})
	allowLogging(t, good, "*")
	createBucket(t, src, "", nil)
	createBucket(t, west, "us-west-2", nil)
	createBucket(t, nopolicy, "", nil)
	createBucket(t, narrow, "", nil)
	allowLogging(t, narrow, "other/*")
	createBucket(t, kms, "", nil)
	allowLogging(t, kms, "*")
	_, err := s3c(t, "").PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(kms),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms}}}}})
	must(t, "PutBucketEncryption", err)
	_, err = s3c(t, "").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(locked), ObjectLockEnabledForBucket: aws.Bool(true)})
	must(t, "CreateBucket "+locked, err)
	t.Cleanup(func() { deleteBucket(t, locked, "") })
	_, err = s3c(t, "").PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(locked),
		ObjectLockConfiguration: &s3types.ObjectLockConfiguration{ObjectLockEnabled: s3types.ObjectLockEnabledEnabled,
			Rule: &s3types.ObjectLockRule{DefaultRetention: &s3types.DefaultRetention{Mode: s3types.ObjectLockRetentionModeGovernance, Days: aws.Int32(30)}}}})
	must(t, "PutObjectLockConfiguration", err)

	named := func(target string, buckets ...string) string {
		return accessLogging(fmt.Sprintf("target_bucket = %q", target), "buckets = "+quoted(buckets...))
	}
	for name, tc := range map[string]struct {
		body, want string
	}{
		"source in another region": {named(good, src, west), fmt.Sprintf(`buckets: %q is in us-west-2 but target_bucket is in us-east-1`, west)},
		"object lock retention":    {named(locked, src), fmt.Sprintf(`target_bucket = %q has an Object Lock default retention (GOVERNANCE, 30 days)`, locked)},
		"sse-kms target":           {named(kms, src), fmt.Sprintf(`target_bucket = %q uses default encryption aws:kms`, kms)},
		"target without policy":    {named(nopolicy, src), fmt.Sprintf(`target_bucket = %q has no bucket policy and no ACL grant`, nopolicy)},
		"policy misses prefix": {named(narrow, src), fmt.Sprintf(`has no statement allowing logging.s3.amazonaws.com s3:PutObject on arn:aws:s3:::%s/s3-access/%s/`,
			narrow, src)},
		"tags select nothing": {accessLogging(fmt.Sprintf("target_bucket = %q", good), fmt.Sprintf("bucket_tags = { nosuch = %q }", tag)),
			fmt.Sprintf(`The selection (buckets tagged nosuch=%s) matches no existing bucket`, tag)},
		"tags select the target": {accessLogging(fmt.Sprintf("target_bucket = %q", good), fmt.Sprintf("bucket_tags = { selfie = %q }", tag)),
			fmt.Sprintf(`bucket_tags selects %q, which is target_bucket`, good)},
	} {
		t.Run(name, func(t *testing.T) {
			expectPlanError(t, tc.body, acctest.ErrorRegexp(regexp.QuoteMeta(tc.want)))
		})
	}
}

// A named bucket that does not exist is planned as still to come (another resource may make it)
// and fails the apply, before any logging is changed, when nothing made it.
func TestAccBucketAccessLogging_namedBucketMissing(t *testing.T) {
	acctest.PreCheck(t)
	target, src, missing := acctest.RandomName("salmt"), acctest.RandomName("salms"), acctest.RandomName("salmm")
	createBucket(t, src, "", nil)
	resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{
		Config: acctest.ProviderConfig() + logBucket(target) + accessLogging(
			"target_bucket = soc2_log_bucket.target.bucket", "buckets = "+quoted(src, missing)),
		ExpectError: acctest.ErrorRegexp(regexp.QuoteMeta(fmt.Sprintf(`buckets: %q does not exist in this account`, missing))),
		Check:       checkLogging(t, src, "", ""),
	}}))
	if target, _, err := getLogging(t, src); err != nil || target != "" {
		t.Errorf("the failed apply changed %s's logging: target %q, %v", src, target, err)
	}
}
