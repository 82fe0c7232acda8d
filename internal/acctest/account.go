package acctest

import "net/http"

// MotoAccountHeader makes moto serve a request from the account it names, so a test can run in
// an account of its own ("what exists in the account" is then exactly "what the test made").
const MotoAccountHeader = "x-moto-account-id"

// InAccount is an HTTP client whose requests moto serves from account: for a test's own SDK
// clients (inventories, out-of-band changes), beside a fault proxy that sets the same header
// for the provider.
func InAccount(account string) *http.Client {
	return &http.Client{Transport: accountTransport{account: account, next: http.DefaultTransport}}
}

type accountTransport struct {
	account string
	next    http.RoundTripper
}

func (a accountTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(MotoAccountHeader, a.account)
	return a.next.RoundTrip(r)
}
