package policies

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// ExemptPrincipals turns a caller identity (sts:GetCallerIdentity's ARN) into the
// aws:PrincipalArn patterns that match it, for the warning that suggests what to add to the
// admins. Policies see an assumed-role session as its role, whose path the session ARN omits,
// so both the path-less and any-path forms are listed.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:PrincipalArn)
func ExemptPrincipals(callerARN string) []string {
	parsed, err := arn.Parse(callerARN)
	if err != nil {
		return nil
	}
	iamARN := func(resource string) string {
		return fmt.Sprintf("arn:%s:iam::%s:%s", parsed.Partition, parsed.AccountID, resource)
	}
	switch {
	case parsed.Service == "sts" && strings.HasPrefix(parsed.Resource, "assumed-role/"):
		parts := strings.Split(parsed.Resource, "/")
		if len(parts) < 2 || parts[1] == "" {
			return nil
		}
		return []string{iamARN("role/" + parts[1]), iamARN("role/*/" + parts[1])}
	case parsed.Service == "sts" && strings.HasPrefix(parsed.Resource, "user/"):
		// moto reports its default identity this way; it stands for the IAM user of that name.
		return []string{iamARN(parsed.Resource)}
	default:
		return []string{callerARN}
	}
}

// CallerCovered reports whether the bucket policy leaves the caller able to change it: false
// when it explicitly denies s3:PutBucketPolicy on the bucket to the caller, the lock-out the
// plan warns about. callerARN may be a session ARN; its role is taken without a path (an
// IAM role ARN with its path gives the exact answer).
func CallerCovered(policy, bucketARN, callerARN string) bool {
	principal := principalARN(callerARN)
	if principal == "" {
		return false
	}
	return policydoc.Evaluate(policy, policydoc.Request{
		Principal: principal, Action: "s3:PutBucketPolicy", Resource: bucketARN,
	}) != policydoc.ExplicitDeny
}

// principalArn is the aws:PrincipalArn a caller presents: a session's role, else the ARN itself.
func principalARN(callerARN string) string {
	forms := ExemptPrincipals(callerARN)
	if len(forms) == 0 {
		return ""
	}
	return forms[0]
}
