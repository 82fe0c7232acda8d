package reliability

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// With TF_LOG=TRACE, neither Terraform's nor the provider's log may hold the secret access key or
// the session token, while the provider's per-service subsystem logs must be there (else the test
// would pass on an empty log).
func TestAccReliability_traceLogsHoldNoSecrets(t *testing.T) {
	const (
		secretKey    = "hygieneSECRETkey0123456789abcdefghijklmn"
		sessionToken = "hygieneSESSIONtoken9876543210ZYXWVUTSRQ"
	)
	e := newEnv(t, 1)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAHYGIENETEST00001")
	t.Setenv("AWS_SECRET_ACCESS_KEY", secretKey)
	t.Setenv("AWS_SESSION_TOKEN", sessionToken)

	name := acctest.RandomName("hygiene")
	resource.Test(t, acctest.Case(t, e.checkNothingLeft, []resource.TestStep{{
		Config: e.providerConfig() + `
resource "soc2_log_bucket" "b" {
  bucket        = "` + name + `"
  force_destroy = true
}
`,
	}}))

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	log := string(raw)
	for what, secret := range map[string]string{"secret access key": secretKey, "session token": sessionToken} {
		if strings.Contains(log, secret) {
			t.Errorf("the TRACE log contains the %s", what)
		}
	}
	for _, subsystem := range []string{"soc2.aws.s3", "soc2.aws.sts"} {
		if !strings.Contains(log, subsystem) {
			t.Errorf("the TRACE log (%d bytes) has no %s subsystem entries: provider logs were not captured", len(raw), subsystem)
		}
	}
	t.Logf("TRACE log: %d bytes, no secret access key or session token", len(raw))
}
