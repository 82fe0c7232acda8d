package alarmpack

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

func TestValidatorsNameValueAndFix(t *testing.T) {
	ctx := context.Background()
	int64Cases := []struct {
		v      validator.Int64
		value  int64
		detail []string
	}{
		{validate.AtLeast(1, "use 1 to alarm on every matching event"), 0, []string{"overrides[\"x\"].threshold = 0", "at least 1", "use 1"}},
		{periodValidator, 90, []string{"= 90", "multiple of 60", "use 60 or 120"}},
		{periodValidator, 30, []string{"= 30", "between 60 and 86400"}},
		{periodValidator, 90000, []string{"= 90000", "between 60 and 86400"}},
	}
	for _, tc := range int64Cases {
		p := path.Root("overrides").AtMapKey("x").AtName("threshold")
		resp := &validator.Int64Response{}
		tc.v.ValidateInt64(ctx, validator.Int64Request{Path: p, ConfigValue: types.Int64Value(tc.value)}, resp)
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Fatalf("%d: want one error, got %v", tc.value, resp.Diagnostics)
		}
		for _, want := range tc.detail {
			if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, want) {
				t.Errorf("detail %q lacks %q", d, want)
			}
		}
	}
	resp := &validator.Int64Response{}
	periodValidator.ValidateInt64(ctx, validator.Int64Request{ConfigValue: types.Int64Value(600)}, resp)
	if resp.Diagnostics.HasError() {
		t.Errorf("600 s is a valid period: %v", resp.Diagnostics)
	}

	for _, tc := range []struct {
		check      func(string) string
		bad, good  string
		fixExample string
	}{
		{namePrefixProblem, "soc2:", "soc2-", `"soc2-"`},
		{validate.LogGroupNameProblem, "/soc2/cloud trail", "/soc2/cloudtrail", `"/soc2/cloudtrail"`},
		{customIDProblem, "Public-Access", "public_access", `"public_access_block_changes"`},
		{namespaceProblem, "AWS/Logs", "SOC2/CloudTrail", `"SOC2/CloudTrail"`},
		{emailProblem, "secops", "secops@example.com", `"secops@example.com"`},
	} {
		if p := tc.check(tc.good); p != "" {
			t.Errorf("%q rejected: %s", tc.good, p)
		}
		if p := tc.check(tc.bad); !strings.Contains(p, tc.fixExample) {
			t.Errorf("%q: problem %q lacks the fix %s", tc.bad, p, tc.fixExample)
		}
	}
}
