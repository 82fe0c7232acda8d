package logbucket

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// model mirrors the schema in two parts: the arguments (what the user declares, plus the
// bucket's identity) and the enforced settings as last read from AWS, whose planned values are
// always the hardened ones. The split lets a failed create record every argument without
// naming them (failedCreateState).
type model struct {
	arguments
	enforced
}

type arguments struct {
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
	OrganizationID     types.String `tfsdk:"organization_id"`
	S3AccessLogsPrefix types.String `tfsdk:"s3_access_logs_prefix"`
	ObjectLock         types.Object `tfsdk:"object_lock"`
	AccessLogBucket    types.String `tfsdk:"access_log_bucket"`
	AccessLogPrefix    types.String `tfsdk:"access_log_prefix"`
	RequireMFADelete   types.Bool   `tfsdk:"require_mfa_delete"`
	ForceDestroy       types.Bool   `tfsdk:"force_destroy"`
	Tags               types.Map    `tfsdk:"tags"`
}

type enforced struct {
	TagsAll               types.Map    `tfsdk:"tags_all"`
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

// unobserved is the enforced part of a bucket nothing was read from: every value null, typed.
func unobserved() enforced {
	return enforced{
		TagsAll:               types.MapNull(types.StringType),
		VersioningStatus:      types.StringNull(),
		MFADelete:             types.StringNull(),
		BlockPublicACLs:       types.BoolNull(),
		BlockPublicPolicy:     types.BoolNull(),
		IgnorePublicACLs:      types.BoolNull(),
		RestrictPublicBuckets: types.BoolNull(),
		ObjectOwnership:       types.StringNull(),
		SSEAlgorithm:          types.StringNull(),
		SSEKMSKeyARN:          types.StringNull(),
		BucketKeyEnabled:      types.BoolNull(),
		Policy:                types.StringNull(),
		LifecycleRules:        types.ListNull(lifecycleRuleType),
		LoggingTargetBucket:   types.StringNull(),
		LoggingTargetPrefix:   types.StringNull(),
		ObjectLockEnabled:     types.BoolNull(),
		ObjectLockMode:        types.StringNull(),
		ObjectLockDays:        types.Int64Null(),
	}
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

// observed is the bucket's configuration as S3 reports it, one field per enforced setting.
type observed struct {
	VersioningStatus string
	MFADelete        string

	BlockPublicACLs, BlockPublicPolicy, IgnorePublicACLs, RestrictPublicBuckets bool

	ObjectOwnership string
	SSEAlgorithm    string
	SSEKMSKeyID     string
	BucketKey       bool
	Policy          string // "" when the bucket has none
	Lifecycle       []ruleValues
	LoggingBucket   string
	LoggingPrefix   string
	LoggingEnabled  bool
	LockEnabled     bool
	LockMode        string
	LockDays        int64
	Tags            map[string]string
}

// ruleValues is a lifecycle rule in plain Go; zero means the rule does not set that part.
type ruleValues struct {
	ID, Status, Prefix                                         string
	Expiration, NoncurrentExpiration, Transition, NoncurrentTr int64
	AbortMultipart                                             int64
}
