package logbucket

import (
	"context"
	"fmt"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const mfaDeleteWarning = "MFA delete is disabled on this bucket, and only the account's root user can enable it: sign in " +
	"with the root credentials and their MFA device and run\n\n" +
	"  aws s3api put-bucket-versioning --bucket %s --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa \"<device-arn> <code>\"\n\n" +
	"Terraform cannot do this for you, so this plan will keep showing mfa_delete until it is done. Note that S3 does not " +
	"support lifecycle rules on MFA-delete buckets: once it is enabled, retention_days is no longer enforced by expiration. " +
	"object_lock is the automatable way to make log versions immutable; set require_mfa_delete = false if you rely on it."

// ModifyPlan plans every enforced attribute as its hardened value. Because state holds what S3
// reported, any setting weakened out of band shows as that attribute changing back.
func (r *logBucket) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan, config model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	var state *model
	if !req.State.Raw.IsNull() {
		state = &model{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	replacing := state != nil && willReplace(config, plan, *state)
	if replacing {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("bucket"))
		if config.Bucket.IsNull() {
			// A replacement of a prefixed bucket gets a fresh name: reusing the old one races S3's
			// deletion of the bucket it replaces.
			plan.Bucket = types.StringUnknown()
		}
		state = nil
	}

	if known(plan.Bucket) {
		plan.ID = plan.Bucket
		plan.ARN = types.StringValue(bucketARN(r.client.Partition, plan.Bucket.ValueString()))
	} else {
		plan.ID, plan.ARN = types.StringUnknown(), types.StringUnknown()
	}

	plan.VersioningStatus = types.StringValue(hardVersioning)
	for _, b := range []*types.Bool{&plan.BlockPublicACLs, &plan.BlockPublicPolicy, &plan.IgnorePublicACLs, &plan.RestrictPublicBuckets} {
		*b = types.BoolValue(true)
	}
	plan.ObjectOwnership = types.StringValue(hardOwnership)

	if plan.KMSKeyARN.IsNull() {
		plan.SSEAlgorithm, plan.SSEKMSKeyARN, plan.BucketKeyEnabled = types.StringValue(algorithmS3), types.StringNull(), types.BoolValue(false)
	} else {
		plan.SSEAlgorithm, plan.SSEKMSKeyARN, plan.BucketKeyEnabled = types.StringValue(algorithmKMS), plan.KMSKeyARN, types.BoolValue(true)
	}

	if generated, ok := bucketPolicy(ctx, r.client, plan); !ok {
		plan.Policy = types.StringUnknown()
	} else if state != nil && policydoc.Equivalent(state.Policy.ValueString(), generated) {
		plan.Policy = state.Policy
	} else {
		plan.Policy = types.StringValue(generated)
	}

	mfaEnabled := state != nil && state.MFADelete.ValueString() == "Enabled"
	switch {
	case mfaEnabled:
		// S3 refuses lifecycle rules on MFA-delete buckets; the warning below explains.
		plan.LifecycleRules = state.LifecycleRules
	case plan.RetentionDays.IsUnknown() || plan.GlacierDays.IsUnknown():
		plan.LifecycleRules = types.ListUnknown(lifecycleRuleType)
	default:
		list, d := lifecycleValue(lifecycleRulesFromModel(plan))
		resp.Diagnostics.Append(d...)
		plan.LifecycleRules = list
	}

	switch {
	case !config.AccessLogBucket.IsNull():
		plan.LoggingTargetBucket, plan.LoggingTargetPrefix = plan.AccessLogBucket, plan.AccessLogPrefix
	case state != nil && state.AccessLogBucket.IsNull():
		// Logging this resource never managed stays as it is.
		plan.LoggingTargetBucket, plan.LoggingTargetPrefix = state.LoggingTargetBucket, state.LoggingTargetPrefix
	default:
		plan.LoggingTargetBucket, plan.LoggingTargetPrefix = types.StringNull(), types.StringNull()
	}

	lock, d := objectLockOf(ctx, plan.ObjectLock)
	resp.Diagnostics.Append(d...)
	switch {
	case plan.ObjectLock.IsUnknown():
		plan.ObjectLockEnabled, plan.ObjectLockMode, plan.ObjectLockDays = types.BoolUnknown(), types.StringUnknown(), types.Int64Unknown()
	case lock != nil:
		plan.ObjectLockEnabled, plan.ObjectLockMode, plan.ObjectLockDays = types.BoolValue(true), lock.Mode, lock.Days
	case state != nil:
		plan.ObjectLockEnabled, plan.ObjectLockMode, plan.ObjectLockDays = state.ObjectLockEnabled, state.ObjectLockMode, state.ObjectLockDays
	default:
		plan.ObjectLockEnabled, plan.ObjectLockMode, plan.ObjectLockDays = types.BoolValue(false), types.StringNull(), types.Int64Null()
	}

	switch {
	case plan.RequireMFADelete.ValueBool() && !mfaEnabled:
		// Unknown rather than "Enabled": apply cannot enable it, and the state it records must
		// be what S3 reports.
		plan.MFADelete = types.StringUnknown()
		bucket := "<bucket>"
		if known(plan.Bucket) {
			bucket = plan.Bucket.ValueString()
		}
		resp.Diagnostics.AddAttributeWarning(path.Root("require_mfa_delete"), "MFA delete needs the root user",
			fmt.Sprintf(mfaDeleteWarning, bucket))
	case state != nil:
		plan.MFADelete = state.MFADelete
		if mfaEnabled {
			resp.Diagnostics.AddAttributeWarning(path.Root("retention_days"), "Lifecycle rules are not enforced",
				"MFA delete is enabled on this bucket and S3 does not support lifecycle rules on MFA-delete buckets, so "+
					"retention_days and glacier_transition_days are not applied. Use object_lock for immutability if you "+
					"need the lifecycle rules, or accept manual retention.")
		}
	default:
		plan.MFADelete = types.StringValue("Disabled")
	}

	if all, ok := tagsAll(ctx, r.client, plan.Tags); ok {
		v, d := types.MapValueFrom(ctx, types.StringType, all)
		resp.Diagnostics.Append(d...)
		plan.TagsAll = v
	} else {
		plan.TagsAll = types.MapUnknown(types.StringType)
	}

	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// willReplace repeats the decisions of the RequiresReplace plan modifiers, which the
// resource-level ModifyPlan cannot see.
func willReplace(config, plan, state model) bool {
	if known(config.Bucket) && !config.Bucket.Equal(state.Bucket) {
		return true
	}
	if !plan.BucketPrefix.IsUnknown() && !plan.BucketPrefix.Equal(state.BucketPrefix) {
		return true
	}
	return !plan.ObjectLock.IsUnknown() && plan.ObjectLock.IsNull() != state.ObjectLock.IsNull()
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
