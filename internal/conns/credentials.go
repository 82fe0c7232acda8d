package conns

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"
)

// CredentialsError is a failure to get credentials, before any call to AWS was made with them.
type CredentialsError struct{ msg string }

func (e *CredentialsError) Error() string { return e.msg }

// IsCredentialsError reports whether err is a CredentialsError.
func IsCredentialsError(err error) bool {
	var ce *CredentialsError
	return errors.As(err, &ce)
}

// credentialsError turns the SDK's failure to find credentials (which ends with whatever the last
// provider in its chain said, usually an EC2 instance metadata timeout) into a list of the ways to
// provide them. An error AWS itself returned (an AssumeRole refusal, an expired SSO token's
// rejection) is a different problem and says so.
func credentialsError(c Config, err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		if c.AssumeRole != nil && c.AssumeRole.RoleARN != "" {
			return &CredentialsError{fmt.Sprintf("getting AWS credentials by assuming %s failed: %v. Check that the role exists, that its trust policy "+
				"allows the base credentials (and external_id, if set), and that the base credentials are valid", c.AssumeRole.RoleARN, err)}
		}
		return &CredentialsError{fmt.Sprintf("getting AWS credentials failed: %v", err)}
	}
	var b strings.Builder
	b.WriteString("no AWS credentials found. Provide them in one of these ways:\n")
	if c.Profile != "" {
		fmt.Fprintf(&b, "  - fix the profile %q (profile in the provider block): it must exist in the shared config or credentials files and hold keys, SSO settings or a role\n", c.Profile)
	}
	b.WriteString("  - a named profile: profile = \"name\" in the provider block or AWS_PROFILE=name, from ~/.aws/config and ~/.aws/credentials " +
		"(or the files shared_config_files / shared_credentials_files name)\n")
	b.WriteString("  - environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for temporary credentials\n")
	b.WriteString("  - IAM Identity Center (SSO): a profile with sso_session / sso_start_url, after `aws sso login --profile name`\n")
	b.WriteString("  - a role: assume_role { role_arn = \"...\" } in the provider block on top of any of the above; web identity in CI " +
		"(AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE); or the instance, task or function role on EC2, ECS or Lambda\n")
	b.WriteString("For an emulator (moto, LocalStack), set endpoint_url or AWS_ENDPOINT_URL and any dummy keys, e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test.\n")
	fmt.Fprintf(&b, "The AWS SDK reported: %v", err)
	return &CredentialsError{b.String()}
}
