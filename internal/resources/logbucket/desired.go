package logbucket

import (
	"context"
	"crypto/rand"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// The hardened values of the settings that do not depend on any argument.
const (
	hardVersioning     = "Enabled"
	hardOwnership      = string(s3types.ObjectOwnershipBucketOwnerEnforced)
	retentionRuleID    = "soc2-retention"
	abortMultipartDays = 7
	algorithmKMS       = "aws:kms"
	algorithmS3        = "AES256"
	mfaEnabled         = "Enabled"
	mfaDisabled        = "Disabled"
)

// maxPrefixLength leaves room for the 26 characters generateName appends within S3's 63.
const (
	maxPrefixLength = 37
	generatedSuffix = 26
)

var objectAsOptions = basetypes.ObjectAsOptions{}

// generateName appends random lowercase characters, so two buckets from one prefix never collide
// and the result always ends with a letter or digit.
func generateName(prefix string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, generatedSuffix)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand.Read never fails on supported platforms (Go 1.24+)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}

// hardenFixed sets the enforced attributes whose hardened value depends on no more than
// kms_key_arn: versioning, public access block, ownership and default encryption.
func hardenFixed(m *model) {
	m.VersioningStatus = types.StringValue(hardVersioning)
	for _, b := range []*types.Bool{&m.BlockPublicACLs, &m.BlockPublicPolicy, &m.IgnorePublicACLs, &m.RestrictPublicBuckets} {
		*b = types.BoolValue(true)
	}
	m.ObjectOwnership = types.StringValue(hardOwnership)
	if m.KMSKeyARN.IsNull() {
		m.SSEAlgorithm, m.SSEKMSKeyARN, m.BucketKeyEnabled = types.StringValue(algorithmS3), types.StringNull(), types.BoolValue(false)
	} else {
		m.SSEAlgorithm, m.SSEKMSKeyARN, m.BucketKeyEnabled = types.StringValue(algorithmKMS), m.KMSKeyARN, types.BoolValue(true)
	}
}

func desiredLifecycle(retention, glacier int64) []ruleValues {
	r := ruleValues{
		ID: retentionRuleID, Status: "Enabled", Prefix: "",
		Expiration: retention, NoncurrentExpiration: retention,
		AbortMultipart: abortMultipartDays,
	}
	if glacier > 0 {
		r.Transition, r.NoncurrentTr = glacier, glacier
	}
	return []ruleValues{r}
}

func lifecycleRulesFromModel(m model) []ruleValues {
	return desiredLifecycle(m.RetentionDays.ValueInt64(), m.GlacierDays.ValueInt64())
}

func (r ruleValues) toAWS() s3types.LifecycleRule {
	rule := s3types.LifecycleRule{
		ID:     aws.String(r.ID),
		Status: s3types.ExpirationStatus(r.Status),
		Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String(r.Prefix)},
	}
	if r.Expiration > 0 {
		rule.Expiration = &s3types.LifecycleExpiration{Days: aws.Int32(int32(r.Expiration))}
	}
	if r.NoncurrentExpiration > 0 {
		rule.NoncurrentVersionExpiration = &s3types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(int32(r.NoncurrentExpiration))}
	}
	if r.Transition > 0 {
		rule.Transitions = []s3types.Transition{{Days: aws.Int32(int32(r.Transition)), StorageClass: s3types.TransitionStorageClassGlacier}}
	}
	if r.NoncurrentTr > 0 {
		rule.NoncurrentVersionTransitions = []s3types.NoncurrentVersionTransition{{
			NoncurrentDays: aws.Int32(int32(r.NoncurrentTr)), StorageClass: s3types.TransitionStorageClassGlacier,
		}}
	}
	if r.AbortMultipart > 0 {
		rule.AbortIncompleteMultipartUpload = &s3types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(int32(r.AbortMultipart))}
	}
	return rule
}

func optionalInt(v int64) types.Int64 {
	if v == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}

func lifecycleValue(rules []ruleValues) (types.List, diag.Diagnostics) {
	elems := make([]attr.Value, 0, len(rules))
	var diags diag.Diagnostics
	for _, r := range rules {
		obj, d := types.ObjectValue(lifecycleRuleAttrTypes, map[string]attr.Value{
			"id":                                     types.StringValue(r.ID),
			"status":                                 types.StringValue(r.Status),
			"prefix":                                 types.StringValue(r.Prefix),
			"expiration_days":                        optionalInt(r.Expiration),
			"noncurrent_expiration_days":             optionalInt(r.NoncurrentExpiration),
			"transition_days":                        optionalInt(r.Transition),
			"noncurrent_transition_days":             optionalInt(r.NoncurrentTr),
			"abort_incomplete_multipart_upload_days": optionalInt(r.AbortMultipart),
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	list, d := types.ListValue(lifecycleRuleType, elems)
	diags.Append(d...)
	return list, diags
}

// policyInput is what the bucket policy depends on; ok is false while any of it is unknown.
func policyInput(client *conns.AWSClient, m model) (policies.LogBucketInput, bool) {
	for _, v := range []attr.Value{m.Bucket, m.OrganizationID, m.S3AccessLogsPrefix} {
		if v.IsUnknown() {
			return policies.LogBucketInput{}, false
		}
	}
	for _, v := range []types.Set{m.ReaderARNs, m.Writers, m.AdminPrincipalARNs} {
		if !framework.AllKnown(v) {
			return policies.LogBucketInput{}, false
		}
	}
	if m.Bucket.IsNull() {
		return policies.LogBucketInput{}, false
	}
	return policies.LogBucketInput{
		Partition:        client.Partition,
		AccountID:        client.AccountID,
		Bucket:           m.Bucket.ValueString(),
		Admins:           framework.KnownStrings(m.AdminPrincipalARNs),
		Readers:          framework.KnownStrings(m.ReaderARNs),
		Writers:          framework.KnownStrings(m.Writers),
		OrganizationID:   m.OrganizationID.ValueString(),
		AccessLogsPrefix: m.S3AccessLogsPrefix.ValueString(),
	}, true
}

// bucketPolicy generates the policy for the planned arguments: unknown while something it
// depends on is. Exemptions come from admin_principal_arns only, never from whoever runs the
// plan (plan.go warns when that identity is not among them).
func bucketPolicy(client *conns.AWSClient, m model) (types.String, diag.Diagnostics) {
	var diags diag.Diagnostics
	in, ok := policyInput(client, m)
	if !ok {
		return types.StringUnknown(), nil
	}
	policy, err := policies.LogBucket(in)
	if err != nil {
		diags.AddError("Cannot generate the bucket policy", err.Error())
		return types.StringUnknown(), diags
	}
	return types.StringValue(policy), nil
}

func objectLockOf(ctx context.Context, v types.Object) (*objectLockModel, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var lock objectLockModel
	diags := v.As(ctx, &lock, objectAsOptions)
	return &lock, diags
}

func bucketARN(client *conns.AWSClient, bucket string) types.String {
	return types.StringValue(arns.Bucket(client.Partition, bucket))
}

// planTagsAll is the planned tags_all: unknown while any configured tag value is unknown.
func planTagsAll(ctx context.Context, client *conns.AWSClient, tags types.Map) (types.Map, diag.Diagnostics) {
	for _, e := range tags.Elements() {
		if e.IsUnknown() {
			return types.MapUnknown(types.StringType), nil
		}
	}
	return framework.PlanTagsAll(ctx, client, tags)
}

// resolveUnknowns computes the values that depended on other resources or on the generated
// bucket name, all known at apply time.
func (r *logBucket) resolveUnknowns(ctx context.Context, plan *model, diags *diag.Diagnostics) {
	if plan.Policy.IsUnknown() {
		policy, d := bucketPolicy(r.Client, *plan)
		diags.Append(d...)
		plan.Policy = policy
	}
	if plan.TagsAll.IsUnknown() {
		tagsAll, d := planTagsAll(ctx, r.Client, plan.Tags)
		diags.Append(d...)
		plan.TagsAll = tagsAll
	}
}
