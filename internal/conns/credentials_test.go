package conns

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// isolateFromMachine clears every source of credentials and region the SDK would find on the
// machine running the test, and keeps it away from instance metadata.
func isolateFromMachine(t *testing.T) {
	t.Helper()
	missing := filepath.Join(t.TempDir(), "missing")
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_DEFAULT_PROFILE": "", "AWS_CONFIG_FILE": missing, "AWS_SHARED_CREDENTIALS_FILE": missing,
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_ROLE_ARN": "",
		"AWS_ENDPOINT_URL": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
	} {
		t.Setenv(k, v)
	}
}

func TestNew_noCredentialsListsTheWaysToProvideThem(t *testing.T) {
	isolateFromMachine(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The endpoint is a closed local port, so nothing could leave the machine even if a call were made.
	_, err := New(ctx, Config{Region: "us-east-1", EndpointURL: "http://127.0.0.1:1", MaxRetries: 0})
	if err == nil {
		t.Fatal("New succeeded with no credentials anywhere")
	}
	if !IsCredentialsError(err) {
		t.Fatalf("want a CredentialsError, got %T: %v", err, err)
	}
	for _, want := range []string{
		"no AWS credentials found", `profile = "name"`, "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
		"aws sso login", "assume_role", "AWS_WEB_IDENTITY_TOKEN_FILE", "The AWS SDK reported:",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not mention %q:\n%v", want, err)
		}
	}
}

func TestNew_noCredentialsNamesTheMissingProfile(t *testing.T) {
	isolateFromMachine(t)
	config := filepath.Join(t.TempDir(), "config")
	writeFile(t, config, "[profile security]\nregion = us-east-1\n")
	_, err := New(context.Background(), Config{
		Region: "us-east-1", Profile: "security", SharedConfigFiles: []string{config},
		EndpointURL: "http://127.0.0.1:1", MaxRetries: 0,
	})
	if !IsCredentialsError(err) || !strings.Contains(err.Error(), `fix the profile "security"`) {
		t.Fatalf("want a CredentialsError naming the profile, got %v", err)
	}
}

func TestNew_unknownRegionRefusedBeforeAnyCall(t *testing.T) {
	isolateFromMachine(t)
	// Credentials are present, so only the region can stop it; no endpoint_url means real AWS.
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	_, err := New(context.Background(), Config{Region: "us-east-7", MaxRetries: 0})
	var unknown *UnknownRegionError
	if !errors.As(err, &unknown) {
		t.Fatalf("want an UnknownRegionError, got %T: %v", err, err)
	}
	for _, want := range []string{`region "us-east-7"`, `partition "aws"`, "us-east-1, us-east-2", "AWS_REGION", "skip_region_validation"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not mention %q:\n%v", want, err)
		}
	}
}

func TestCheckRegion(t *testing.T) {
	cases := []struct {
		name   string
		config Config
		region string
		ok     bool
	}{
		{name: "known commercial", region: "eu-west-1", ok: true},
		{name: "known GovCloud", region: "us-gov-west-1", ok: true},
		{name: "known China", region: "cn-northwest-1", ok: true},
		{name: "typo", region: "us-east-7"},
		{name: "GovCloud typo", region: "us-gov-west-9"},
		{name: "emulators take any region", config: Config{EndpointURL: "http://127.0.0.1:4566"}, region: "us-east-7", ok: true},
		{name: "switched off", config: Config{SkipRegionValidation: true}, region: "ap-future-1", ok: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := checkRegion(c.config, c.region)
			if (err == nil) != c.ok {
				t.Errorf("checkRegion(%q) = %v, want ok=%v", c.region, err, c.ok)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
