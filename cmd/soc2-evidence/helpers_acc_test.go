package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
)

// completeRegions are the regions examples/complete records with AWS Config.
var completeRegions = []string{"us-east-1", "us-west-2", "eu-west-1"}

// binderEnv is one moto account of its own (x-moto-account-id), reached through a proxy that sets
// the header for the provider and the binder alike, as internal/reliability isolates its tests.
type binderEnv struct {
	account string
	proxy   *faultproxy.Proxy
	client  *conns.AWSClient
}

func newBinderEnv(t *testing.T) *binderEnv {
	t.Helper()
	acctest.PreCheck(t)
	if !acctest.IsMoto() {
		t.Skip("the binder tests reach their account through a proxy that sets moto's x-moto-account-id header; the emulator at " + acctest.Endpoint() + " is not moto")
	}
	iso := acctest.NewIsolated(t, '8', 1)
	return &binderEnv{account: iso.Account, proxy: iso.Proxy, client: iso.Client}
}

// completeWithEvidence copies examples/complete into a folder of its own and adds the data source.
func completeWithEvidence(t *testing.T) string {
	t.Helper()
	dir := acctest.ExampleCopy(t, "complete")
	extra := `
data "soc2_evidence" "now" {
  trail      = soc2_cloudtrail_baseline.main.name
  regions    = ["us-east-1", "us-west-2", "eu-west-1"]
  depends_on = [soc2_alarm_pack.alerts, soc2_log_bucket.logs, soc2_cloudtrail_baseline.main]
}

output "evidence_passed" {
  value = data.soc2_evidence.now.passed
}
`
	if err := os.WriteFile(filepath.Join(dir, "evidence.tf"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runBinder runs the command in-process and returns its exit code, stdout and stderr.
func (e *binderEnv) runBinder(t *testing.T, trail, out string, extra ...string) (int, string, string) {
	t.Helper()
	args := append([]string{"--region", acctest.Region, "--endpoint-url", e.proxy.URL(), "--allowed-account-ids", e.account,
		"--regions", strings.Join(completeRegions, ","), "--trail", trail, "--out", out}, extra...)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// readFile is the file's content; a file the test cannot read fails it.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readBinder(t *testing.T, dir string) *evidence.Binder {
	t.Helper()
	b, err := evidence.Verify(readFile(t, filepath.Join(dir, evidence.FileJSON)))
	if err != nil {
		t.Fatalf("a fresh binder does not verify: %v", err)
	}
	return b
}

// cloudTrailRecord is one record as CloudTrail writes it to CloudWatch Logs.
func cloudTrailRecord(account, source, name string, params map[string]any, at time.Time) string {
	rec := map[string]any{
		"eventVersion": "1.09", "eventTime": at.UTC().Format(time.RFC3339), "eventSource": source, "eventName": name,
		"awsRegion": acctest.Region, "sourceIPAddress": "203.0.113.7", "userAgent": "aws-cli/2.15.0",
		"userIdentity": map[string]any{"type": "IAMUser", "principalId": "AIDAEXAMPLE", "accountId": account,
			"arn": "arn:aws:iam::" + account + ":user/mallory", "userName": "mallory"},
		"requestParameters": params, "responseElements": nil, "eventID": fmt.Sprintf("%s-%d", name, at.UnixNano()),
		"eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": account,
	}
	b, _ := json.Marshal(rec)
	return string(b)
}
