package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// DriftStep is the shape of every drift test: inject changes a setting out of band through the
// SDK; the refreshed plan must update the resource in place and name each attribute in attrs as
// changing; the step then applies, and the testing framework fails it unless the plan after the
// apply is empty.
func DriftStep(t *testing.T, config string, inject func(t *testing.T), address string, attrs ...string) resource.TestStep {
	t.Helper()
	return resource.TestStep{
		PreConfig:        func() { inject(t) },
		Config:           config,
		ConfigPlanChecks: ExpectUpdateThenEmptyPlan(address, attrs...),
	}
}

// ExpectAttributeChange asserts that the plan changes the attribute at path (dotted, with list
// indexes and map keys as segments, e.g. "public_access_block.block_public_acls" or
// "alarms.root_account_usage.threshold") of the resource at address.
func ExpectAttributeChange(address, attrPath string) plancheck.PlanCheck {
	return attributeChange{address: address, path: attrPath}
}

type attributeChange struct {
	address string
	path    string
}

func (c attributeChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.address {
			continue
		}
		before, _ := lookup(rc.Change.Before, c.path)
		after, afterKnown := lookup(rc.Change.After, c.path)
		unknown, _ := lookup(rc.Change.AfterUnknown, c.path)
		if unknown == true {
			return
		}
		if afterKnown && !reflect.DeepEqual(before, after) {
			return
		}
		resp.Error = fmt.Errorf("%s: expected the plan to change %s, but it stays %s (actions %v)",
			c.address, c.path, render(before), rc.Change.Actions)
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan; expected a change of %s", c.address, c.path)
}

func lookup(v any, dotted string) (any, bool) {
	cur := v
	for _, seg := range strings.Split(dotted, ".") {
		switch node := cur.(type) {
		case map[string]any:
			next, ok := node[seg]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			cur = node[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

func render(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
