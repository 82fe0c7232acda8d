package examples_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// trailFiles are the parts of examples/complete that need CloudTrail: the trail itself, and the
// alarm pack, whose metric filters read the trail's CloudWatch Logs group.
var trailFiles = []string{"cloudtrail.tf", "alarms.tf"}

// TestAccExample_complete applies examples/complete in an account of its own, on moto and on
// LocalStack alike. Where the emulator lacks CloudTrail (LocalStack's free edition) the trail's
// files are left out, and the test says so; the rest (the evidence key, both log buckets with
// Object Lock and access logging, the account's public access block) must apply, read back
// hardened in AWS, plan empty, and destroy as the example promises.
func TestAccExample_complete(t *testing.T) {
	iso := acctest.NewIsolated(t, '7', 1)
	var except []string
	if err := acctest.ServiceError(t, "cloudtrail"); err != nil {
		except = trailFiles
		t.Logf("%s lacks CloudTrail (%v): applying examples/complete without %v", acctest.EmulatorKind(), err, except)
	}
	name := acctest.RandomName("complete")
	checks := []resource.TestCheckFunc{
		resource.TestCheckResourceAttr("soc2_kms_key.evidence", "enabled", "true"),
		resource.TestCheckResourceAttr("soc2_kms_key.evidence", "rotation_enabled", "true"),
		resource.TestCheckResourceAttr("soc2_log_bucket.logs", "versioning_status", "Enabled"),
		resource.TestCheckResourceAttr("soc2_log_bucket.logs", "object_lock_mode", "GOVERNANCE"),
		resource.TestCheckResourceAttr("soc2_log_bucket.logs", "logging_target_bucket", name+"-access-logs"),
		resource.TestCheckResourceAttr("soc2_log_bucket.logs", "sse_algorithm", "aws:kms"),
		resource.TestCheckResourceAttr("soc2_log_bucket.access_logs", "sse_algorithm", "AES256"),
		resource.TestCheckResourceAttr("soc2_account_public_access_block.account", "block_public_policy", "true"),
		checkAccountBlockOn(iso),
		checkVersioned(iso, name+"-logs"),
	}
	if except == nil {
		checks = append(checks,
			resource.TestCheckResourceAttr("soc2_cloudtrail_baseline.main", "logging", "true"),
			resource.TestCheckResourceAttr("soc2_cloudtrail_baseline.main", "is_multi_region_trail", "true"),
			resource.TestCheckResourceAttr("soc2_alarm_pack.alerts", "alarms.%", "17"),
		)
	}
	resource.Test(t, resource.TestCase{
		CheckDestroy: checkDestroyed(iso, name),
		Steps: []resource.TestStep{{
			// The example declares required_providers, so the provider is given per step.
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(acctest.ExampleCopy(t, "complete", except...)),
			ConfigVariables: config.Variables{
				"endpoint_url":        config.StringVariable(iso.Endpoint),
				"allowed_account_ids": config.ListVariable(config.StringVariable(iso.Account)),
				"name":                config.StringVariable(name),
				"region":              config.StringVariable(acctest.Region),
			},
			Check:            resource.ComposeAggregateTestCheckFunc(checks...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// checkAccountBlockOn reads the account's public access block from S3 Control: all four on.
func checkAccountBlockOn(iso *acctest.Isolated) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := iso.Client.S3Control(acctest.Region).GetPublicAccessBlock(context.Background(), &s3control.GetPublicAccessBlockInput{AccountId: aws.String(iso.Account)})
		if err != nil {
			return fmt.Errorf("reading the account's public access block: %w", err)
		}
		c := out.PublicAccessBlockConfiguration
		if !aws.ToBool(c.BlockPublicAcls) || !aws.ToBool(c.IgnorePublicAcls) || !aws.ToBool(c.BlockPublicPolicy) || !aws.ToBool(c.RestrictPublicBuckets) {
			return fmt.Errorf("the account's public access block is not all on: %+v", *c)
		}
		return nil
	}
}

func checkVersioned(iso *acctest.Isolated, bucket string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := iso.Client.S3(acctest.Region).GetBucketVersioning(context.Background(), &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)})
		if err != nil {
			return fmt.Errorf("reading the versioning of %s: %w", bucket, err)
		}
		if out.Status != s3types.BucketVersioningStatusEnabled {
			return fmt.Errorf("bucket %s versioning is %q, want Enabled", bucket, out.Status)
		}
		return nil
	}
}

// checkDestroyed: both buckets are gone (force_destroy), and the account's public access block
// is still on, since the example leaves delete_on_destroy at false.
func checkDestroyed(iso *acctest.Isolated, name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, bucket := range []string{name + "-logs", name + "-access-logs"} {
			_, err := iso.Client.S3(acctest.Region).HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(bucket)})
			var nf *s3types.NotFound
			if !errors.As(err, &nf) {
				return fmt.Errorf("bucket %s still answers after destroy: %w", bucket, err)
			}
		}
		return checkAccountBlockOn(iso)(s)
	}
}
