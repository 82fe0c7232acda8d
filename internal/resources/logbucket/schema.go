package logbucket

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

const defaultRetentionDays = 365

func (r *logBucket) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attributes := map[string]schema.Attribute{}
	for _, group := range []map[string]schema.Attribute{
		identityAttributes(), retentionAttributes(), accessAttributes(), otherArguments(), enforcedAttributes(),
	} {
		maps.Copy(attributes, group)
	}
	resp.Schema = schema.Schema{MarkdownDescription: resourceDescription, Attributes: attributes}
}

const resourceDescription = "The locked evidence store of a SOC 2 baseline: an S3 bucket for CloudTrail, AWS Config and " +
	"S3 server access logs that is versioned, encrypted, closed to the public, free of ACLs, retained by lifecycle " +
	"rules and protected by a generated bucket policy.\n\n" +
	"Every hardened setting is an attribute of its own, so weakening one out of band (suspending versioning, deleting " +
	"the public access block, replacing the policy…) shows in the plan as exactly that attribute changing back.\n\n" +
	"**The generated bucket policy** (attribute `policy`), statement by statement:\n" +
	"- `DenyInsecureTransport`: deny every request without TLS " +
	"([S3 security best practices](https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html)).\n" +
	"- `DenyDeletionAndControlChanges`: deny object and bucket deletion and every change of the bucket's controls " +
	"(policy, lifecycle, versioning, encryption, Object Lock and retention, public access block, logging, ownership, " +
	"the bucket ACL, replication) to every principal not in `admin_principal_arns`, including same-account roles whose identity " +
	"policy allows `s3:*` (an explicit deny wins).\n" +
	"- `DenyReadsExceptReaders`: deny object reads to all but `reader_arns` and the admins; an account root in " +
	"`reader_arns` exempts that whole account (`aws:PrincipalAccount`).\n" +
	"- `AllowReaders`: let `reader_arns` read and list.\n" +
	"- Per writer, the documented delivery policy: CloudTrail `GetBucketAcl` and `PutObject` under " +
	"`[prefix/]AWSLogs/<account>/` (and `AWSLogs/<organization_id>/`) with `bucket-owner-full-control`, only for this " +
	"account's trails ([CloudTrail](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html)); " +
	"Config `GetBucketAcl`, `ListBucket` and `PutObject` under `[prefix/]AWSLogs/<account>/Config/` for this account " +
	"([AWS Config](https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html)); S3 server access " +
	"logging `PutObject` under `s3_access_logs_prefix` from this account's buckets " +
	"([server access logging](https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)).\n\n" +
	"**Who is exempt from the denies: `admin_principal_arns`, and nobody else.** The identity that runs Terraform is " +
	"not exempt because it runs it: when CI moves to a new role, an exemption of \"whoever runs the plan\" would have " +
	"locked that new role out. The provider needs the exemption on AWS to restore drifted settings, rewrite the policy, " +
	"and delete versions for `force_destroy`, so when the identity running the plan is not covered, the plan warns, " +
	"names that identity and the exact ARN pattern to add to `admin_principal_arns`. Should everyone be locked out, " +
	"the account root user can always delete a bucket policy " +
	"([AWS re:Post](https://repost.aws/knowledge-center/s3-accidentally-denied-access)).\n\n" +
	"**KMS key policy.** With `kms_key_arn`, the plan reads the key policy (`kms:GetKeyPolicy`) and warns, naming the " +
	"missing statement, when the writers could not use the key. " + keyPolicyStatements + "\n\n" +
	"**Failed creates.** When a call fails after the bucket was created (the policy, say), the provider deletes the " +
	"still-empty bucket again, so nothing is orphaned; if even that deletion fails, the bucket is recorded in state " +
	"as tainted so the next apply or destroy removes it."

// identityAttributes: The bucket and its name.
func identityAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":  framework.IDAttribute("The bucket name."),
		"arn": framework.IDAttribute("ARN of the bucket, e.g. `arn:aws:s3:::acme-soc2-logs`."),
		"bucket": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Name of the bucket. Exactly one of `bucket` and `bucket_prefix` is required. The S3 naming " +
				"rules are checked at plan time: 3–63 lowercase letters, digits, dots and hyphens, beginning and ending with a " +
				"letter or digit, no `..`, not an IP address, none of the reserved prefixes (`xn--`, `sthree-`, " +
				"`amzn-s3-demo-`) or suffixes (`-s3alias`, `--ol-s3`, `.mrap`, `--x-s3`, `--table-s3`). Changing it replaces the bucket.",
			Validators: []validator.String{bucketNameValidator()},
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				stringplanmodifier.RequiresReplace(),
			},
		},
		"bucket_prefix": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Creates a unique bucket name beginning with this prefix (at most %d characters; "+
				"%d random characters are appended). Conflicts with `bucket`. Changing it replaces the bucket.", maxPrefixLength, generatedSuffix),
			Validators:    []validator.String{bucketPrefixValidator()},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
	}
}

// retentionAttributes: Retention, encryption and immutability.
func retentionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"retention_days": framework.DefaultInt64(fmt.Sprintf("Days after which log objects, and noncurrent versions after "+
			"they became noncurrent, expire. At least %d. Default %d.", minRetentionDays, defaultRetentionDays),
			defaultRetentionDays, retentionValidator()),
		"glacier_transition_days": framework.OptionalInt64("Days after which objects (and noncurrent versions) move to the "+
			"S3 Glacier Flexible Retrieval storage class. Must be below `retention_days`. Unset: objects stay in S3 Standard.",
			positiveDaysValidator()),
		"kms_key_arn": framework.OptionalString("ARN of a KMS key for default SSE-KMS encryption with an S3 bucket key. "+
			"Unset: SSE-S3 (AES256). An alias (ARN or name) is refused at plan time: for AWS service deliveries S3 needs the "+
			"full key ARN. The key policy must let the writers use the key; the plan reads it and warns about what is missing "+
			"(see above).", kmsKeyValidator()),
		"object_lock": schema.SingleNestedAttribute{
			Optional: true,
			MarkdownDescription: "Object Lock default retention, which makes every new log version immutable for `days`. " +
				"Object Lock can only be switched on when a bucket is created, so adding or removing this block replaces the " +
				"bucket; `mode` and `days` change in place. Refused together with writers `s3_access_logs`: S3 requires the " +
				"target of server access logs to have no Object Lock default retention.",
			Attributes: map[string]schema.Attribute{
				"mode": framework.RequiredString("`GOVERNANCE` (principals with `s3:BypassGovernanceRetention` may still "+
					"delete) or `COMPLIANCE` (nobody, not even root, can delete a version before its retention ends).",
					stringvalidator.OneOf("GOVERNANCE", "COMPLIANCE")),
				"days": schema.Int64Attribute{
					Required:            true,
					MarkdownDescription: "Default retention period in days; at most `retention_days`.",
					Validators:          []validator.Int64{positiveDaysValidator()},
				},
			},
			PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(
				func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
					resp.RequiresReplace = !req.PlanValue.IsUnknown() && req.StateValue.IsNull() != req.PlanValue.IsNull()
				},
				"Switching Object Lock on or off replaces the bucket.", "Switching Object Lock on or off replaces the bucket.")},
		},
	}
}

// accessAttributes: Who may read, write and administer the logs: the inputs of the bucket policy.
func accessAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"reader_arns": framework.OptionalStringSet("IAM roles, users or account roots that may read and list the logs. "+
			"The policy denies reading objects to everyone else except the administrators.",
			setvalidator.ValueStringsAre(principalARNValidator())),
		"writers": framework.OptionalStringSet("Services allowed to deliver into the bucket, any of `cloudtrail`, `config` "+
			"(AWS Config) and `s3_access_logs` (S3 server access logging). Each gets the bucket policy its documentation "+
			"gives: `s3:PutObject` only under the keys that service writes (`AWSLogs/<account>/` for CloudTrail, "+
			"`AWSLogs/<account>/Config/` for Config, under any key prefix; `s3_access_logs_prefix` for access logs) and only "+
			"on behalf of this account (`aws:SourceArn`/`aws:SourceAccount`), with the `bucket-owner-full-control` ACL for "+
			"CloudTrail and Config. `s3_access_logs` cannot be combined with `object_lock` (S3 requires access-log targets "+
			"to have no default retention).",
			setvalidator.ValueStringsAre(writerValidator())),
		"admin_principal_arns": framework.OptionalStringSet("IAM principals exempt from the policy's deny statements "+
			"(object and bucket deletion, every control change, reads), matched against `aws:PrincipalArn` with `ArnLike`, "+
			"so wildcards work, e.g. `arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin*`. "+
			"These are the only exemptions: the identity Terraform runs as must be listed too (as its role ARN, e.g. "+
			"`arn:aws:iam::123456789012:role/terraform-ci`, or `arn:aws:iam::123456789012:role/*/terraform-ci` for a role "+
			"with a path), or it cannot restore drift or destroy the bucket on AWS; the plan warns when it is not.",
			setvalidator.ValueStringsAre(principalARNValidator())),
		"organization_id": framework.OptionalString("AWS Organizations id (`o-...`) of an organization trail owned by this "+
			"account that delivers here: CloudTrail may then also write under `AWSLogs/<organization_id>/`. Unset: only "+
			"this account's logs.", organizationIDValidator()),
		"s3_access_logs_prefix": framework.DefaultString("With writers `s3_access_logs`: the key prefix under which S3 "+
			"server access logging may deliver (the `TargetPrefix` of the source buckets, e.g. `s3-access/`). Default: "+
			"anywhere in the bucket.", ""),
	}
}

// otherArguments: Access logging of the bucket itself, MFA delete, destroy and tags.
func otherArguments() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"access_log_bucket": framework.OptionalString("Bucket that receives the server access logs of this bucket (its "+
			"policy must allow `logging.s3.amazonaws.com`, e.g. another `soc2_log_bucket` with `writers = "+
			"[\"s3_access_logs\"]`). Unset: access logging is not managed.", bucketNameValidator()),
		"access_log_prefix": framework.DefaultString("Key prefix of the access log objects in `access_log_bucket`. Default: none.", ""),
		"require_mfa_delete": framework.DefaultBool("Report a bucket without MFA delete as drift. Only the account root "+
			"user, with its MFA device, can enable MFA delete (`aws s3api put-bucket-versioning --mfa ...`), so the provider "+
			"cannot do it: the plan shows `mfa_delete` changing and a warning with the procedure. S3 does not support "+
			"lifecycle rules on MFA-delete buckets, so once it is enabled `retention_days` no longer expires anything; use "+
			"`object_lock` for automatable immutability instead. Default `false`.", false),
		"force_destroy": framework.DefaultBool("Let destroy delete every object version and delete marker (bypassing "+
			"GOVERNANCE retention) before the bucket. Default `false`: destroy refuses a bucket that holds any version.", false),
		"tags":     framework.TagsAttribute("the bucket"),
		"tags_all": framework.TagsAllAttribute("the bucket"),
	}
}

// enforcedAttributes: The enforced settings as last read from AWS.
func enforcedAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"versioning_status": enforcedString("Versioning status. Hardened: `Enabled` (CC7.2: no log version can be lost)."),
		"mfa_delete": enforcedString("MFA delete status as S3 reports it (`Enabled` or `Disabled`). With " +
			"`require_mfa_delete = true` a `Disabled` status plans a change; see that argument."),
		"block_public_acls":       enforcedBool("Public access block flag `BlockPublicAcls`. Hardened: `true` (CC6.1, CC6.6)."),
		"block_public_policy":     enforcedBool("Public access block flag `BlockPublicPolicy`. Hardened: `true` (CC6.1, CC6.6)."),
		"ignore_public_acls":      enforcedBool("Public access block flag `IgnorePublicAcls`. Hardened: `true` (CC6.1, CC6.6)."),
		"restrict_public_buckets": enforcedBool("Public access block flag `RestrictPublicBuckets`. Hardened: `true` (CC6.1, CC6.6)."),
		"object_ownership":        enforcedString("Object ownership. Hardened: `BucketOwnerEnforced`, which disables ACLs (CC6.1)."),
		"sse_algorithm":           enforcedString("Default encryption algorithm. Hardened: `aws:kms` with `kms_key_arn`, else `AES256` (CC6.1)."),
		"sse_kms_key_arn":         enforcedString("KMS key of default encryption. Hardened: `kms_key_arn` (null for SSE-S3)."),
		"bucket_key_enabled":      enforcedBool("Whether S3 bucket keys cut KMS calls. Hardened: `true` with SSE-KMS, `false` with SSE-S3."),
		"policy": enforcedString("The bucket policy in effect, as JSON. Hardened: the generated policy described above: " +
			"deny requests without TLS; deny deletion and every control change to all but `admin_principal_arns`; deny " +
			"reads to all but `reader_arns` and the admins; allow `reader_arns` to read and list; allow each writer service " +
			"to deliver under its documented keys from this account. Compared as parsed JSON, so formatting and ordering " +
			"never show as drift (CC6.1, CC8.1)."),
		"lifecycle_rules": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "The bucket's lifecycle rules as S3 reports them. Hardened: one rule `soc2-retention` over " +
				"the whole bucket that expires objects and noncurrent versions after `retention_days`, moves them to Glacier " +
				"after `glacier_transition_days` if set, and aborts incomplete multipart uploads after 7 days (CC7.2).",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":                                     framework.ComputedString("Rule id."),
				"status":                                 framework.ComputedString("`Enabled` or `Disabled`."),
				"prefix":                                 framework.ComputedString("Key prefix the rule applies to (`\"\"` = all objects)."),
				"expiration_days":                        framework.ComputedInt64("Days after which current versions expire."),
				"noncurrent_expiration_days":             framework.ComputedInt64("Days after which noncurrent versions are deleted."),
				"transition_days":                        framework.ComputedInt64("Days after which current versions move to Glacier."),
				"noncurrent_transition_days":             framework.ComputedInt64("Days after which noncurrent versions move to Glacier."),
				"abort_incomplete_multipart_upload_days": framework.ComputedInt64("Days after which incomplete multipart uploads are aborted."),
			}},
		},
		"logging_target_bucket": enforcedString("Server access logging target as S3 reports it. Hardened: `access_log_bucket` " +
			"when that is set (CC7.2)."),
		"logging_target_prefix": enforcedString("Server access logging key prefix. Hardened: `access_log_prefix` when " +
			"`access_log_bucket` is set."),
		"object_lock_enabled": framework.ComputedBool("Whether Object Lock is enabled on the bucket (decided at creation)."),
		"object_lock_mode":    enforcedString("Default retention mode of Object Lock. Hardened: `object_lock.mode`."),
		"object_lock_days":    framework.ComputedInt64("Default retention days of Object Lock. Hardened: `object_lock.days`."),
	}
}

// Enforced attributes get their planned values in ModifyPlan, from the arguments; state holds
// what S3 reported at the last refresh.
func enforcedString(description string) schema.StringAttribute {
	return framework.ComputedString(description)
}

func enforcedBool(description string) schema.BoolAttribute {
	return framework.ComputedBool(description)
}
