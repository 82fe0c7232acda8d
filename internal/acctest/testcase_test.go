package acctest

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestCaseAndImportStep(t *testing.T) {
	steps := []resource.TestStep{{Config: "x"}}
	c := Case(t, nil, steps)
	if c.PreCheck == nil || c.ProtoV6ProviderFactories == nil || c.CheckDestroy != nil || len(c.Steps) != 1 {
		t.Errorf("Case = %#v", c)
	}
	s := ImportStep("soc2_x.this", "id", "force_destroy")
	if s.ResourceName != "soc2_x.this" || !s.ImportState || !s.ImportStateVerify || s.ImportStateId != "id" ||
		!slices.Equal(s.ImportStateVerifyIgnore, []string{"force_destroy"}) {
		t.Errorf("ImportStep = %#v", s)
	}
}

func TestEmptyPlanChecks(t *testing.T) {
	if c := EmptyPlanAfterApply(); len(c.PostApplyPostRefresh) != 1 || len(c.PreApply) != 0 {
		t.Errorf("EmptyPlanAfterApply = %#v", c)
	}
	if c := EmptyPlanBeforeApply(); len(c.PreApply) != 1 || len(c.PostApplyPostRefresh) != 0 {
		t.Errorf("EmptyPlanBeforeApply = %#v", c)
	}
}

func TestExpectUpdate(t *testing.T) {
	if c := ExpectUpdate("soc2_x.this", "a", "b"); len(c.PreApply) != 3 || len(c.PostApplyPostRefresh) != 0 {
		t.Errorf("ExpectUpdate = %#v", c)
	}
	if c := ExpectUpdateThenEmptyPlan("soc2_x.this", "a"); len(c.PreApply) != 2 || len(c.PostApplyPostRefresh) != 1 {
		t.Errorf("ExpectUpdateThenEmptyPlan = %#v", c)
	}
}
