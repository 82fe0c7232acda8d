package logbucket_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Object Lock on and off replaces the bucket, mode and days change in place; destroy refuses a
// bucket with versions and force_destroy removes every version and delete marker, even locked
// GOVERNANCE ones.
func TestAccLogBucket_objectLockAndDestroy(t *testing.T) {
	acctest.PreCheck(t)
	pinMotoKeyRestore(t)
	ctx := context.Background()
	c := s3Client(t)
	prefix := acctest.RandomName("lk")[:len("tf-acc-lk-")+6] + "-"
	config := func(lock string, force bool) string {
		lines := []string{fmt.Sprintf("bucket_prefix = %q", prefix), `writers = ["cloudtrail"]`, fmt.Sprintf("force_destroy = %t", force)}
		if lock != "" {
			lines = append(lines, lock)
		}
		return providerWithDefaultTags() + hcl("logs", lines...)
	}
	var names []string
	captureName := func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[logsAddr]
		if !ok {
			return fmt.Errorf("%s not in state", logsAddr)
		}
		if !strings.HasPrefix(rs.Primary.ID, prefix) {
			return fmt.Errorf("bucket %s does not start with %s", rs.Primary.ID, prefix)
		}
		names = append(names, rs.Primary.ID)
		return nil
	}
	current := func() string { return names[len(names)-1] }

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			for _, n := range names {
				if err := bucketAbsent(t, n); err != nil {
					return err
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config("", false),
				Check: resource.ComposeAggregateTestCheckFunc(captureName,
					resource.TestCheckResourceAttr(logsAddr, "object_lock_enabled", "false"),
					resource.TestCheckNoResourceAttr(logsAddr, "object_lock_mode")),
			},
			{
				Config: config(`object_lock = { mode = "GOVERNANCE", days = 1 }`, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(logsAddr, plancheck.ResourceActionReplace),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(captureName,
					func(*terraform.State) error { return bucketAbsent(t, names[0]) },
					resource.TestCheckResourceAttr(logsAddr, "object_lock_enabled", "true"),
					resource.TestCheckResourceAttr(logsAddr, "object_lock_mode", "GOVERNANCE"),
					resource.TestCheckResourceAttr(logsAddr, "object_lock_days", "1")),
			},
			{
				Config: config(`object_lock = { mode = "GOVERNANCE", days = 2 }`, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(logsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.TestCheckResourceAttr(logsAddr, "object_lock_days", "2"),
			},
			{
				ResourceName:            logsAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"force_destroy", "bucket_prefix"},
			},
			acctest.DriftStep(t, config(`object_lock = { mode = "GOVERNANCE", days = 2 }`, false), func(t *testing.T) {
				must(t, "shortening the default retention", putLock(ctx, c, current(), 1))
			}, logsAddr, "object_lock_days"),
			{
				PreConfig:   func() { writeVersions(t, ctx, c, current()) },
				Config:      config(`object_lock = { mode = "GOVERNANCE", days = 2 }`, false),
				Destroy:     true,
				ExpectError: acctest.ErrorRegexp(`holds 5 object versions and delete markers.*set force_destroy = true`),
			},
			{
				Config: config(`object_lock = { mode = "GOVERNANCE", days = 2 }`, true),
				Check: func(*terraform.State) error {
					out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(current())})
					if err != nil {
						return err
					}
					if n := len(out.Versions) + len(out.DeleteMarkers); n != 5 {
						return fmt.Errorf("expected the 5 versions to survive the refused destroy, found %d", n)
					}
					return nil
				},
			},
		},
	})
}

// writeVersions leaves three versions and a delete marker of one key and one version of another.
// moto evaluates bucket policies on object requests but treats every Condition as unmet, so any
// conditioned statement matching PutObject (the TLS deny, the writers' allows) refuses the
// upload; the policy is set aside while writing and put back unchanged. On AWS the test's
// identity is exempt from the denies and the detour is harmless.
func writeVersions(t *testing.T, ctx context.Context, c *s3.Client, bucket string) {
	t.Helper()
	policy, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	must(t, "reading the policy", err)
	_, err = c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(bucket)})
	must(t, "setting the policy aside", err)
	defer func() { must(t, "restoring the policy", putPolicy(ctx, c, bucket, aws.ToString(policy.Policy))) }()
	for i := range 3 {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("AWSLogs/a.json"),
			Body: strings.NewReader(fmt.Sprintf(`{"n":%d}`, i)), ChecksumAlgorithm: s3types.ChecksumAlgorithmCrc32})
		must(t, "putting a version", err)
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("AWSLogs/b.json"), Body: strings.NewReader("{}"), ChecksumAlgorithm: s3types.ChecksumAlgorithmCrc32})
	must(t, "putting b", err)
	_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String("AWSLogs/a.json")})
	must(t, "placing a delete marker", err)
}
