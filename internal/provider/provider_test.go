package provider

import (
	"context"
	"strings"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validateProviderConfig runs the provider's plan-time validation through the protocol server,
// exactly as Terraform does before Configure, so no AWS call is possible.
func validateProviderConfig(t *testing.T, attrs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	server, config := providerWithConfig(t, attrs)
	resp, err := server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{Config: config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// providerWithConfig is the provider behind its protocol server and a provider block setting
// attrs (every other attribute null), as Terraform sends them.
func providerWithConfig(t *testing.T, attrs map[string]tftypes.Value) (tfprotov6.ProviderServer, *tfprotov6.DynamicValue) {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	var schemaResp fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &schemaResp)
	objType := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	for name := range attrs {
		if _, ok := objType.AttributeTypes[name]; !ok {
			t.Fatalf("test sets unknown provider attribute %q", name)
		}
	}
	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
		if v, ok := attrs[name]; ok {
			vals[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(objType, tftypes.NewValue(objType, vals))
	if err != nil {
		t.Fatal(err)
	}
	return providerserver.NewProtocol6(p)(), &dv
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func strSet(ss ...string) tftypes.Value {
	vals := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		vals[i] = str(s)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
}

func assumeRole(roleARN string) tftypes.Value {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"role_arn": tftypes.String, "external_id": tftypes.String, "session_name": tftypes.String, "duration": tftypes.String,
	}}
	return tftypes.NewValue(typ, map[string]tftypes.Value{
		"role_arn": str(roleARN), "external_id": tftypes.NewValue(tftypes.String, nil),
		"session_name": tftypes.NewValue(tftypes.String, nil), "duration": tftypes.NewValue(tftypes.String, nil),
	})
}

func TestProviderConfigValidation(t *testing.T) {
	cases := []struct {
		name  string
		attrs map[string]tftypes.Value
		// every fragment must appear in one error diagnostic; attr is the attribute it must name
		attr      string
		fragments []string
	}{
		{
			name:      "bad region",
			attrs:     map[string]tftypes.Value{"region": str("us-east")},
			attr:      "region",
			fragments: []string{`region = "us-east"`, "us-east-1"},
		},
		{
			name:      "region with upper case",
			attrs:     map[string]tftypes.Value{"region": str("US-EAST-1")},
			attr:      "region",
			fragments: []string{`"US-EAST-1"`, "not an AWS region code"},
		},
		{
			name:      "malformed role ARN",
			attrs:     map[string]tftypes.Value{"assume_role": assumeRole("arn:aws:iam::12345:user/bob")},
			attr:      "assume_role.role_arn",
			fragments: []string{"arn:aws:iam::12345:user/bob", "arn:aws:iam::123456789012:role/NAME"},
		},
		{
			name:      "role ARN of another service",
			attrs:     map[string]tftypes.Value{"assume_role": assumeRole("arn:aws:s3:::bucket")},
			attr:      "assume_role.role_arn",
			fragments: []string{`service "s3"`, `"iam" is required`},
		},
		{
			name:      "endpoint without scheme",
			attrs:     map[string]tftypes.Value{"endpoint_url": str("127.0.0.1:4566")},
			attr:      "endpoint_url",
			fragments: []string{`endpoint_url = "127.0.0.1:4566"`, "http://127.0.0.1:4566"},
		},
		{
			name:      "endpoint with ftp scheme",
			attrs:     map[string]tftypes.Value{"endpoint_url": str("ftp://localhost")},
			attr:      "endpoint_url",
			fragments: []string{"absolute http:// or https:// URL"},
		},
		{
			name: "allowed and forbidden both set",
			attrs: map[string]tftypes.Value{
				"allowed_account_ids":   strSet("123456789012"),
				"forbidden_account_ids": strSet("210987654321"),
			},
			attr:      "allowed_account_ids",
			fragments: []string{"forbidden_account_ids"},
		},
		{
			name:      "account id too short",
			attrs:     map[string]tftypes.Value{"allowed_account_ids": strSet("12345")},
			attr:      "allowed_account_ids",
			fragments: []string{`"12345"`, "exactly 12 digits"},
		},
		{
			name:      "max retries negative",
			attrs:     map[string]tftypes.Value{"max_retries": tftypes.NewValue(tftypes.Number, -1)},
			attr:      "max_retries",
			fragments: []string{"between 0 and 100"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diags := validateProviderConfig(t, tc.attrs)
			var seen []string
			for _, d := range diags {
				if d.Severity != tfprotov6.DiagnosticSeverityError {
					continue
				}
				text := d.Summary + ": " + d.Detail
				seen = append(seen, text)
				if d.Attribute == nil || !strings.HasPrefix(attrPathString(d.Attribute), tc.attr) {
					continue
				}
				if containsAll(text, tc.fragments) {
					return
				}
			}
			t.Fatalf("want an error on %s containing %q; got %q", tc.attr, tc.fragments, seen)
		})
	}
}

func TestProviderConfigValid(t *testing.T) {
	diags := validateProviderConfig(t, map[string]tftypes.Value{
		"region":              str("eu-west-1"),
		"endpoint_url":        str("http://127.0.0.1:4566"),
		"allowed_account_ids": strSet("123456789012"),
		"assume_role":         assumeRole("arn:aws:iam::123456789012:role/baseline"),
	})
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Errorf("unexpected error: %s: %s", d.Summary, d.Detail)
		}
	}
}

func attrPathString(p *tftypes.AttributePath) string {
	var parts []string
	for _, step := range p.Steps() {
		if name, ok := step.(tftypes.AttributeName); ok {
			parts = append(parts, string(name))
		}
	}
	return strings.Join(parts, ".")
}

func containsAll(s string, fragments []string) bool {
	for _, f := range fragments {
		if !strings.Contains(s, f) {
			return false
		}
	}
	return true
}
