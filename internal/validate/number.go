package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// int64Check is StringFunc's counterpart for numbers: check returns "" for a good value, else
// the problem and its fix in one sentence.
type int64Check struct {
	described
	check func(int64) string
}

func (v int64Check) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() {
		value := req.ConfigValue.ValueInt64()
		report(&resp.Diagnostics, req.Path, "%d", value, v.check(value))
	}
}

// Int64Func wraps a numeric check with the same message shape as StringFunc.
func Int64Func(description string, check func(int64) string) validator.Int64 {
	return int64Check{described: described{description}, check: check}
}

// AtLeast accepts min or more; fix says what to use instead.
func AtLeast(minimum int64, fix string) validator.Int64 {
	return Int64Func(fmt.Sprintf("at least %d", minimum), func(v int64) string {
		if v < minimum {
			return fmt.Sprintf("must be at least %d; %s", minimum, fix)
		}
		return ""
	})
}
