package accountpublicaccessblock_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccAccountPublicAccessBlock_basic creates the block on an account without one, imports it
// by account id, and checks that destroy (delete_on_destroy defaults to false) leaves it on.
func TestAccAccountPublicAccessBlock_basic(t *testing.T) {
	account := resetAccountBlock(t)
	cfg := testAccAccountPublicAccessBlockConfig_basic("")
	resource.Test(t, acctest.Case(t, checkBlockInAWS(t, true), []resource.TestStep{
		{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckAttrsEqual(address, account, "id", "account_id"),
				acctest.CheckAttrsEqual(address, "true", flags...),
				resource.TestCheckResourceAttr(address, "delete_on_destroy", "false"),
				checkBlockInAWS(t, true),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, account),
	}))
}

// TestAccAccountPublicAccessBlock_deleteOnDestroy: with delete_on_destroy = true, destroy deletes
// the block; the explicit account_id (the caller's) is accepted.
func TestAccAccountPublicAccessBlock_deleteOnDestroy(t *testing.T) {
	account := resetAccountBlock(t)
	resource.Test(t, acctest.Case(t, checkBlockInAWS(t, false), []resource.TestStep{{
		Config: testAccAccountPublicAccessBlockConfig_basic("  account_id        = \"" + account + "\"\n  delete_on_destroy = true\n"),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, "delete_on_destroy", "true"),
			checkBlockInAWS(t, true),
		),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}}))
}

// TestAccAccountPublicAccessBlock_update: an account whose block is partly on is turned fully
// on at create; delete_on_destroy changes in place.
func TestAccAccountPublicAccessBlock_update(t *testing.T) {
	resetAccountBlock(t)
	putBlock(t, [4]bool{true, false, false, false})
	resource.Test(t, acctest.Case(t, checkBlockInAWS(t, false), []resource.TestStep{
		{Config: testAccAccountPublicAccessBlockConfig_basic(""), Check: checkBlockInAWS(t, true)},
		{
			Config:           testAccAccountPublicAccessBlockConfig_basic("  delete_on_destroy = true\n"),
			ConfigPlanChecks: acctest.ExpectUpdate(address, "delete_on_destroy"),
			Check:            resource.TestCheckResourceAttr(address, "delete_on_destroy", "true"),
		},
	}))
}
