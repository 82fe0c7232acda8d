package logbucket_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
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

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkBucketsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: configA,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(logsAddr, "id", logs),
					resource.TestCheckResourceAttr(logsAddr, "arn", "arn:aws:s3:::"+logs),
					resource.TestCheckResourceAttr(logsAddr, "retention_days", "365"),
					resource.TestCheckResourceAttr(logsAddr, "versioning_status", "Enabled"),
					resource.TestCheckResourceAttr(logsAddr, "mfa_delete", "Disabled"),
					resource.TestCheckResourceAttr(logsAddr, "block_public_acls", "true"),
					resource.TestCheckResourceAttr(logsAddr, "block_public_policy", "true"),
					resource.TestCheckResourceAttr(logsAddr, "ignore_public_acls", "true"),
					resource.TestCheckResourceAttr(logsAddr, "restrict_public_buckets", "true"),
					resource.TestCheckResourceAttr(logsAddr, "object_ownership", "BucketOwnerEnforced"),
					resource.TestCheckResourceAttr(logsAddr, "sse_algorithm", "aws:kms"),
					resource.TestCheckResourceAttr(logsAddr, "sse_kms_key_arn", key),
					resource.TestCheckResourceAttr(logsAddr, "bucket_key_enabled", "true"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.#", "1"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.0.id", "soc2-retention"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.0.expiration_days", "365"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.0.noncurrent_expiration_days", "365"),
					resource.TestCheckNoResourceAttr(logsAddr, "lifecycle_rules.0.transition_days"),
					resource.TestCheckNoResourceAttr(logsAddr, "logging_target_bucket"),
					resource.TestCheckResourceAttr(logsAddr, "object_lock_enabled", "false"),
					resource.TestCheckResourceAttr(logsAddr, "tags_all.%", "2"),
					resource.TestCheckResourceAttr(logsAddr, "tags_all.owner", "security"),
					resource.TestCheckResourceAttr(logsAddr, "tags_all.team", "secops"),
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
			{
				ResourceName:            logsAddr,
				ImportState:             true,
				ImportStateId:           logs,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"force_destroy"},
			},
			acctest.DriftStep(t, configA2, drift("disabling access logging", func() error {
				_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: b, BucketLoggingStatus: &s3types.BucketLoggingStatus{}})
				return err
			}), logsAddr, "logging_target_bucket", "logging_target_prefix"),
			{
				Config: configB,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(logsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(logsAddr, "retention_days", "400"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.0.expiration_days", "400"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.0.transition_days", "90"),
					resource.TestCheckResourceAttr(logsAddr, "lifecycle_rules.0.noncurrent_transition_days", "90"),
					resource.TestCheckResourceAttr(logsAddr, "sse_kms_key_arn", key2),
					resource.TestCheckResourceAttr(logsAddr, "logging_target_prefix", "other/"),
					resource.TestCheckResourceAttr(logsAddr, "tags_all.%", "3"),
					resource.TestCheckResourceAttr(logsAddr, "tags_all.team", "audit"),
					resource.TestCheckResourceAttr(logsAddr, "tags_all.env", "prod"),
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
					resource.TestCheckResourceAttr(logsAddr, "sse_algorithm", "AES256"),
					resource.TestCheckNoResourceAttr(logsAddr, "sse_kms_key_arn"),
					resource.TestCheckResourceAttr(logsAddr, "bucket_key_enabled", "false"),
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
		},
	})
}
