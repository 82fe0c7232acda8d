// Package acctest is the shared harness of the acceptance tests: provider factories, an emulator
// precheck, SDK clients for out-of-band drift, unique names and drift plan checks.
package acctest

import (
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/provider"
)

// DefaultEndpoint is where `make test` starts moto unless EMULATOR_PORT says otherwise;
// AWS_ENDPOINT_URL points the suite elsewhere.
const DefaultEndpoint = "http://127.0.0.1:4566"

// Region is the home region of every acceptance test.
const Region = "us-east-1"

// ProtoV6ProviderFactories serves the provider in-process, so tests exercise the code under test
// rather than an installed binary.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"soc2": providerserver.NewProtocol6WithError(provider.New("acctest")()),
}

// Endpoint is the emulator URL the tests and the provider under test talk to: AWS_ENDPOINT_URL,
// else the moto that scripts/emulator.sh starts on EMULATOR_HOST:EMULATOR_PORT, else DefaultEndpoint.
func Endpoint() string {
	if v := os.Getenv("AWS_ENDPOINT_URL"); v != "" {
		return v
	}
	host, port := os.Getenv("EMULATOR_HOST"), os.Getenv("EMULATOR_PORT")
	if host == "" && port == "" {
		return DefaultEndpoint
	}
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "4566"
	}
	return "http://" + net.JoinHostPort(host, port)
}

var setupOnce sync.Once

// PreCheck fails the test at once when no emulator answers, instead of letting Terraform time out
// through its retries, and fills in the dummy credentials and region an emulator accepts.
//
// Without TF_ACC it skips, as resource.Test does, so `make unit` runs with no emulator even for
// tests that build SDK clients before their TestCase starts.
func PreCheck(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 and run an emulator (make test does both)")
	}
	setupOnce.Do(func() {
		for k, v := range map[string]string{
			"AWS_ACCESS_KEY_ID":     "test",
			"AWS_SECRET_ACCESS_KEY": "test",
			"AWS_REGION":            Region,
		} {
			if os.Getenv(k) == "" {
				os.Setenv(k, v)
			}
		}
		// The in-process provider reads AWS_ENDPOINT_URL when the HCL sets no endpoint_url.
		if os.Getenv("AWS_ENDPOINT_URL") == "" {
			os.Setenv("AWS_ENDPOINT_URL", Endpoint())
		}
		// Profiles on the developer's machine must not leak into the tests.
		os.Unsetenv("AWS_PROFILE")
	})
	u, err := url.Parse(Endpoint())
	if err != nil {
		t.Fatalf("AWS_ENDPOINT_URL %q is not a URL: %v", Endpoint(), err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
	if err != nil {
		t.Fatalf("no AWS emulator answers at %s (%v): run `make emulator-start`, or `make testacc`, which starts moto itself "+
			"(both on EMULATOR_PORT, default 4566; set the same EMULATOR_PORT or AWS_ENDPOINT_URL for go test)", Endpoint(), err)
	}
	conn.Close()
}

var (
	clientOnce sync.Once
	client     *conns.AWSClient
	clientErr  error
)

// Client returns SDK clients pointed at the emulator, for changing things out of band and for
// checking what exists. It is built with the provider's own factory so both see the same account.
func Client(t *testing.T) *conns.AWSClient {
	t.Helper()
	PreCheck(t)
	clientOnce.Do(func() {
		client, clientErr = conns.New(context.Background(), conns.Config{
			Region:      Region,
			EndpointURL: Endpoint(),
			MaxRetries:  3,
		})
	})
	if clientErr != nil {
		t.Fatalf("building AWS clients for %s: %v", Endpoint(), clientErr)
	}
	return client
}

// RandomName returns a lower-case name unique to this run, valid as an S3 bucket, trail, log
// group or IAM name: prefix "tf-acc-", the given stem, then ten random characters.
func RandomName(stem string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return fmt.Sprintf("tf-acc-%s-%s", strings.ToLower(stem), b)
}

// ProviderConfig is the provider block of the tests; extra lines go inside it.
func ProviderConfig(extra ...string) string {
	return fmt.Sprintf("provider \"soc2\" {\n  region       = %q\n  endpoint_url = %q\n%s}\n", Region, Endpoint(), indent(extra))
}

func indent(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  ")
		b.WriteString(l)
		b.WriteString("\n")
	}
	return b.String()
}

// IsMoto reports whether the endpoint is moto, for gates on the gaps docs/ARCHITECTURE.md lists.
// moto answers its own management API; other emulators do not.
func IsMoto() bool {
	return emulatorKind() == "moto"
}

// ErrorRegexp compiles an expected-error pattern whose spaces match any run of white space,
// because Terraform wraps diagnostic text at 80 columns.
func ErrorRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(pattern, " ", `\s+`))
}
