package logbucket

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// changes lists the calls that bring the bucket from state to plan; a nil state (create) needs
// every one. The order matters on create: the policy comes last because it denies policy and
// lifecycle changes to everyone but the exempt principals.
func (r *logBucket) changes(ctx context.Context, plan, state *model) ([]change, diag.Diagnostics) {
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
