package logbucket

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// model mirrors the schema. The first block holds what the user declares; the second block holds
// the enforced settings as last read from AWS, whose planned values are always the hardened ones.
type model struct {
	ID                 types.String `tfsdk:"id"`
	ARN                types.String `tfsdk:"arn"`
	Bucket             types.String `tfsdk:"bucket"`
	BucketPrefix       types.String `tfsdk:"bucket_prefix"`
	RetentionDays      types.Int64  `tfsdk:"retention_days"`
	GlacierDays        types.Int64  `tfsdk:"glacier_transition_days"`
	KMSKeyARN          types.String `tfsdk:"kms_key_arn"`
	ReaderARNs         types.Set    `tfsdk:"reader_arns"`
	Writers            types.Set    `tfsdk:"writers"`
	AdminPrincipalARNs types.Set    `tfsdk:"admin_principal_arns"`
	ObjectLock         types.Object `tfsdk:"object_lock"`
	AccessLogBucket    types.String `tfsdk:"access_log_bucket"`
	AccessLogPrefix    types.String `tfsdk:"access_log_prefix"`
	RequireMFADelete   types.Bool   `tfsdk:"require_mfa_delete"`
	ForceDestroy       types.Bool   `tfsdk:"force_destroy"`
	Tags               types.Map    `tfsdk:"tags"`
	TagsAll            types.Map    `tfsdk:"tags_all"`

	VersioningStatus      types.String `tfsdk:"versioning_status"`
	MFADelete             types.String `tfsdk:"mfa_delete"`
	BlockPublicACLs       types.Bool   `tfsdk:"block_public_acls"`
	BlockPublicPolicy     types.Bool   `tfsdk:"block_public_policy"`
	IgnorePublicACLs      types.Bool   `tfsdk:"ignore_public_acls"`
	RestrictPublicBuckets types.Bool   `tfsdk:"restrict_public_buckets"`
	ObjectOwnership       types.String `tfsdk:"object_ownership"`
	SSEAlgorithm          types.String `tfsdk:"sse_algorithm"`
	SSEKMSKeyARN          types.String `tfsdk:"sse_kms_key_arn"`
	BucketKeyEnabled      types.Bool   `tfsdk:"bucket_key_enabled"`
	Policy                types.String `tfsdk:"policy"`
	LifecycleRules        types.List   `tfsdk:"lifecycle_rules"`
	LoggingTargetBucket   types.String `tfsdk:"logging_target_bucket"`
	LoggingTargetPrefix   types.String `tfsdk:"logging_target_prefix"`
	ObjectLockEnabled     types.Bool   `tfsdk:"object_lock_enabled"`
	ObjectLockMode        types.String `tfsdk:"object_lock_mode"`
	ObjectLockDays        types.Int64  `tfsdk:"object_lock_days"`
}

type objectLockModel struct {
	Mode types.String `tfsdk:"mode"`
	Days types.Int64  `tfsdk:"days"`
}

var objectLockAttrTypes = map[string]attr.Type{
	"mode": types.StringType,
	"days": types.Int64Type,
}

// lifecycleRuleAttrTypes describes one element of lifecycle_rules: a rule of the bucket's
// lifecycle configuration as S3 reports it. Only the parts the baseline sets are modelled; a rule
// someone adds out of band still shows as an extra element, which is enough for the plan to
// remove it.
var lifecycleRuleAttrTypes = map[string]attr.Type{
	"id":                                     types.StringType,
	"status":                                 types.StringType,
	"prefix":                                 types.StringType,
	"expiration_days":                        types.Int64Type,
	"noncurrent_expiration_days":             types.Int64Type,
	"transition_days":                        types.Int64Type,
	"noncurrent_transition_days":             types.Int64Type,
	"abort_incomplete_multipart_upload_days": types.Int64Type,
}

var lifecycleRuleType = types.ObjectType{AttrTypes: lifecycleRuleAttrTypes}
