// Package validate holds the plan-time checks shared by the provider and its resources. Every
// diagnostic names the attribute (the framework attaches its path), quotes the bad value and says
// how to fix it, so a user never has to read AWS error codes after a failed apply.
package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringCheck adapts a plain function to validator.String. check returns "" for a good value,
// else the problem and its fix in one sentence.
type stringCheck struct {
	described
	check func(value string) string
}

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() {
		value := req.ConfigValue.ValueString()
		report(&resp.Diagnostics, req.Path, "%q", value, v.check(value))
	}
}

// described is the description every check of this package shows.
type described struct{ description string }

func (v described) Description(context.Context) string         { return v.description }
func (v described) MarkdownDescription(context.Context) string { return v.description }

// report adds a check's error, one shape for every check: the attribute, its value (formatted by
// verb) and the problem with its fix. An empty problem is a good value.
func report(diags *diag.Diagnostics, p path.Path, verb string, value any, problem string) {
	if problem != "" {
		diags.AddAttributeError(p, "Invalid "+p.String(), fmt.Sprintf("%s = "+verb+": %s", p.String(), value, problem))
	}
}

// StringFunc wraps a check so packages can add their own rules with the same message shape.
func StringFunc(description string, check func(string) string) validator.String {
	return stringCheck{described: described{description}, check: check}
}
