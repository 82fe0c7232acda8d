package accountpublicaccessblock_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// otherAccount is an account id that is not the emulator's caller.
const otherAccount = "111111111111"

// TestAccAccountPublicAccessBlock_badInput: an account id that is not 12 digits or not the
// caller's is refused at plan time, before any AWS call, naming the attribute, value and fix.
func TestAccAccountPublicAccessBlock_badInput(t *testing.T) {
	acctest.PreCheck(t)
	caller := acctest.Client(t).AccountID
	cases := []struct{ name, lines, want string }{
		{"not digits", `  account_id = "my-account"` + "\n",
			`account_id = "my-account": an AWS account id is exactly 12 digits`},
		{"short", `  account_id = "12345"` + "\n", `account_id = "12345": an AWS account id is exactly 12 digits`},
		{"another account", `  account_id = "` + otherAccount + `"` + "\n",
			`account_id = "` + otherAccount + `": the provider's credentials belong to account ` + caller +
				`, and an account can only set its own public access block; use "` + caller + `"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{
				Config: testAccAccountPublicAccessBlockConfig_basic(c.lines), PlanOnly: true, ExpectError: acctest.ErrorRegexp(c.want),
			}}))
		})
	}
}

// TestAccAccountPublicAccessBlock_badImportID: import refuses an id that is not the caller's
// account before reading anything.
func TestAccAccountPublicAccessBlock_badImportID(t *testing.T) {
	caller := resetAccountBlock(t)
	cfg := testAccAccountPublicAccessBlockConfig_basic("  delete_on_destroy = true\n")
	resource.Test(t, acctest.Case(t, checkBlockInAWS(t, false), []resource.TestStep{
		{Config: cfg},
		{ResourceName: address, ImportState: true, ImportStateId: otherAccount,
			ExpectError: acctest.ErrorRegexp(`import id = "` + otherAccount + `": the provider's credentials belong to account ` + caller)},
		{ResourceName: address, ImportState: true, ImportStateId: "arn:aws:s3:::bucket",
			ExpectError: acctest.ErrorRegexp(`import id = "arn:aws:s3:::bucket": an AWS account id is exactly 12 digits`)},
	}))
}
