package logbucket

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// The hardened values of the settings that do not depend on any argument.
const (
	hardVersioning     = "Enabled"
	hardOwnership      = string(s3types.ObjectOwnershipBucketOwnerEnforced)
	retentionRuleID    = "soc2-retention"
	abortMultipartDays = 7
	algorithmKMS       = "aws:kms"
	algorithmS3        = "AES256"
)

var objectAsOptions = basetypes.ObjectAsOptions{}

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

// bucketPolicy generates the policy for the planned arguments; ok is false while something it
// depends on is still unknown.
func bucketPolicy(ctx context.Context, client *conns.AWSClient, m model) (string, bool) {
	if m.Bucket.IsUnknown() || m.Bucket.IsNull() || m.ReaderARNs.IsUnknown() || m.Writers.IsUnknown() || m.AdminPrincipalARNs.IsUnknown() {
		return "", false
	}
	in := policyInput{
		Partition: client.Partition,
		AccountID: client.AccountID,
		Bucket:    m.Bucket.ValueString(),
		Exempt:    append(stringsOf(ctx, m.AdminPrincipalARNs), exemptPrincipals(client.CallerARN)...),
		Readers:   stringsOf(ctx, m.ReaderARNs),
		Writers:   stringsOf(ctx, m.Writers),
	}
	return generatePolicy(in), true
}

func stringsOf(ctx context.Context, set types.Set) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var out []string
	set.ElementsAs(ctx, &out, false)
	return out
}

func objectLockOf(ctx context.Context, v types.Object) (*objectLockModel, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var lock objectLockModel
	diags := v.As(ctx, &lock, objectAsOptions)
	return &lock, diags
}

func bucketARN(partition, bucket string) string {
	return fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)
}

// tagsAll merges the provider's default tags under the resource's own.
func tagsAll(ctx context.Context, client *conns.AWSClient, tags types.Map) (map[string]string, bool) {
	if tags.IsUnknown() {
		return nil, false
	}
	for _, e := range tags.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	own := map[string]string{}
	if !tags.IsNull() {
		tags.ElementsAs(ctx, &own, false)
	}
	return client.Tags(own), true
}
