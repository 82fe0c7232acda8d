package logbucket

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A failed create records every argument as planned (none can be forgotten when one is added:
// the copy is of the whole arguments block) and nothing observed.
func TestFailedCreateState(t *testing.T) {
	plan := testModel("cloudtrail")
	plan.ID, plan.ARN = types.StringValue("acme-logs"), types.StringValue(testBucket)
	plan.KMSKeyARN = types.StringValue("arn:aws:kms:us-east-1:123456789012:key/k")
	plan.ForceDestroy = types.BoolValue(false)
	plan.VersioningStatus = types.StringValue(hardVersioning)
	plan.Policy = types.StringUnknown()

	s := failedCreateState(plan)
	if !s.ForceDestroy.ValueBool() {
		t.Error("force_destroy must be on so the replacement can delete whatever the bucket holds")
	}
	want := plan.arguments
	want.ForceDestroy = types.BoolValue(true)
	if !reflect.DeepEqual(s.arguments, want) {
		t.Errorf("arguments not carried over:\n got %+v\nwant %+v", s.arguments, want)
	}
	e := reflect.ValueOf(s.enforced)
	for i := range e.NumField() {
		v := e.Field(i).Interface().(interface{ IsNull() bool })
		if !v.IsNull() {
			t.Errorf("enforced %s = %v, want null (nothing was read)", e.Type().Field(i).Name, v)
		}
	}
}
