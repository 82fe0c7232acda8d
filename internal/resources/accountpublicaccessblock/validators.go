package accountpublicaccessblock

import (
	"fmt"
	"regexp"
)

var accountIDPattern = regexp.MustCompile(`^\d{12}$`)

// accountProblem refuses an account other than the caller's: S3 Control only lets an account set
// its own block, and a block meant for another account would be applied to nobody.
func accountProblem(attr, value, caller string) string {
	switch {
	case !accountIDPattern.MatchString(value):
		return fmt.Sprintf("%s = %q: an AWS account id is exactly 12 digits; use the id of the account the provider's credentials belong to (%s)", attr, value, caller)
	case value != caller:
		return fmt.Sprintf("%s = %q: the provider's credentials belong to account %s, and an account can only set its own public access block; "+
			"use %q (or leave account_id unset), or configure a provider whose credentials or assume_role reach account %s", attr, value, caller, caller, value)
	}
	return ""
}
