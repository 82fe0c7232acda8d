package acctest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// Case is the TestCase every acceptance test shares: the emulator precheck, the provider under
// test served in-process, the check that destroy removed what the test made (nil when there is
// nothing to check, e.g. plan-only cases) and the steps.
func Case(t *testing.T, checkDestroy resource.TestCheckFunc, steps []resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { PreCheck(t) },
		ProtoV6ProviderFactories: ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroy,
		Steps:                    steps,
	}
}

// ImportStep imports address by the id importID (empty: the resource's id) and requires the
// imported state to equal the applied one, but for the attributes import cannot recover.
func ImportStep(address, importID string, ignore ...string) resource.TestStep {
	return resource.TestStep{
		ResourceName:            address,
		ImportState:             true,
		ImportStateId:           importID,
		ImportStateVerify:       true,
		ImportStateVerifyIgnore: ignore,
	}
}

// EmptyPlanAfterApply requires the plan after apply and refresh to be empty: what was applied
// is what AWS reports, so the next plan finds no drift.
func EmptyPlanAfterApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// EmptyPlanBeforeApply requires the step's plan to be empty: nothing to change.
func EmptyPlanBeforeApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// ExpectUpdate requires the step's plan to update the resource at address in place and to change
// each attribute in attrs.
func ExpectUpdate(address string, attrs ...string) resource.ConfigPlanChecks {
	checks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)}
	for _, a := range attrs {
		checks = append(checks, ExpectAttributeChange(address, a))
	}
	return resource.ConfigPlanChecks{PreApply: checks}
}

// ExpectUpdateThenEmptyPlan is ExpectUpdate, and after the apply an empty plan: the update
// converged.
func ExpectUpdateThenEmptyPlan(address string, attrs ...string) resource.ConfigPlanChecks {
	c := ExpectUpdate(address, attrs...)
	c.PostApplyPostRefresh = EmptyPlanAfterApply().PostApplyPostRefresh
	return c
}
