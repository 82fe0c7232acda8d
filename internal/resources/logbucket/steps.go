package logbucket

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// harden applies every change from state (nil on create) to plan, then records what S3 reports.
func (r *logBucket) harden(ctx context.Context, plan, state *model, diags *diag.Diagnostics) error {
	steps, d := changes(ctx, plan, state)
	diags.Append(d...)
	c := r.Client.S3("")
	if err := applyChanges(ctx, c, plan.ID.ValueString(), steps); err != nil {
		return err
	}
	o, err := observe(ctx, c, plan.ID.ValueString())
	if err != nil {
		return err
	}
	diags.Append(setObserved(plan, o)...)
	return nil
}

// changes lists the calls that bring the bucket from state to plan; a nil state (create) needs
// every one. The order matters on create: the policy comes last because it denies every control
// change to all but admin_principal_arns, which need not include the identity applying it.
func changes(ctx context.Context, plan, state *model) ([]change, diag.Diagnostics) {
	var diags diag.Diagnostics
	var out []change

	if state == nil || !plan.TagsAll.Equal(state.TagsAll) {
		tags := map[string]string{}
		if !plan.TagsAll.IsNull() && !plan.TagsAll.IsUnknown() {
			diags.Append(plan.TagsAll.ElementsAs(ctx, &tags, false)...)
		}
		if state != nil || len(tags) > 0 {
			out = append(out, change{"tags", func(ctx context.Context, c *s3.Client, b string) error { return putTags(ctx, c, b, tags) }})
		}
	}
	if state == nil || !plan.BlockPublicACLs.Equal(state.BlockPublicACLs) || !plan.BlockPublicPolicy.Equal(state.BlockPublicPolicy) ||
		!plan.IgnorePublicACLs.Equal(state.IgnorePublicACLs) || !plan.RestrictPublicBuckets.Equal(state.RestrictPublicBuckets) {
		out = append(out, change{"public access block", putPublicAccessBlock})
	}
	if state == nil || !plan.ObjectOwnership.Equal(state.ObjectOwnership) {
		out = append(out, change{"object ownership", putOwnership})
	}
	if state == nil || !plan.VersioningStatus.Equal(state.VersioningStatus) {
		out = append(out, change{"versioning", putVersioning})
	}
	if state == nil || !plan.SSEAlgorithm.Equal(state.SSEAlgorithm) || !plan.SSEKMSKeyARN.Equal(state.SSEKMSKeyARN) ||
		!plan.BucketKeyEnabled.Equal(state.BucketKeyEnabled) {
		key := plan.KMSKeyARN.ValueString()
		out = append(out, change{"default encryption", func(ctx context.Context, c *s3.Client, b string) error { return putEncryption(ctx, c, b, key) }})
	}
	lock, d := objectLockOf(ctx, plan.ObjectLock)
	diags.Append(d...)
	if lock != nil && (state == nil || !plan.ObjectLockMode.Equal(state.ObjectLockMode) || !plan.ObjectLockDays.Equal(state.ObjectLockDays)) {
		mode, days := lock.Mode.ValueString(), lock.Days.ValueInt64()
		out = append(out, change{"object lock", func(ctx context.Context, c *s3.Client, b string) error { return putObjectLock(ctx, c, b, mode, days) }})
	}
	mfaEnabled := state != nil && state.MFADelete.ValueString() == "Enabled"
	if !mfaEnabled && (state == nil || !plan.LifecycleRules.Equal(state.LifecycleRules)) {
		rules := lifecycleRulesFromModel(*plan)
		out = append(out, change{"lifecycle rules", func(ctx context.Context, c *s3.Client, b string) error { return putLifecycle(ctx, c, b, rules) }})
	}
	if loggingChanged(plan, state) {
		target, prefix := plan.LoggingTargetBucket.ValueString(), plan.LoggingTargetPrefix.ValueString()
		out = append(out, change{"server access logging", func(ctx context.Context, c *s3.Client, b string) error {
			return putLogging(ctx, c, b, target, prefix)
		}})
	}
	if state == nil || !plan.Policy.Equal(state.Policy) {
		policy := plan.Policy.ValueString()
		out = append(out, change{"bucket policy", func(ctx context.Context, c *s3.Client, b string) error { return putPolicy(ctx, c, b, policy) }})
	}
	return out, diags
}

func loggingChanged(plan, state *model) bool {
	if state == nil {
		return !plan.LoggingTargetBucket.IsNull()
	}
	return !plan.LoggingTargetBucket.Equal(state.LoggingTargetBucket) || !nullAsEmpty(plan.LoggingTargetPrefix).Equal(nullAsEmpty(state.LoggingTargetPrefix))
}

func nullAsEmpty(s types.String) types.String {
	if s.IsNull() {
		return types.StringValue("")
	}
	return s
}

// Each function below restores one enforced setting with the single call it needs, so an apply
// after drift touches only what drifted.

func putVersioning(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled},
	})
	return wrap("PutBucketVersioning", bucket, err)
}

func putPublicAccessBlock(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(bucket),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true),
			IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true),
		},
	})
	return wrap("PutPublicAccessBlock", bucket, err)
}

func putOwnership(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{
		Bucket: aws.String(bucket),
		OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{
			ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced,
		}}},
	})
	return wrap("PutBucketOwnershipControls", bucket, err)
}

func putEncryption(ctx context.Context, c *s3.Client, bucket, kmsKey string) error {
	rule := s3types.ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
		SSEAlgorithm: s3types.ServerSideEncryptionAes256,
	}}
	if kmsKey != "" {
		rule.ApplyServerSideEncryptionByDefault = &s3types.ServerSideEncryptionByDefault{
			SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(kmsKey),
		}
		rule.BucketKeyEnabled = aws.Bool(true)
	}
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
		Bucket:                            aws.String(bucket),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{rule}},
	})
	return wrap("PutBucketEncryption", bucket, err)
}

func putPolicy(ctx context.Context, c *s3.Client, bucket, policy string) error {
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(policy)})
	return wrap("PutBucketPolicy", bucket, err)
}

func putLifecycle(ctx context.Context, c *s3.Client, bucket string, rules []ruleValues) error {
	in := &s3.PutBucketLifecycleConfigurationInput{
		Bucket:                 aws.String(bucket),
		LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{},
	}
	for _, r := range rules {
		in.LifecycleConfiguration.Rules = append(in.LifecycleConfiguration.Rules, r.toAWS())
	}
	_, err := c.PutBucketLifecycleConfiguration(ctx, in)
	return wrap("PutBucketLifecycleConfiguration", bucket, err)
}

// putLogging turns server access logging on towards target, or off when target is "".
func putLogging(ctx context.Context, c *s3.Client, bucket, target, prefix string) error {
	status := &s3types.BucketLoggingStatus{}
	if target != "" {
		status.LoggingEnabled = &s3types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix)}
	}
	_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket), BucketLoggingStatus: status})
	return wrap("PutBucketLogging", bucket, err)
}

func putObjectLock(ctx context.Context, c *s3.Client, bucket, mode string, days int64) error {
	_, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{
		Bucket: aws.String(bucket),
		ObjectLockConfiguration: &s3types.ObjectLockConfiguration{
			ObjectLockEnabled: s3types.ObjectLockEnabledEnabled,
			Rule: &s3types.ObjectLockRule{DefaultRetention: &s3types.DefaultRetention{
				Mode: s3types.ObjectLockRetentionMode(mode), Days: aws.Int32(int32(days)),
			}},
		},
	})
	return wrap("PutObjectLockConfiguration", bucket, err)
}

func putTags(ctx context.Context, c *s3.Client, bucket string, tags map[string]string) error {
	if len(tags) == 0 {
		_, err := c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: aws.String(bucket)})
		return wrap("DeleteBucketTagging", bucket, err)
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	set := make([]s3types.Tag, 0, len(keys))
	for _, k := range keys {
		set = append(set, s3types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	_, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(bucket), Tagging: &s3types.Tagging{TagSet: set}})
	return wrap("PutBucketTagging", bucket, err)
}

// change is one enforced setting whose planned value differs from state, and the call that
// restores it.
type change struct {
	name  string
	apply func(context.Context, *s3.Client, string) error
}

func applyChanges(ctx context.Context, c *s3.Client, bucket string, changes []change) error {
	for _, ch := range changes {
		tflog.Info(ctx, "restoring log bucket setting", map[string]any{"bucket": bucket, "setting": ch.name})
		if err := ch.apply(ctx, c, bucket); err != nil {
			return err
		}
	}
	return nil
}

const bucketWaitTimeout = 2 * time.Minute

// createBucket makes the bucket (with Object Lock when configured; it cannot be switched on
// later) and waits until S3 serves it.
func createBucket(ctx context.Context, c *s3.Client, region, name string, objectLock bool) (created bool, err error) {
	in := &s3.CreateBucketInput{Bucket: aws.String(name), ObjectLockEnabledForBucket: aws.Bool(objectLock)}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	if _, err := c.CreateBucket(ctx, in); err != nil {
		return false, fmt.Errorf("S3 CreateBucket %s: %w", name, err)
	}
	if err := s3.NewBucketExistsWaiter(c).Wait(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)}, bucketWaitTimeout); err != nil {
		return true, fmt.Errorf("waiting for bucket %s after CreateBucket: %w", name, err)
	}
	return true, nil
}

// rollback deletes a bucket whose hardening failed: it was created moments ago and is still
// empty, so nothing is lost, and nothing is saved. When the deletion fails too, the bucket goes
// into state (Terraform marks it tainted because of the error), so the next apply or destroy
// removes it.
func rollback(ctx context.Context, c *s3.Client, plan model) (framework.Next[model], diag.Diagnostics) {
	name := plan.Bucket.ValueString()
	_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	if err == nil || bucketGone(err) {
		tflog.Warn(ctx, "deleted the half-created log bucket", map[string]any{"bucket": name})
		return framework.Next[model]{}, nil
	}
	var diags diag.Diagnostics
	diags.AddError("Cannot roll back the half-created log bucket",
		fmt.Sprintf("bucket %s was created but could not be hardened, and deleting it failed: %v. It is recorded in state as tainted; the next apply or destroy removes it.", name, err))
	return framework.Save(failedCreateState(plan)), diags
}

// failedCreateState is the state of a bucket that exists but could not be hardened: every
// argument as planned, nothing observed (the next refresh reads it), and force_destroy on so
// the replacement that follows may delete it whatever it holds by then.
func failedCreateState(plan model) model {
	s := model{arguments: plan.arguments, enforced: unobserved()}
	s.ForceDestroy = types.BoolValue(true)
	return s
}
