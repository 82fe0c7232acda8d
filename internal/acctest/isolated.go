package acctest

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// Isolated is an emulator account of one test's own: what exists in it is exactly what the test
// made, so account-wide objects (the account's public access block) and inventories ("nothing is
// left after destroy") never meet another test's.
type Isolated struct {
	Account string
	// Endpoint is where the provider under test must send its calls (the proxy on moto).
	Endpoint string
	// Proxy sets moto's account header for the provider, and injects faults and counts calls
	// for tests that ask; nil on LocalStack.
	Proxy *faultproxy.Proxy
	// Client is the test's own SDK clients in the account, for out-of-band changes and checks.
	Client *conns.AWSClient
}

// NewIsolated opens an account of the test's own, with the account id starting with the digit
// lead. moto serves a request from the account its x-moto-account-id header names, which the
// proxy sets for the provider and InAccount for the test's clients. LocalStack takes an access key
// id of twelve digits as the account id, so the test sets it in the environment the in-process
// provider reads (which rules out t.Parallel there). Elsewhere (AWS) the test skips: an account
// cannot be conjured there.
func NewIsolated(t testing.TB, lead byte, seed int64, rules ...faultproxy.Rule) *Isolated {
	t.Helper()
	PreCheck(t)
	n, err := rand.Int(rand.Reader, big.NewInt(1e11))
	if err != nil {
		t.Fatal(err)
	}
	iso := &Isolated{Account: fmt.Sprintf("%c%011d", lead, n.Int64()), Endpoint: Endpoint()}
	var httpClient *http.Client
	switch EmulatorKind() {
	case "moto":
		iso.Proxy, err = faultproxy.Start(Endpoint(), seed, rules...)
		if err != nil {
			t.Fatal(err)
		}
		iso.Proxy.SetHeader(MotoAccountHeader, iso.Account)
		t.Cleanup(iso.Proxy.Close)
		iso.Endpoint = iso.Proxy.URL()
		httpClient = InAccount(iso.Account)
	case "localstack":
		if len(rules) > 0 {
			t.Fatal("acctest.NewIsolated: fault rules need the moto proxy")
		}
		t.Setenv("AWS_ACCESS_KEY_ID", iso.Account)
	default:
		t.Skipf("an account of the test's own needs moto or LocalStack; the endpoint %s is %s", Endpoint(), EmulatorKind())
	}
	iso.Client, err = conns.New(context.Background(), conns.Config{
		Region: Region, EndpointURL: Endpoint(), MaxRetries: 3, MaxBackoff: time.Second, HTTPClient: httpClient,
	})
	if err != nil {
		t.Fatal(err)
	}
	if iso.Client.AccountID != iso.Account {
		t.Fatalf("the %s emulator put the test in account %s, not %s: isolation does not work", EmulatorKind(), iso.Client.AccountID, iso.Account)
	}
	return iso
}

// ExampleCopy copies the .tf files of examples/<name> into a folder of the test's own, leaving out
// the files named in except, and returns the folder: for tests that apply an example as users
// would, with additions or with parts an emulator cannot serve left out.
func ExampleCopy(t testing.TB, name string, except ...string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "examples", name, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("examples/%s: %v (%d files)", name, err, len(files))
	}
	dir := t.TempDir()
	for _, f := range files {
		if slices.Contains(except, filepath.Base(f)) {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// repoRoot is the folder holding go.mod, above the test's package folder.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's folder")
		}
		dir = parent
	}
}
