package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccEvidence_badInput: no credentials, the wrong account and an unreachable endpoint each end
// with a clear error, exit status 2, and no binder folder, partial or whole.
func TestAccEvidence_badInput(t *testing.T) {
	e := newBinderEnv(t)
	cases := []struct {
		name, want string
		args       []string
		env        map[string]string
	}{
		{
			name: "no credentials", want: "no AWS credentials were found",
			args: []string{"--region", "us-east-1", "--endpoint-url", e.proxy.URL()},
			env: map[string]string{"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
				"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_CONFIG_FILE": "/nonexistent/config",
				"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
				"AWS_WEB_IDENTITY_TOKEN_FILE": ""},
		},
		{
			name: "wrong account", want: "not in allowed_account_ids [111111111111]",
			args: []string{"--region", "us-east-1", "--endpoint-url", e.proxy.URL(), "--allowed-account-ids", "111111111111"},
		},
		{
			name: "unreachable endpoint", want: "the endpoint http://127.0.0.1:9 does not answer",
			args: []string{"--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"},
		},
		{
			name: "bad days", want: "--days 0",
			args: []string{"--region", "us-east-1", "--days", "0"},
		},
		{
			name: "bad role", want: "--assume-role-arn \"admin\" is not a role ARN",
			args: []string{"--region", "us-east-1", "--assume-role-arn", "admin"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			parent := t.TempDir()
			out := filepath.Join(parent, "binder")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append(tc.args, "--out", out, "--regions", acctest.Region), &stdout, &stderr)
			if code != exitError {
				t.Errorf("exit %d, want %d", code, exitError)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, stderr.String())
			}
			entries, err := os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			for _, en := range entries {
				t.Errorf("%s left behind after the error", filepath.Join(parent, en.Name()))
			}
		})
	}
}

// TestEvidence_outRefusesAFullFolder: an existing binder is never mixed with or replaced.
func TestEvidence_outRefusesAFullFolder(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--out", out}, &stdout, &stderr); code != exitError ||
		!strings.Contains(stderr.String(), "already holds files") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
