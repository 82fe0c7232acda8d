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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

const logsAddr = "soc2_log_bucket.logs"

// One TestCase walks a bucket through create, import, every drift and every argument update, so
// the emulator sets it up once.
func TestAccLogBucket_lifecycle(t *testing.T) {
	acctest.PreCheck(t)
	pinMotoKeyRestore(t)
	ctx := context.Background()
	account := acctest.Client(t).AccountID
	target, logs := acctest.RandomName("lbt"), acctest.RandomName("lb")
	key := newKMSKey(t)
	key2 := newKMSKey(t)

	// moto really delivers access logs, so the target holds objects by the end.
	targetBlock := hcl("target", fmt.Sprintf("bucket = %q", target), `writers = ["s3_access_logs"]`, "force_destroy = true")
	configA := providerWithDefaultTags() + targetBlock + hcl("logs",
		fmt.Sprintf("bucket = %q", logs),
		`writers = ["cloudtrail", "config"]`,
		fmt.Sprintf("kms_key_arn = %q", key),
		`tags = { team = "secops" }`,
	)
	// moto really delivers an access log object for every request to the bucket, and each one
	// stays in its state for good, so logging is only on for the steps that need it.
	configA2 := providerWithDefaultTags() + targetBlock + hcl("logs",
		fmt.Sprintf("bucket = %q", logs),
		`writers = ["cloudtrail", "config"]`,
		fmt.Sprintf("kms_key_arn = %q", key),
		"access_log_bucket = soc2_log_bucket.target.bucket",
		`access_log_prefix = "logs/"`,
		`tags = { team = "secops" }`,
	)
	reader := fmt.Sprintf("arn:aws:iam::%s:role/security-audit", account)
	admin := fmt.Sprintf("arn:aws:iam::%s:role/break-glass", account)
	configB := providerWithDefaultTags() + targetBlock + hcl("logs",
		fmt.Sprintf("bucket = %q", logs),
		"retention_days = 400",
		"glacier_transition_days = 90",
		`writers = ["cloudtrail", "config", "s3_access_logs"]`,
		fmt.Sprintf("kms_key_arn = %q", key2),
		fmt.Sprintf("reader_arns = [%q]", reader),
		fmt.Sprintf("admin_principal_arns = [%q]", admin),
		"access_log_bucket = soc2_log_bucket.target.bucket",
		`access_log_prefix = "other/"`,
		`tags = { team = "audit", env = "prod" }`,
		"force_destroy = true",
	)
	configC := providerWithDefaultTags() + targetBlock + hcl("logs",
		fmt.Sprintf("bucket = %q", logs),
		`writers = ["cloudtrail"]`,
	)
	configMFA := providerWithDefaultTags() + targetBlock + hcl("logs",
		fmt.Sprintf("bucket = %q", logs),
		`writers = ["cloudtrail"]`,
		"require_mfa_delete = true",
	)

	b := aws.String(logs)
	c := s3Client(t)
	drift := func(what string, f func() error) func(*testing.T) {
		return func(t *testing.T) { must(t, what, f()) }
	}

	resource.Test(t, acctest.Case(t, checkBucketsDestroyed(t), []resource.TestStep{
		{
			Config: configA,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(logsAddr, "id", logs),
				resource.TestCheckResourceAttr(logsAddr, "arn", "arn:aws:s3:::"+logs),
				resource.TestCheckResourceAttr(logsAddr, "retention_days", "365"),
				resource.TestCheckResourceAttr(logsAddr, "versioning_status", "Enabled"),
				resource.TestCheckResourceAttr(logsAddr, "mfa_delete", "Disabled"),
				acctest.CheckAttrsEqual(logsAddr, "true", "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"),
				resource.TestCheckResourceAttr(logsAddr, "object_ownership", "BucketOwnerEnforced"),
				checkEncryption("aws:kms", key, "true"),
				resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.#", "1"),
				acctest.CheckAttrsUnder(logsAddr, "lifecycle_rules.0", map[string]string{
					"id": "soc2-retention", "expiration_days": "365", "noncurrent_expiration_days": "365",
				}),
				resource.TestCheckNoResourceAttr(logsAddr, "lifecycle_rules.0.transition_days"),
				resource.TestCheckNoResourceAttr(logsAddr, "logging_target_bucket"),
				resource.TestCheckResourceAttr(logsAddr, "object_lock_enabled", "false"),
				acctest.CheckMap(logsAddr, "tags_all", map[string]string{"owner": "security", "team": "secops"}),
				resource.TestCheckResourceAttrSet(logsAddr, "policy"),
				checkPolicy(t, logs, "DenyInsecureTransport", "DenyDeletionAndControlChanges", "AllowCloudTrailWrite", "AllowConfigAclCheck"),
				checkPolicy(t, target, "AllowS3ServerAccessLogsWrite"),
			),
		},
		// An equivalent policy in another layout is not drift.
		{
			PreConfig: func() {
				out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
				must(t, "reading the policy", err)
				must(t, "re-putting the policy reformatted", putPolicy(ctx, c, logs, reformatPolicy(t, aws.ToString(out.Policy))))
			},
			Config:   configA,
			PlanOnly: true,
		},
		acctest.DriftStep(t, configA, drift("suspending versioning", func() error {
			_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
				VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}})
			return err
		}), logsAddr, "versioning_status"),
		acctest.DriftStep(t, configA, drift("deleting the public access block", func() error {
			_, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b})
			return err
		}), logsAddr, "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"),
		acctest.DriftStep(t, configA, drift("changing object ownership", func() error {
			_, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
				OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: s3types.ObjectOwnershipObjectWriter}}}})
			return err
		}), logsAddr, "object_ownership"),
		acctest.DriftStep(t, configA, drift("deleting default encryption", func() error {
			_, err := c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: b})
			return err
		}), logsAddr, "sse_algorithm", "sse_kms_key_arn", "bucket_key_enabled"),
		acctest.DriftStep(t, configA, drift("replacing the policy", func() error {
			return putPolicy(ctx, c, logs, fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"Open","Effect":"Allow",`+
				`"Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"s3:*","Resource":"arn:aws:s3:::%s/*"}]}`, account, logs))
		}), logsAddr, "policy"),
		acctest.DriftStep(t, configA, drift("deleting the lifecycle rules", func() error {
			_, err := c.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: b})
			return err
		}), logsAddr, "lifecycle_rules"),
		acctest.DriftStep(t, configA, drift("changing tags", func() error {
			_, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b,
				Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: aws.String("team"), Value: aws.String("nobody")}}}})
			return err
		}), logsAddr, "tags_all"),
		{
			Config: configA2,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(logsAddr, "logging_target_bucket", target),
				resource.TestCheckResourceAttr(logsAddr, "logging_target_prefix", "logs/"),
			),
		},
		acctest.ImportStep(logsAddr, logs, "force_destroy"),
		acctest.DriftStep(t, configA2, drift("disabling access logging", func() error {
			_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: b, BucketLoggingStatus: &s3types.BucketLoggingStatus{}})
			return err
		}), logsAddr, "logging_target_bucket", "logging_target_prefix"),
		{
			Config:           configB,
			ConfigPlanChecks: acctest.ExpectUpdate(logsAddr),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(logsAddr, "retention_days", "400"),
				acctest.CheckAttrsUnder(logsAddr, "lifecycle_rules.0", map[string]string{
					"expiration_days": "400", "transition_days": "90", "noncurrent_transition_days": "90",
				}),
				resource.TestCheckResourceAttr(logsAddr, "sse_kms_key_arn", key2),
				resource.TestCheckResourceAttr(logsAddr, "logging_target_prefix", "other/"),
				resource.TestCheckResourceAttr(logsAddr, "tags_all.%", "3"),
				acctest.CheckAttrsUnder(logsAddr, "tags_all", map[string]string{"team": "audit", "env": "prod"}),
				resource.TestCheckResourceAttr(logsAddr, "force_destroy", "true"),
				checkPolicy(t, logs, "AllowReaders", "AllowS3ServerAccessLogsWrite", "DenyReadsExceptReaders"),
				checkPolicyMentions(t, logs, reader, admin),
			),
		},
		{
			Config: configC,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(logsAddr, "retention_days", "365"),
				resource.TestCheckNoResourceAttr(logsAddr, "lifecycle_rules.0.transition_days"),
				checkEncryption("AES256", "", "false"),
				resource.TestCheckNoResourceAttr(logsAddr, "logging_target_bucket"),
				resource.TestCheckResourceAttr(logsAddr, "tags_all.%", "1"),
				checkPolicyLacks(t, logs, "AllowReaders", "AllowConfigWrite", "AllowS3ServerAccessLogsWrite"),
			),
		},
		// MFA delete cannot be enabled by the provider: the plan keeps showing it.
		{
			Config:             configMFA,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				acctest.ExpectAttributeChange(logsAddr, "mfa_delete"),
			}},
			Check: resource.TestCheckResourceAttr(logsAddr, "mfa_delete", "Disabled"),
		},
	}))
}

// The account guard refuses before any call that changes something: no bucket appears.
func TestAccLogBucket_accountGuard(t *testing.T) {
	account := acctest.Client(t).AccountID
	other := "111111111111"
	if account == other {
		other = "222222222222"
	}
	name := acctest.RandomName("lbg")
	resource.Test(t, acctest.Case(t, func(*terraform.State) error { return bucketAbsent(t, name) }, []resource.TestStep{{
		Config: acctest.ProviderConfig(fmt.Sprintf("allowed_account_ids = [%q]", other)) +
			hcl("logs", fmt.Sprintf("bucket = %q", name)),
		ExpectError: acctest.ErrorRegexp(fmt.Sprintf(`account %s .*not in allowed_account_ids`, account)),
		Check:       func(*terraform.State) error { return bucketAbsent(t, name) },
	}}))
	if err := bucketAbsent(t, name); err != nil {
		t.Fatal(err)
	}
}

// A create that fails after CreateBucket (here PutBucketLogging towards a bucket that does not
// exist) deletes the bucket again: nothing is orphaned.
func TestAccLogBucket_createRollsBack(t *testing.T) {
	name, missing := acctest.RandomName("lbr"), acctest.RandomName("lbm")
	resource.Test(t, acctest.Case(t, func(*terraform.State) error { return bucketAbsent(t, name) }, []resource.TestStep{{
		Config:      providerWithDefaultTags() + hcl("logs", fmt.Sprintf("bucket = %q", name), fmt.Sprintf("access_log_bucket = %q", missing)),
		ExpectError: acctest.ErrorRegexp(`Cannot harden the new log bucket.*PutBucketLogging`),
	}}))
	if err := bucketAbsent(t, name); err != nil {
		t.Fatalf("the failed create left its bucket behind: %v", err)
	}
}

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

	resource.Test(t, acctest.Case(t, func(s *terraform.State) error {
		for _, n := range names {
			if err := bucketAbsent(t, n); err != nil {
				return err
			}
		}
		return nil
	}, []resource.TestStep{
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
			Config:           config(`object_lock = { mode = "GOVERNANCE", days = 2 }`, false),
			ConfigPlanChecks: acctest.ExpectUpdate(logsAddr),
			Check:            resource.TestCheckResourceAttr(logsAddr, "object_lock_days", "2"),
		},
		acctest.ImportStep(logsAddr, "", "force_destroy", "bucket_prefix"),
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
	}))
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

// The policy exempts admin_principal_arns and nobody else: the identity running Terraform is in
// the policy only when the configuration lists it (issue 12, defect 4).
func TestAccLogBucket_exemptionsFromConfigurationOnly(t *testing.T) {
	acctest.PreCheck(t)
	client := acctest.Client(t)
	name := acctest.RandomName("lbe")
	patterns := policies.ExemptPrincipals(client.CallerARN)
	if len(patterns) == 0 {
		t.Fatalf("caller %s has no aws:PrincipalArn form", client.CallerARN)
	}
	config := func(admins string) string {
		return providerWithDefaultTags() + hcl("logs", fmt.Sprintf("bucket = %q", name), `writers = ["cloudtrail"]`, admins)
	}
	resource.Test(t, acctest.Case(t, checkBucketsDestroyed(t), []resource.TestStep{
		{
			Config: config(""),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkPolicyLacksText(t, name, patterns[0]),
				resource.TestCheckNoResourceAttr(logsAddr, "admin_principal_arns.#"),
			),
		},
		{
			Config:           config(fmt.Sprintf("admin_principal_arns = [%q]", patterns[0])),
			ConfigPlanChecks: acctest.ExpectUpdate(logsAddr, "policy"),
			Check:            checkPolicyMentions(t, name, patterns[0]),
		},
		acctest.ImportStep(logsAddr, name),
	}))
}

// An administrator known only at apply (here terraform_data's output, as a role created in the
// same configuration would be) leaves the policy unknown at plan; the applied policy exempts it
// and the next plan is empty.
func TestAccLogBucket_adminKnownOnlyAtApply(t *testing.T) {
	acctest.PreCheck(t)
	name := acctest.RandomName("lbk")
	admin := fmt.Sprintf("arn:aws:iam::%s:role/created-in-this-apply", acctest.Client(t).AccountID)
	config := providerWithDefaultTags() + fmt.Sprintf("resource \"terraform_data\" \"admin\" {\n  input = %q\n}\n", admin) +
		hcl("logs", fmt.Sprintf("bucket = %q", name), `writers = ["cloudtrail"]`, "admin_principal_arns = [terraform_data.admin.output]")
	resource.Test(t, acctest.Case(t, checkBucketsDestroyed(t), []resource.TestStep{{
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply:             []plancheck.PlanCheck{plancheck.ExpectUnknownValue(logsAddr, tfjsonpath.New("policy"))},
			PostApplyPostRefresh: acctest.EmptyPlanAfterApply().PostApplyPostRefresh,
		},
		Check: checkPolicyMentions(t, name, admin),
	}}))
}

// Writers are scoped to the keys their documentation gives, with the organization's and the
// access-log prefix's inputs wired through, and import recovers both (issue 12, defect 5).
func TestAccLogBucket_writerScope(t *testing.T) {
	acctest.PreCheck(t)
	account := acctest.Client(t).AccountID
	name := acctest.RandomName("lbw")
	config := providerWithDefaultTags() + hcl("logs", fmt.Sprintf("bucket = %q", name),
		`writers = ["cloudtrail", "config", "s3_access_logs"]`,
		`organization_id = "o-a1b2c3d4e5"`,
		`s3_access_logs_prefix = "s3-access/"`,
		`reader_arns = ["arn:aws:iam::444455556666:root"]`,
	)
	resource.Test(t, acctest.Case(t, checkBucketsDestroyed(t), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				checkPolicy(t, name, "AllowCloudTrailWrite", "AllowConfigWrite", "AllowS3ServerAccessLogsWrite", "AllowReaders"),
				checkPolicyMentions(t, name,
					fmt.Sprintf("arn:aws:s3:::%s/AWSLogs/%s/*", name, account),
					fmt.Sprintf("arn:aws:s3:::%s/AWSLogs/o-a1b2c3d4e5/*", name),
					fmt.Sprintf("arn:aws:s3:::%s/AWSLogs/%s/Config/*", name, account),
					fmt.Sprintf("arn:aws:s3:::%s/s3-access/*", name),
					fmt.Sprintf("arn:aws:cloudtrail:*:%s:trail/*", account),
					`"aws:PrincipalAccount":"444455556666"`,
				),
			),
		},
		acctest.ImportStep(logsAddr, name),
	}))
}
