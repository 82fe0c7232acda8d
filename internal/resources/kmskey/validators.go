package kmskey

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// KMS limits of the attributes this resource validates.
// https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
const (
	minRotationDays       = 90
	maxRotationDays       = 2560
	defaultRotationDays   = 365
	minDeletionWindowDays = 7
	maxDeletionWindowDays = 30
	defaultDeletionWindow = 30
	maxAliasLength        = 256
)

var (
	aliasChars       = regexp.MustCompile(`^alias/[A-Za-z0-9/_-]+$`)
	accountIDPattern = regexp.MustCompile(`^\d{12}$`)
)

// aliasProblem applies KMS's alias rules: alias/ then letters, digits, '/', '_' and '-';
// alias/aws/ is reserved for AWS managed keys.
func aliasProblem(v string) string {
	const fix = `use "alias/" followed by letters, digits, slashes, underscores or dashes, e.g. "alias/soc2-baseline"`
	switch {
	case !strings.HasPrefix(v, "alias/"):
		return "an alias name must start with \"alias/\"; " + fix
	case strings.HasPrefix(strings.ToLower(v), "alias/aws/"):
		return "the prefix \"alias/aws/\" is reserved for AWS managed keys; " + fix
	case len(v) > maxAliasLength:
		return fmt.Sprintf("an alias name has at most %d characters, this one %d; %s", maxAliasLength, len(v), fix)
	case !aliasChars.MatchString(v):
		return "an alias name may hold only letters, digits, slashes, underscores and dashes after \"alias/\"; " + fix
	}
	return ""
}

func serviceProblem(v string) string {
	if slices.Contains(policies.KeyServiceNames(), v) {
		return ""
	}
	return fmt.Sprintf("unknown service; use one of %s (each adds the key policy statements that service needs)",
		strings.Join(quoted(policies.KeyServiceNames()), ", "))
}

// adminProblem accepts the IAM principals a key policy can name: an account root, a role or a
// user. A role session (sts assumed-role) is not a principal a key policy can keep stable.
func adminProblem(v string) string {
	const fix = `use an IAM role, user or account root ARN, e.g. "arn:aws:iam::123456789012:role/security-admin"`
	p, err := arn.Parse(v)
	switch {
	case err != nil:
		return "not an ARN; " + fix
	case p.Service != "iam":
		return fmt.Sprintf("an ARN of service %q, not an IAM principal; %s", p.Service, fix)
	case !accountIDPattern.MatchString(p.AccountID):
		return fmt.Sprintf("account %q is not 12 digits; %s", p.AccountID, fix)
	case p.Resource == "root", strings.HasPrefix(p.Resource, "role/") && len(p.Resource) > 5,
		strings.HasPrefix(p.Resource, "user/") && len(p.Resource) > 5:
		return ""
	}
	return fmt.Sprintf("resource %q is not a role, user or root; %s", p.Resource, fix)
}

func logGroupProblem(v string) string {
	if strings.ContainsAny(v, "*?") {
		return "name one log group without wildcards, or leave log_group_names unset to cover every log group of the account in the key's region"
	}
	return ""
}

func rangeProblem(attr string, lo, hi int64, fix string) func(int64) string {
	return func(v int64) string {
		if v < lo || v > hi {
			return fmt.Sprintf("%s must be between %d and %d days; %s", attr, lo, hi, fix)
		}
		return ""
	}
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
