package acctest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// probeResult is the outcome of one service's probe. answered tells "the emulator replied with an
// error" (the service is missing there) apart from "nothing replied" (the emulator is down, which
// must fail the test rather than skip it).
type probeResult struct {
	once     sync.Once
	err      error
	answered bool
}

var (
	probesMu sync.Mutex
	probes   = map[string]*probeResult{}
)

// ServiceNames lists the services PreCheckServices knows how to probe.
func ServiceNames() []string {
	return conns.ProbeServiceNames()
}

// EmulatorKind names the emulator behind the endpoint ("moto", "localstack", or "unknown"), for
// skip messages and reports. It is probed once per process.
func EmulatorKind() string {
	return emulatorKind()
}

// ServiceError probes service on the endpoint once per process and returns nil when it answers
// the probe, or the error the emulator gave. A probe that gets no HTTP response at all fails the
// test: the emulator is down or unreachable, and skipping would hide that.
func ServiceError(t *testing.T, service string) error {
	t.Helper()
	if !slices.Contains(ServiceNames(), service) {
		t.Fatalf("acctest: no probe for service %q; known services: %s", service, strings.Join(ServiceNames(), ", "))
	}
	c := Client(t)

	probesMu.Lock()
	r, ok := probes[service]
	if !ok {
		r = &probeResult{}
		probes[service] = r
	}
	probesMu.Unlock()

	r.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r.err = c.ProbeService(ctx, service)
		r.answered = conns.ServiceAnswered(r.err)
	})
	if !r.answered {
		t.Fatalf("probing %s at %s got no answer: %v", service, Endpoint(), r.err)
	}
	return r.err
}

// PreCheckServices skips the test when the running emulator lacks any of the named services
// (see ServiceNames), naming the emulator, the service and the emulator's own error. Call it at
// the top of a test, or in the TestCase's PreCheck after acctest.PreCheck:
//
//	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam")
//
// The endpoint is probed once per service per test binary, so calling it in every test is cheap.
// On real AWS every probe succeeds and nothing is skipped.
func PreCheckServices(t *testing.T, services ...string) {
	t.Helper()
	PreCheck(t)
	for _, service := range services {
		if err := ServiceError(t, service); err != nil {
			t.Skipf("%s emulator lacks %s: %v", EmulatorKind(), service, compactError(err))
		}
	}
}

// compactError keeps a skip message short and on one line, so the summary CI prints stays
// readable: the HTTP status, the error code and the emulator's own words, without the SDK's
// operation and request-id wrapping.
func compactError(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		msg := fmt.Sprintf("%s: %s", apiErr.ErrorCode(), apiErr.ErrorMessage())
		var respErr *smithyhttp.ResponseError
		if errors.As(err, &respErr) {
			msg = fmt.Sprintf("HTTP %d %s", respErr.HTTPStatusCode(), msg)
		}
		return strings.Join(strings.Fields(msg), " ")
	}
	return strings.Join(strings.Fields(fmt.Sprint(err)), " ")
}
