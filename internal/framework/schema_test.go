package framework

import "testing"

func TestSchemaHelpers(t *testing.T) {
	id := IDAttribute("the id")
	if !id.Computed || id.Optional || id.MarkdownDescription != "the id" || len(id.PlanModifiers) != 1 {
		t.Errorf("IDAttribute = %#v", id)
	}
	if a := ComputedString("s"); !a.Computed || a.Optional || a.MarkdownDescription != "s" {
		t.Errorf("ComputedString = %#v", a)
	}
	if a := ComputedBool("b"); !a.Computed || a.Optional || a.MarkdownDescription != "b" {
		t.Errorf("ComputedBool = %#v", a)
	}
	if a := ComputedInt64("n"); !a.Computed || a.Optional || a.MarkdownDescription != "n" {
		t.Errorf("ComputedInt64 = %#v", a)
	}
}
