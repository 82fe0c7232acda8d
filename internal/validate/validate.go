// Package validate holds the plan-time checks shared by the provider and its resources. Every
// diagnostic names the attribute (the framework attaches its path), quotes the bad value and says
// how to fix it, so a user never has to read AWS error codes after a failed apply.
package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringCheck adapts a plain function to validator.String. check returns "" for a good value,
// else the problem and its fix in one sentence.
type stringCheck struct {
	description string
	check       func(value string) string
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if problem := v.check(value); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s = %q: %s", req.Path.String(), value, problem))
	}
}

// StringFunc wraps a check so packages can add their own rules with the same message shape.
func StringFunc(description string, check func(string) string) validator.String {
	return stringCheck{description: description, check: check}
}
