package reliability

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// With allowed_account_ids naming another account, plan and apply of the complete baseline are
// refused and make zero mutating calls; nothing exists in the account afterwards.
func TestAccReliability_accountGuardMakesNoMutatingCalls(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1)
	name := acctest.RandomName("guard")
	want := acctest.ErrorRegexp(`account ` + e.account + ` .*not in allowed_account_ids \[111111111111\]`)
	vars := e.completeVariables(name)
	vars["allowed_account_ids"] = config.ListVariable(config.StringVariable("111111111111"))

	plan := e.completeStep(name)
	plan.ConfigVariables = vars
	plan.PlanOnly = true
	plan.ExpectError = want
	apply := e.completeStep(name)
	apply.ConfigVariables = vars
	apply.ExpectError = want

	resource.Test(t, resource.TestCase{
		CheckDestroy: e.checkNothingLeft,
		Steps:        []resource.TestStep{plan, apply},
	})
	s := e.proxy.Stats()
	t.Logf("refused plan and apply: %d AWS calls, %d mutating %v", s.Calls, s.Mutating, s.MutatingOps())
	if s.Mutating != 0 {
		t.Errorf("the guard let %d mutating calls through: %v", s.Mutating, s.MutatingOps())
	}
	if s.Calls == 0 {
		t.Errorf("no call reached the proxy: the provider did not even check the account")
	}
}
