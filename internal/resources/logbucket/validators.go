package logbucket

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

const minRetentionDays = 90

func retentionValidator() validator.Int64 {
	return validate.Int64Func(fmt.Sprintf("at least %d days", minRetentionDays), func(v int64) string {
		if v < minRetentionDays {
			return fmt.Sprintf("SOC 2 evidence must be kept at least %d days (auditors sample a 90-day window at minimum); set retention_days to %d or more, e.g. 365",
				minRetentionDays, minRetentionDays)
		}
		return ""
	})
}

func positiveDaysValidator() validator.Int64 {
	return validate.Int64Func("a positive number of days", func(v int64) string {
		if v < 1 {
			return "a number of days must be 1 or more"
		}
		return ""
	})
}

func bucketNameValidator() validator.String {
	return validate.S3BucketName()
}

func bucketPrefixValidator() validator.String {
	return validate.StringFunc(fmt.Sprintf("a bucket name prefix of at most %d characters", maxPrefixLength), func(v string) string { return validate.S3BucketPrefixProblem(v, maxPrefixLength, generatedSuffix) })
}

func writerValidator() validator.String {
	return validate.StringFunc("one of "+strings.Join(policies.WriterNames(), ", "), func(v string) string {
		if _, ok := policies.Writers[v]; ok {
			return ""
		}
		return fmt.Sprintf("unknown writer; use one of %s", quoted(policies.WriterNames()))
	})
}

// principalARNProblem accepts the IAM identities a bucket policy can name: roles, users and the
// account root.
func principalARNProblem(v string) string {
	if p := validate.ARNProblem(v, "iam"); p != "" {
		return p
	}
	resource := strings.SplitN(v, ":", 6)[5]
	if resource == "root" || (len(resource) > 5 && (strings.HasPrefix(resource, "role/") || strings.HasPrefix(resource, "user/"))) {
		return ""
	}
	return "not an IAM role, user or account root ARN; expected e.g. arn:aws:iam::123456789012:role/security-audit"
}

func principalARNValidator() validator.String {
	return validate.StringFunc("an IAM role, user or root ARN", principalARNProblem)
}

// kmsKeyValidator accepts key ARNs only; kmsAliasProblem says why an alias is refused.
func kmsKeyValidator() validator.String {
	return validate.StringFunc("the ARN of a KMS key (not an alias)", func(v string) string {
		if p := kmsAliasProblem(v); p != "" {
			return p
		}
		return validate.ARNProblem(v, "kms", "key/", "alias/")
	})
}

// kmsAliasProblem refuses an alias ARN or alias name. AWS: "If you are using encryption with
// cross-account or AWS service operations, you must use a fully qualified KMS key ARN"; an alias
// is resolved in the requester's account, and CloudTrail and Config deliveries are such service
// operations (S3 API reference, ServerSideEncryptionByDefault).
func kmsAliasProblem(v string) string {
	resource := v
	if a, err := arn.Parse(v); err == nil {
		if a.Service != "kms" {
			return ""
		}
		resource = a.Resource
	}
	if !strings.HasPrefix(resource, "alias/") {
		return ""
	}
	return "an alias, but S3 default encryption of a bucket that AWS services deliver to (CloudTrail, Config) must " +
		"name the key by its full key ARN: KMS resolves an alias in the requester's account, so service deliveries would " +
		"not find the key (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html). Set kms_key_arn to the " +
		"key ARN, e.g. the output of aws kms describe-key --key-id " + resource + " --query KeyMetadata.Arn " +
		"(arn:aws:kms:<region>:<account>:key/<key-id>)"
}

func quoted(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(out, ", ")
}

// crossFieldProblems holds the rules that relate two arguments; unknown values are left to the
// next plan, when they are known.
func crossFieldProblems(ctx context.Context, m model) diag.Diagnostics {
	var diags diag.Diagnostics
	bucketSet := !m.Bucket.IsNull()
	prefixSet := !m.BucketPrefix.IsNull()
	switch {
	case bucketSet && prefixSet:
		diags.AddAttributeError(path.Root("bucket_prefix"), "Conflicting bucket and bucket_prefix",
			fmt.Sprintf("bucket = %s and bucket_prefix = %s are both set: they are alternatives; keep bucket for a fixed name or bucket_prefix for a generated one",
				m.Bucket.String(), m.BucketPrefix.String()))
	case !bucketSet && !prefixSet:
		diags.AddAttributeError(path.Root("bucket"), "Missing bucket name",
			"bucket = null and bucket_prefix = null: set bucket to the name of the bucket, e.g. bucket = \"acme-soc2-logs\", or bucket_prefix to generate one")
	}

	retention := int64(defaultRetentionDays)
	if !m.RetentionDays.IsNull() {
		if m.RetentionDays.IsUnknown() {
			return diags
		}
		retention = m.RetentionDays.ValueInt64()
	}
	if !m.GlacierDays.IsNull() && !m.GlacierDays.IsUnknown() && m.GlacierDays.ValueInt64() >= retention {
		diags.AddAttributeError(path.Root("glacier_transition_days"), "Invalid glacier_transition_days",
			fmt.Sprintf("glacier_transition_days = %d: objects must move to Glacier before they expire at retention_days = %d; set glacier_transition_days below %d or remove it",
				m.GlacierDays.ValueInt64(), retention, retention))
	}
	if !m.ObjectLock.IsNull() && !m.ObjectLock.IsUnknown() {
		var lock objectLockModel
		diags.Append(m.ObjectLock.As(ctx, &lock, objectAsOptions)...)
		if !lock.Days.IsNull() && !lock.Days.IsUnknown() && lock.Days.ValueInt64() > retention {
			diags.AddAttributeError(path.Root("object_lock").AtName("days"), "Invalid object_lock.days",
				fmt.Sprintf("object_lock.days = %d: versions locked longer than retention_days = %d could not expire on time; set object_lock.days to %d or less, or raise retention_days",
					lock.Days.ValueInt64(), retention, retention))
		}
	}
	diags.Append(accessLogTargetProblems(m)...)
	return diags
}

// accessLogTargetProblems refuses Object Lock default retention on a bucket that receives server
// access logs: S3 requires the target bucket to have none, and logging to such a bucket silently
// delivers nothing.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
func accessLogTargetProblems(m model) diag.Diagnostics {
	var diags diag.Diagnostics
	if m.ObjectLock.IsNull() || m.ObjectLock.IsUnknown() || m.Writers.IsUnknown() {
		return nil
	}
	if !slices.Contains(framework.KnownStrings(m.Writers), policies.WriterS3AccessLogs) {
		return nil
	}
	diags.AddAttributeError(path.Root("object_lock"), "Object Lock on a server access log target",
		fmt.Sprintf("object_lock = %s with writers containing %q: S3 requires the target bucket of server access logs to have "+
			"no Object Lock default retention (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html), "+
			"so access logs would never arrive. Remove object_lock, or remove %q from writers and send the access logs to a "+
			"separate soc2_log_bucket without object_lock",
			m.ObjectLock.String(), policies.WriterS3AccessLogs, policies.WriterS3AccessLogs))
	return diags
}

// organizationIDProblem checks the AWS Organizations id format, o- and 10 to 32 lowercase
// letters or digits.
func organizationIDProblem(v string) string {
	rest, ok := strings.CutPrefix(v, "o-")
	if ok && len(rest) >= 10 && len(rest) <= 32 && strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz0123456789") == "" {
		return ""
	}
	return "not an AWS Organizations id; expected o- followed by 10 to 32 lowercase letters or digits, e.g. o-a1b2c3d4e5 (aws organizations describe-organization --query Organization.Id)"
}

func organizationIDValidator() validator.String {
	return validate.StringFunc("an AWS Organizations id", organizationIDProblem)
}
