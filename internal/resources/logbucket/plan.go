package logbucket

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const mfaDeleteWarning = "MFA delete is disabled on this bucket, and only the account's root user can enable it: sign in " +
	"with the root credentials and their MFA device and run\n\n" +
	"  aws s3api put-bucket-versioning --bucket %s --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa \"<device-arn> <code>\"\n\n" +
	"Terraform cannot do this for you, so this plan will keep showing mfa_delete until it is done. Note that S3 does not " +
	"support lifecycle rules on MFA-delete buckets: once it is enabled, retention_days is no longer enforced by expiration. " +
	"object_lock is the automatable way to make log versions immutable; set require_mfa_delete = false if you rely on it."

// ModifyPlan plans every enforced attribute as its hardened value. Because state holds what S3
// reported, any setting weakened out of band shows as that attribute changing back. It also
// warns, before anything is applied, about a caller the policy would lock out and a KMS key
// policy that lacks what the writers need.
func (r *logBucket) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, config, state, ok := framework.PlanInputs[model](ctx, r.Client, req, &resp.Diagnostics)
	if !ok {
		return
	}

	if state != nil && willReplace(config, plan, *state) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("bucket"))
		if config.Bucket.IsNull() {
			// A replacement of a prefixed bucket gets a fresh name: reusing the old one races S3's
			// deletion of the bucket it replaces.
			plan.Bucket = types.StringUnknown()
		}
		state = nil
	}
	resp.Diagnostics.Append(r.planEnforced(ctx, config, &plan, state)...)
	resp.Diagnostics.Append(r.planWarnings(ctx, plan)...)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planEnforced sets every enforced attribute of plan; state is nil for a new bucket.
func (r *logBucket) planEnforced(ctx context.Context, config model, plan, state *model) diag.Diagnostics {
	var diags diag.Diagnostics
	if framework.Known(plan.Bucket) {
		plan.ID, plan.ARN = plan.Bucket, bucketARN(r.Client, plan.Bucket.ValueString())
	} else {
		plan.ID, plan.ARN = types.StringUnknown(), types.StringUnknown()
	}
	hardenFixed(plan)

	policy, d := bucketPolicy(r.Client, *plan)
	diags.Append(d...)
	if state != nil && framework.Known(policy) && framework.Known(state.Policy) {
		// The stored text stays when it is equivalent, so AWS's layout never shows as a diff.
		policy = types.StringValue(policydoc.Preferred(policy.ValueString(), state.Policy.ValueString()))
	}
	plan.Policy = policy

	diags.Append(planLifecycle(plan, state)...)
	planLogging(config, plan, state)
	diags.Append(planObjectLock(ctx, plan, state)...)
	diags.Append(planMFADelete(plan, state)...)

	tagsAll, d := planTagsAll(ctx, r.Client, plan.Tags)
	diags.Append(d...)
	plan.TagsAll = tagsAll
	return diags
}

func mfaDeleteOn(state *model) bool {
	return state != nil && state.MFADelete.ValueString() == mfaEnabled
}

func planLifecycle(plan, state *model) diag.Diagnostics {
	switch {
	case mfaDeleteOn(state):
		// S3 refuses lifecycle rules on MFA-delete buckets; planMFADelete warns.
		plan.LifecycleRules = state.LifecycleRules
	case plan.RetentionDays.IsUnknown() || plan.GlacierDays.IsUnknown():
		plan.LifecycleRules = types.ListUnknown(lifecycleRuleType)
	default:
		list, d := lifecycleValue(lifecycleRulesFromModel(*plan))
		plan.LifecycleRules = list
		return d
	}
	return nil
}

func planLogging(config model, plan, state *model) {
	switch {
	case !config.AccessLogBucket.IsNull():
		plan.LoggingTargetBucket, plan.LoggingTargetPrefix = plan.AccessLogBucket, plan.AccessLogPrefix
	case state != nil && state.AccessLogBucket.IsNull():
		// Logging this resource never managed stays as it is.
		plan.LoggingTargetBucket, plan.LoggingTargetPrefix = state.LoggingTargetBucket, state.LoggingTargetPrefix
	default:
		plan.LoggingTargetBucket, plan.LoggingTargetPrefix = types.StringNull(), types.StringNull()
	}
}

func planObjectLock(ctx context.Context, plan, state *model) diag.Diagnostics {
	lock, diags := objectLockOf(ctx, plan.ObjectLock)
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
	return diags
}

func planMFADelete(plan, state *model) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case plan.RequireMFADelete.ValueBool() && !mfaDeleteOn(state):
		// Unknown rather than "Enabled": apply cannot enable it, and the state it records must
		// be what S3 reports.
		plan.MFADelete = types.StringUnknown()
		bucket := "<bucket>"
		if framework.Known(plan.Bucket) {
			bucket = plan.Bucket.ValueString()
		}
		diags.AddAttributeWarning(path.Root("require_mfa_delete"), "MFA delete needs the root user",
			fmt.Sprintf(mfaDeleteWarning, bucket))
	case state != nil:
		plan.MFADelete = state.MFADelete
		if mfaDeleteOn(state) {
			diags.AddAttributeWarning(path.Root("retention_days"), "Lifecycle rules are not enforced",
				"MFA delete is enabled on this bucket and S3 does not support lifecycle rules on MFA-delete buckets, so "+
					"retention_days and glacier_transition_days are not applied. Use object_lock for immutability if you "+
					"need the lifecycle rules, or accept manual retention.")
		}
	default:
		plan.MFADelete = types.StringValue(mfaDisabled)
	}
	return diags
}

// willReplace repeats the decisions of the RequiresReplace plan modifiers, which the
// resource-level ModifyPlan cannot see.
func willReplace(config, plan, state model) bool {
	if framework.Known(config.Bucket) && !config.Bucket.Equal(state.Bucket) {
		return true
	}
	if !plan.BucketPrefix.IsUnknown() && !plan.BucketPrefix.Equal(state.BucketPrefix) {
		return true
	}
	return !plan.ObjectLock.IsUnknown() && plan.ObjectLock.IsNull() != state.ObjectLock.IsNull()
}

func (r *logBucket) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, ok := framework.Get[model](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(crossFieldProblems(ctx, m)...)
}

// planWarnings are the plan-time checks that need AWS-side context: the caller's exemption and
// the KMS key policy. They never block a plan.
func (r *logBucket) planWarnings(ctx context.Context, plan model) diag.Diagnostics {
	var diags diag.Diagnostics
	if in, ok := policyInput(r.Client, probeBucket(plan)); ok {
		if detail := lockoutWarning(r.Client.CallerARN, in); detail != "" {
			diags.AddAttributeWarning(path.Root("admin_principal_arns"), "The bucket policy will lock out the identity running this plan", detail)
		}
	}
	diags.Append(r.keyPolicyWarnings(ctx, plan)...)
	return diags
}

// probeBucket stands in a placeholder name while the bucket's is unknown (bucket_prefix): who
// the policy exempts does not depend on the name.
func probeBucket(plan model) model {
	if plan.Bucket.IsUnknown() {
		plan.Bucket = types.StringValue("<bucket>")
	}
	return plan
}

// rootEscapeHatch is how anyone locked out by the bucket policy gets back in.
func rootEscapeHatch(bucket string) string {
	return "Should every identity be locked out, the account's root user can always delete a bucket policy " +
		"(aws s3api delete-bucket-policy --bucket " + bucket + ", signed in as root); see " +
		"https://repost.aws/knowledge-center/s3-accidentally-denied-access."
}

// lockoutWarning explains, when the policy generated from in denies the caller s3:PutBucketPolicy,
// what the caller loses and the admin_principal_arns entry that keeps it in. "" when the caller
// is covered.
func lockoutWarning(callerARN string, in policies.LogBucketInput) string {
	policy, err := policies.LogBucket(in)
	if err != nil || callerARN == "" {
		return ""
	}
	if policies.CallerCovered(policy, arns.Bucket(in.Partition, in.Bucket), callerARN) {
		return ""
	}
	patterns := policies.ExemptPrincipals(callerARN)
	if len(patterns) == 0 {
		patterns = []string{callerARN}
	}
	add := fmt.Sprintf("  admin_principal_arns = [%q]", patterns[0])
	if len(patterns) > 1 {
		add += fmt.Sprintf("\n\n(if the role has a path, which the session ARN does not show, use %q instead)", patterns[1])
	}
	return fmt.Sprintf("The generated bucket policy denies object deletion and every change of the bucket's controls "+
		"(policy, lifecycle, versioning, encryption, Object Lock, public access block, logging, ownership) to every "+
		"principal not in admin_principal_arns. The identity running this plan, %s, is not among them: once the policy is "+
		"in place, that identity on AWS can no longer restore a drifted setting, change the policy, delete the bucket or "+
		"empty it for force_destroy. To keep it exempt, add it to admin_principal_arns:\n\n%s\n\n%s",
		callerARN, add, rootEscapeHatch(in.Bucket))
}
