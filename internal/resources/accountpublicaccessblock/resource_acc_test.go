package accountpublicaccessblock_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccAccountPublicAccessBlock_basic creates the block on an account without one, imports it
// by account id, and checks that destroy (delete_on_destroy defaults to false) leaves it on.
func TestAccAccountPublicAccessBlock_basic(t *testing.T) {
	acctest.PreCheck(t)
	resetAccountBlock(t)
	account := acctest.Client(t).AccountID
	cfg := testAccAccountPublicAccessBlockConfig_basic("")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkBlockInAWS(t, true),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "id", account),
					resource.TestCheckResourceAttr(address, "account_id", account),
					resource.TestCheckResourceAttr(address, "block_public_acls", "true"),
					resource.TestCheckResourceAttr(address, "ignore_public_acls", "true"),
					resource.TestCheckResourceAttr(address, "block_public_policy", "true"),
					resource.TestCheckResourceAttr(address, "restrict_public_buckets", "true"),
					resource.TestCheckResourceAttr(address, "delete_on_destroy", "false"),
					checkBlockInAWS(t, true),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateId: account},
		},
	})
}

// TestAccAccountPublicAccessBlock_deleteOnDestroy: with delete_on_destroy = true, destroy deletes
// the block; the explicit account_id (the caller's) is accepted.
func TestAccAccountPublicAccessBlock_deleteOnDestroy(t *testing.T) {
	acctest.PreCheck(t)
	resetAccountBlock(t)
	account := acctest.Client(t).AccountID
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkBlockInAWS(t, false),
		Steps: []resource.TestStep{{
			Config: testAccAccountPublicAccessBlockConfig_basic("  account_id        = \"" + account + "\"\n  delete_on_destroy = true\n"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "delete_on_destroy", "true"),
				checkBlockInAWS(t, true),
			),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccAccountPublicAccessBlock_update: an account whose block is partly on is turned fully
// on at create; delete_on_destroy changes in place.
func TestAccAccountPublicAccessBlock_update(t *testing.T) {
	acctest.PreCheck(t)
	resetAccountBlock(t)
	putBlock(t, [4]bool{true, false, false, false})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkBlockInAWS(t, false),
		Steps: []resource.TestStep{
			{Config: testAccAccountPublicAccessBlockConfig_basic(""), Check: checkBlockInAWS(t, true)},
			{
				Config: testAccAccountPublicAccessBlockConfig_basic("  delete_on_destroy = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					acctest.ExpectAttributeChange(address, "delete_on_destroy"),
				}},
				Check: resource.TestCheckResourceAttr(address, "delete_on_destroy", "true"),
			},
		},
	})
}
