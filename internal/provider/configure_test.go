package provider

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configureProvider runs Configure through the protocol server, as `terraform plan` does.
func configureProvider(t *testing.T, attrs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	server, config := providerWithConfig(t, attrs)
	resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// noMachineCredentials keeps the machine's own credentials, profiles and instance metadata out.
func noMachineCredentials(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": missing, "AWS_SHARED_CREDENTIALS_FILE": missing, "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_ENDPOINT_URL": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
	} {
		t.Setenv(k, v)
	}
}

func errorsOf(diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	var errs []*tfprotov6.Diagnostic
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d)
		}
	}
	return errs
}

func TestConfigure_unknownRegionIsAnErrorOnRegion(t *testing.T) {
	noMachineCredentials(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	errs := errorsOf(configureProvider(t, map[string]tftypes.Value{"region": str("us-east-7")}))
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", errs)
	}
	d := errs[0]
	if d.Summary != "Unknown AWS region" || d.Attribute == nil || attrPathString(d.Attribute) != "region" ||
		!containsAll(d.Detail, []string{`"us-east-7"`, "us-east-1", "skip_region_validation"}) {
		t.Errorf("want an Unknown AWS region error on region naming the value and the fix, got %s on %v: %s", d.Summary, d.Attribute, d.Detail)
	}
}

func TestConfigure_noCredentialsListsTheWays(t *testing.T) {
	noMachineCredentials(t)
	errs := errorsOf(configureProvider(t, map[string]tftypes.Value{
		"region": str("us-east-1"), "endpoint_url": str("http://127.0.0.1:1"),
	}))
	if len(errs) != 1 || errs[0].Summary != "No usable AWS credentials" {
		t.Fatalf("want one No usable AWS credentials error, got %v", errs)
	}
	for _, want := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "aws sso login", "assume_role"} {
		if !strings.Contains(errs[0].Detail, want) {
			t.Errorf("the error does not mention %q:\n%s", want, errs[0].Detail)
		}
	}
}
