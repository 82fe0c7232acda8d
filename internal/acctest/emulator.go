package acctest

import (
	"net/http"
	"sync"
	"time"
)

var (
	kindOnce sync.Once
	kind     string
)

// emulatorKind probes the endpoint once: moto serves /moto-api/, LocalStack /_localstack/health.
// Probing, rather than trusting a variable, keeps gates honest when AWS_ENDPOINT_URL moves.
func emulatorKind() string {
	kindOnce.Do(func() {
		httpClient := &http.Client{Timeout: 3 * time.Second}
		if resp, err := httpClient.Get(Endpoint() + "/_localstack/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				kind = "localstack"
				return
			}
		}
		if resp, err := httpClient.Get(Endpoint() + "/moto-api/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				kind = "moto"
				return
			}
		}
		kind = "unknown"
	})
	return kind
}

// SkipOnMoto skips a check that moto cannot support; the reason must name the gap so the skip
// message explains itself, and the check still runs on any other endpoint.
func SkipOnMoto(t interface {
	Helper()
	Skipf(string, ...any)
}, gap string) {
	t.Helper()
	if IsMoto() {
		t.Skipf("moto gap: %s", gap)
	}
}
