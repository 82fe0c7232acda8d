package logbucket

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

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
	return validate.StringFunc("one of "+strings.Join(writerNames(), ", "), func(v string) string {
		if _, ok := writerServices[v]; ok {
			return ""
		}
		return fmt.Sprintf("unknown writer; use one of %s", quoted(writerNames()))
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

func kmsKeyValidator() validator.String {
	return validate.ARN("kms", "key/", "alias/")
}

func quoted(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(out, ", ")
}
