package accountpublicaccessblock_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccAccountPublicAccessBlock_drift turns each setting off out of band: the plan must name
// that attribute changing back, apply restores it, and the plan after is empty. A block deleted
// out of band shows as all four changing back.
func TestAccAccountPublicAccessBlock_drift(t *testing.T) {
	resetAccountBlock(t)
	cfg := testAccAccountPublicAccessBlockConfig_basic("  delete_on_destroy = true\n")
	steps := []resource.TestStep{{Config: cfg, Check: checkBlockInAWS(t, true)}}
	for i, flag := range flags {
		steps = append(steps, acctest.DriftStep(t, cfg, func(t *testing.T) { putBlock(t, allBut(i)) }, address, flag))
	}
	steps = append(steps, acctest.DriftStep(t, cfg, deleteBlock, address, flags...))
	steps[len(steps)-1].Check = checkBlockInAWS(t, true)
	resource.Test(t, acctest.Case(t, checkBlockInAWS(t, false), steps))
}
