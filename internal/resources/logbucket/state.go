package logbucket

import (
	"context"
	"sort"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// setObserved records what S3 reported in the enforced attributes. A policy equivalent to the one
// already in state keeps its stored text, so AWS's reformatting never shows as drift.
func setObserved(m *model, o *observed) diag.Diagnostics {
	var diags diag.Diagnostics
	m.VersioningStatus = types.StringValue(o.VersioningStatus)
	m.MFADelete = types.StringValue(o.MFADelete)
	m.BlockPublicACLs = types.BoolValue(o.BlockPublicACLs)
	m.BlockPublicPolicy = types.BoolValue(o.BlockPublicPolicy)
	m.IgnorePublicACLs = types.BoolValue(o.IgnorePublicACLs)
	m.RestrictPublicBuckets = types.BoolValue(o.RestrictPublicBuckets)
	m.ObjectOwnership = optionalString(o.ObjectOwnership)
	m.SSEAlgorithm = optionalString(o.SSEAlgorithm)
	m.SSEKMSKeyARN = optionalString(o.SSEKMSKeyID)
	m.BucketKeyEnabled = types.BoolValue(o.BucketKey)

	switch {
	case o.Policy == "":
		m.Policy = types.StringNull()
	case !m.Policy.IsNull() && !m.Policy.IsUnknown() && policydoc.Equivalent(m.Policy.ValueString(), o.Policy):
		// keep the text already in state (or planned)
	default:
		m.Policy = types.StringValue(policydoc.Compact(o.Policy))
	}

	rules, d := lifecycleValue(o.Lifecycle)
	diags.Append(d...)
	m.LifecycleRules = rules

	if o.LoggingEnabled {
		m.LoggingTargetBucket, m.LoggingTargetPrefix = types.StringValue(o.LoggingBucket), types.StringValue(o.LoggingPrefix)
	} else {
		m.LoggingTargetBucket, m.LoggingTargetPrefix = types.StringNull(), types.StringNull()
	}

	m.ObjectLockEnabled = types.BoolValue(o.LockEnabled)
	m.ObjectLockMode = optionalString(o.LockMode)
	m.ObjectLockDays = optionalInt(o.LockDays)

	tags, d := types.MapValueFrom(context.Background(), types.StringType, o.Tags)
	diags.Append(d...)
	m.TagsAll = tags
	return diags
}

// setImportedArguments recovers the arguments of an imported bucket from its configuration, so
// that an import followed by a plan of the matching configuration is empty.
func setImportedArguments(ctx context.Context, client *conns.AWSClient, m *model, o *observed) diag.Diagnostics {
	var diags diag.Diagnostics
	m.RetentionDays = types.Int64Value(defaultRetentionDays)
	m.GlacierDays = types.Int64Null()
	for _, r := range o.Lifecycle {
		if r.ID == retentionRuleID {
			m.RetentionDays = types.Int64Value(r.Expiration)
			m.GlacierDays = optionalInt(r.Transition)
		}
	}
	m.KMSKeyARN = types.StringNull()
	if o.SSEAlgorithm == algorithmKMS {
		m.KMSKeyARN = optionalString(o.SSEKMSKeyID)
	}

	parsed := parsePolicy(o.Policy)
	caller := map[string]bool{}
	for _, p := range exemptPrincipals(client.CallerARN) {
		caller[p] = true
	}
	var admins []string
	for _, p := range parsed.Exempt {
		if !caller[p] {
			admins = append(admins, p)
		}
	}
	var d diag.Diagnostics
	m.ReaderARNs, d = optionalSet(ctx, parsed.Readers)
	diags.Append(d...)
	m.Writers, d = optionalSet(ctx, parsed.Writers)
	diags.Append(d...)
	m.AdminPrincipalARNs, d = optionalSet(ctx, admins)
	diags.Append(d...)

	m.ObjectLock = types.ObjectNull(objectLockAttrTypes)
	if o.LockEnabled && o.LockMode != "" {
		m.ObjectLock, d = types.ObjectValue(objectLockAttrTypes, map[string]attr.Value{
			"mode": types.StringValue(o.LockMode), "days": types.Int64Value(o.LockDays),
		})
		diags.Append(d...)
	}

	m.AccessLogBucket, m.AccessLogPrefix = types.StringNull(), types.StringValue("")
	if o.LoggingEnabled {
		m.AccessLogBucket, m.AccessLogPrefix = types.StringValue(o.LoggingBucket), types.StringValue(o.LoggingPrefix)
	}
	// With the arguments recovered, the policy they generate replaces the live text when the two
	// are equivalent, so the imported state matches the state an apply would write.
	if generated, ok := bucketPolicy(ctx, client, *m); ok && o.Policy != "" && policydoc.Equivalent(generated, o.Policy) {
		m.Policy = types.StringValue(generated)
	}
	m.BucketPrefix = types.StringNull()
	m.RequireMFADelete = types.BoolValue(false)
	m.ForceDestroy = types.BoolValue(false)

	// Tags equal to a default tag are taken to come from default_tags.
	own := client.OwnTags(o.Tags, nil)
	m.Tags = types.MapNull(types.StringType)
	if len(own) > 0 {
		m.Tags, d = types.MapValueFrom(ctx, types.StringType, own)
		diags.Append(d...)
	}
	return diags
}

func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func optionalSet(ctx context.Context, values []string) (types.Set, diag.Diagnostics) {
	if len(values) == 0 {
		return types.SetNull(types.StringType), nil
	}
	sort.Strings(values)
	return types.SetValueFrom(ctx, types.StringType, values)
}
