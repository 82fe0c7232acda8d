package accountpublicaccessblock

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestStateFrom(t *testing.T) {
	// Imported (delete_on_destroy unknown to AWS): false, so destroy leaves the block.
	got := stateFrom("123456789012", blockSettings{BlockPublicACLs: true}, resourceModel{})
	if got.DeleteOnDestroy != types.BoolValue(false) || got.ID.ValueString() != "123456789012" || got.AccountID != got.ID {
		t.Errorf("imported state = %+v", got)
	}
	if !got.BlockPublicACLs.ValueBool() || got.IgnorePublicACLs.ValueBool() || got.BlockPublicPolicy.ValueBool() || got.RestrictPublicBuckets.ValueBool() {
		t.Errorf("each flag must read as AWS reports it: %+v", got)
	}
	kept := stateFrom("123456789012", desiredSettings(), resourceModel{DeleteOnDestroy: types.BoolValue(true)})
	if !kept.DeleteOnDestroy.ValueBool() {
		t.Error("delete_on_destroy keeps its prior value")
	}
}
