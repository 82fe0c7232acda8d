package accountpublicaccessblock

import (
	"strings"
	"testing"
)

func TestAccountProblem(t *testing.T) {
	const caller = "123456789012"
	cases := []struct{ value, want string }{
		{caller, ""},
		{"12345678901", `account_id = "12345678901": an AWS account id is exactly 12 digits`},
		{"abc", "exactly 12 digits; use the id of the account the provider's credentials belong to (123456789012)"},
		{"111111111111", `the provider's credentials belong to account 123456789012, and an account can only set its own public access block; use "123456789012"`},
	}
	for _, c := range cases {
		got := accountProblem("account_id", c.value, caller)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("accountProblem(%q) = %q, want %q", c.value, got, c.want)
		}
	}
}
