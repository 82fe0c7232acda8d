package reliability

import (
	"fmt"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// env is one isolated test account behind a fault proxy.
type env struct {
	t       testing.TB
	account string
	proxy   *faultproxy.Proxy
	// client talks to the emulator directly (no faults) in the test's account: for inventories
	// and out-of-band changes.
	client *conns.AWSClient
}

func newEnv(t testing.TB, seed int64, rules ...faultproxy.Rule) *env {
	t.Helper()
	acctest.PreCheck(t)
	if !acctest.IsMoto() {
		t.Skip("reliability tests inject faults through a proxy in front of moto's per-account state (x-moto-account-id); the emulator at " + acctest.Endpoint() + " is not moto")
	}
	iso := acctest.NewIsolated(t, '9', seed, rules...)
	return &env{t: t, account: iso.Account, proxy: iso.Proxy, client: iso.Client}
}

// providerConfigWith is providerConfig with the given lines replacing the settings they name,
// for configurations that break the provider block itself.
func (e *env) providerConfigWith(lines string) string {
	base := []struct{ name, line string }{
		{"region", fmt.Sprintf("region = %q", acctest.Region)},
		{"endpoint_url", fmt.Sprintf("endpoint_url = %q", e.proxy.URL())},
		{"allowed_account_ids", fmt.Sprintf("allowed_account_ids = [%q]", e.account)},
		{"max_retries", "max_retries = 10"},
	}
	var b strings.Builder
	b.WriteString("provider \"soc2\" {\n")
	for _, kv := range base {
		overridden := strings.Contains(lines, kv.name) ||
			kv.name == "allowed_account_ids" && strings.Contains(lines, "forbidden_account_ids")
		if !overridden {
			b.WriteString("  " + kv.line + "\n")
		}
	}
	b.WriteString("  " + lines + "\n}\n")
	return b.String()
}

// providerConfig points the provider at the proxy and allows only the test's account. Retries
// back off for at most two seconds so faulted runs stay short; max_retries stays realistic.
func (e *env) providerConfig() string {
	return fmt.Sprintf(`provider "soc2" {
  region              = %q
  endpoint_url        = %q
  allowed_account_ids = [%q]
  max_retries         = 10
}
`, acctest.Region, e.proxy.URL(), e.account)
}
