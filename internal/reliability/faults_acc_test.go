package reliability

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
)

// The complete baseline must apply while a fifth of all calls are throttled and one in twenty
// fails with a 500, and the plan right after must be empty.
func TestAccReliability_completeBaselineUnderFaults(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 20261125,
		faultproxy.Rule{Fault: faultproxy.InternalError, Probability: 0.05},
		faultproxy.Rule{Fault: faultproxy.Throttle, Probability: 0.20},
	)
	name := acctest.RandomName("faults")
	step := e.completeStep(name)
	step.Check = func(*terraform.State) error {
		s := e.proxy.Stats()
		t.Logf("apply under faults: %d calls (%d mutating, %d read-only), %d faults injected", s.Calls, s.Mutating, s.ReadOnly, s.Faults)
		if s.Faults == 0 {
			t.Errorf("no fault was injected: the test proves nothing")
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		CheckDestroy: e.checkNothingLeft,
		Steps:        []resource.TestStep{step},
	})
	s := e.proxy.Stats()
	t.Logf("whole test (apply, plans, destroy) under faults: %d calls (%d mutating, %d read-only), %d faults injected", s.Calls, s.Mutating, s.ReadOnly, s.Faults)
}

// For every mutating step of the complete create, a permanent failure at that step: the apply
// fails naming the operation, and a destroy without faults then leaves nothing in the account,
// which proves every object that existed was in state.
func TestAccReliability_permanentFailureAtEveryStep(t *testing.T) {
	steps := mutatingCreateSteps(t)
	t.Logf("%d mutating steps in a complete create: %s", len(steps), strings.Join(stepNames(steps), ", "))
	for _, st := range steps {
		t.Run(st.service+"_"+st.operation+"_call"+strconv.Itoa(st.nth), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, 1, faultproxy.Rule{Service: st.service, Operation: st.operation, Fault: faultproxy.FailFromNth, Nth: st.nth})
			name := acctest.RandomName("fail")
			failing := e.completeStep(name)
			failing.ExpectError = acctest.ErrorRegexp(st.operation + `.*injected permanent failure of ` + st.operation)
			destroy := e.completeStep(name)
			destroy.PreConfig = func() {
				t.Logf("objects existing after the failed apply: %d", e.inventoryCount(t))
				e.proxy.SetRules()
			}
			destroy.Destroy = true
			resource.Test(t, resource.TestCase{
				CheckDestroy: e.checkNothingLeft,
				Steps:        []resource.TestStep{failing, destroy},
			})
		})
	}
}

type createStep struct {
	service, operation string
	nth                int
}

// mutatingCreateSteps applies the complete example once without faults and returns each mutating
// operation the create made: its first call, and its last call too where it was made more than
// once (the third region's recorder, the seventeenth alarm).
func mutatingCreateSteps(t *testing.T) []createStep {
	t.Helper()
	e := newEnv(t, 1)
	name := acctest.RandomName("steps")
	var steps []createStep
	apply := e.completeStep(name)
	apply.Check = func(*terraform.State) error {
		for key, n := range e.proxy.Stats().ByOp {
			service, op, _ := strings.Cut(key, ":")
			if !(faultproxy.Call{Service: service, Operation: op}).Mutating() {
				continue
			}
			steps = append(steps, createStep{service, op, 1})
			if n > 1 {
				steps = append(steps, createStep{service, op, n})
			}
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		CheckDestroy: e.checkNothingLeft,
		Steps:        []resource.TestStep{apply},
	})
	sort.Slice(steps, func(i, j int) bool {
		if steps[i].service+steps[i].operation != steps[j].service+steps[j].operation {
			return steps[i].service+steps[i].operation < steps[j].service+steps[j].operation
		}
		return steps[i].nth < steps[j].nth
	})
	if len(steps) < 10 {
		t.Fatalf("only %d mutating steps seen in a complete create; the proxy is not seeing the provider's calls", len(steps))
	}
	return steps
}

func stepNames(steps []createStep) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.service + ":" + s.operation + "#" + strconv.Itoa(s.nth)
	}
	return out
}

// A destroy interrupted partway (a delete call keeps failing) fails; run again, it completes.
func TestAccReliability_interruptedDestroyCompletes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 3)
	name := acctest.RandomName("destroy")
	interrupted := e.completeStep(name)
	interrupted.PreConfig = func() {
		e.proxy.SetRules(faultproxy.Rule{Service: "cloudtrail", Operation: "DeleteTrail", Fault: faultproxy.FailFromNth, Nth: 1})
	}
	interrupted.Destroy = true
	interrupted.ExpectError = acctest.ErrorRegexp(`DeleteTrail.*injected permanent failure of DeleteTrail`)
	again := e.completeStep(name)
	again.PreConfig = func() {
		if n := e.inventoryCount(t); n == 0 {
			t.Errorf("the interrupted destroy removed everything: it was not interrupted")
		}
		e.proxy.SetRules()
	}
	again.Destroy = true
	resource.Test(t, resource.TestCase{
		CheckDestroy: e.checkNothingLeft,
		Steps:        []resource.TestStep{e.completeStep(name), interrupted, again},
	})
}
