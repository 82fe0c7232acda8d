package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

func TestAccProvider_callerIdentity(t *testing.T) {
	account := acctest.Client(t).AccountID
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fmt.Sprintf("allowed_account_ids = [%q]", account)) + `
data "soc2_caller_identity" "current" {}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.soc2_caller_identity.current", "account_id", account),
				resource.TestCheckResourceAttr("data.soc2_caller_identity.current", "home_region", acctest.Region),
				resource.TestCheckResourceAttr("data.soc2_caller_identity.current", "partition", "aws"),
				resource.TestCheckResourceAttrSet("data.soc2_caller_identity.current", "arn"),
			),
		}},
	})
}

// The guard must refuse the emulator's account with an error naming that account and the allowed
// list. Resource packages add their own guard tests that also prove nothing was created.
func TestAccProvider_accountGuardRefusesOtherAccount(t *testing.T) {
	account := acctest.Client(t).AccountID
	other := "111111111111"
	if account == other {
		other = "222222222222"
	}
	for _, tc := range []struct{ name, attr, want string }{
		{"allowed", fmt.Sprintf("allowed_account_ids = [%q]", other),
			fmt.Sprintf(`account %s .*not in allowed_account_ids \[%s\]`, account, other)},
		{"forbidden", fmt.Sprintf("forbidden_account_ids = [%q]", account),
			fmt.Sprintf(`account %s .*listed in forbidden_account_ids \[%s\]`, account, account)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(tc.attr) + "data \"soc2_caller_identity\" \"current\" {}\n",
					ExpectError: acctest.ErrorRegexp(tc.want),
				}},
			})
		})
	}
}
