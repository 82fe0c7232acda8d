package logbucket

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func configModel(mutate func(*model)) model {
	m := model{
		Bucket:        types.StringValue("acme-soc2-logs"),
		BucketPrefix:  types.StringNull(),
		RetentionDays: types.Int64Null(),
		GlacierDays:   types.Int64Null(),
		ObjectLock:    types.ObjectNull(objectLockAttrTypes),
	}
	mutate(&m)
	return m
}

func lockValue(days int64) types.Object {
	return types.ObjectValueMust(objectLockAttrTypes, map[string]attr.Value{"mode": types.StringValue("GOVERNANCE"), "days": types.Int64Value(days)})
}

func TestCrossFieldRules(t *testing.T) {
	for _, tc := range []struct {
		name       string
		mutate     func(*model)
		attr, want []string
	}{
		{"both names", func(m *model) { m.BucketPrefix = types.StringValue("acme-") },
			[]string{"bucket_prefix"}, []string{`bucket = "acme-soc2-logs"`, `bucket_prefix = "acme-"`, "keep bucket for a fixed name or bucket_prefix"}},
		{"no name", func(m *model) { m.Bucket = types.StringNull() },
			[]string{"bucket"}, []string{"bucket = null and bucket_prefix = null", "set bucket"}},
		{"transition at default retention", func(m *model) { m.GlacierDays = types.Int64Value(365) },
			[]string{"glacier_transition_days"}, []string{"glacier_transition_days = 365", "retention_days = 365", "below 365"}},
		{"transition above retention", func(m *model) { m.RetentionDays = types.Int64Value(120); m.GlacierDays = types.Int64Value(200) },
			[]string{"glacier_transition_days"}, []string{"glacier_transition_days = 200", "retention_days = 120", "below 120"}},
		{"lock longer than retention", func(m *model) { m.RetentionDays = types.Int64Value(100); m.ObjectLock = lockValue(101) },
			[]string{"object_lock.days"}, []string{"object_lock.days = 101", "retention_days = 100", "set object_lock.days to 100 or less"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := crossFieldProblems(context.Background(), configModel(tc.mutate))
			if diags.ErrorsCount() != 1 {
				t.Fatalf("expected one error, got %v", diags)
			}
			d := diags.Errors()[0]
			for _, w := range tc.want {
				if !strings.Contains(d.Detail(), w) {
					t.Errorf("%q does not contain %q", d.Detail(), w)
				}
			}
			if !strings.Contains(d.Summary(), tc.attr[0]) && !strings.Contains(d.Detail(), tc.attr[0]) {
				t.Errorf("diagnostic does not name %s", tc.attr[0])
			}
		})
	}
	for _, ok := range []func(*model){
		func(*model) {},
		func(m *model) { m.GlacierDays = types.Int64Value(364) },
		func(m *model) { m.RetentionDays = types.Int64Value(90); m.ObjectLock = lockValue(90) },
		func(m *model) { m.Bucket = types.StringNull(); m.BucketPrefix = types.StringValue("acme-") },
		func(m *model) { m.RetentionDays = types.Int64Unknown(); m.GlacierDays = types.Int64Value(1000) },
	} {
		if diags := crossFieldProblems(context.Background(), configModel(ok)); diags.HasError() {
			t.Errorf("unexpected error: %v", diags)
		}
	}
}
