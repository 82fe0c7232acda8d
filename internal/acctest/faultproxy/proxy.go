// Package faultproxy is a test-only HTTP proxy between the provider and an AWS emulator that
// injects the faults real AWS produces (throttling, 500s, connection resets, latency, a call that
// keeps failing) by rule per service and operation, and counts every call it forwards.
//
// Decisions are a pure function of (seed, service, operation, n-th call of that operation), so a
// run with the same seed and the same per-operation call order injects the same faults, however
// the provider's goroutines interleave across operations.
package faultproxy

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sort"
	"sync"
	"time"
)

// Fault is what a matching rule does to a call.
type Fault int

const (
	// Throttle answers with the protocol's throttling error (ThrottlingException, Throttling, SlowDown 503).
	Throttle Fault = iota + 1
	// InternalError answers 500 InternalError.
	InternalError
	// Reset closes the connection without an answer.
	Reset
	// Latency delays the call by Rule.Latency, then forwards it.
	Latency
	// FailFromNth forwards calls 1..Nth-1 and answers every later one (from the Nth) with a
	// client error the SDK does not retry (400 InjectedPermanentFailure, "injected permanent
	// failure of <Operation>"), the way AccessDenied or a validation error ends a call at once.
	FailFromNth
)

func (f Fault) String() string {
	return [...]string{"none", "throttle", "internal-error", "reset", "latency", "fail-from-nth"}[f]
}

// Rule selects calls by service and operation ("" matches any) and says what to do to them.
// Probability applies to Throttle, InternalError, Reset and Latency (1 when zero); Nth to FailFromNth.
// MutatingOnly restricts the rule to calls that change state.
type Rule struct {
	Service      string
	Operation    string
	Fault        Fault
	Probability  float64
	Nth          int
	Latency      time.Duration
	MutatingOnly bool
}

func (r Rule) matches(c Call) bool {
	return (r.Service == "" || r.Service == c.Service) &&
		(r.Operation == "" || r.Operation == c.Operation) &&
		(!r.MutatingOnly || c.Mutating())
}

// Proxy forwards to the target and applies the rules; the first matching rule that fires wins.
type Proxy struct {
	target *url.URL
	rules  []Rule
	seed   uint64
	server *httptest.Server
	fwd    *httputil.ReverseProxy

	mu      sync.Mutex
	headers map[string]string
	counts  map[string]int // "service:Operation" -> calls seen
	faults  map[string]int // "service:Operation:fault" -> faults injected
	mut     int
	read    int
}

// Start listens on a loopback port and forwards to target (an emulator URL).
func Start(target string, seed int64, rules ...Rule) (*Proxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("faultproxy: target %q: %w", target, err)
	}
	p := &Proxy{
		target: u,
		rules:  rules,
		seed:   uint64(seed),
		fwd:    httputil.NewSingleHostReverseProxy(u),
		counts: map[string]int{},
		faults: map[string]int{},
	}
	p.server = httptest.NewServer(p)
	return p, nil
}

// URL is the endpoint to give the provider as endpoint_url.
func (p *Proxy) URL() string { return p.server.URL }

// Close stops the proxy.
func (p *Proxy) Close() { p.server.Close() }

// SetRules replaces the rules for the calls that follow, e.g. to lift faults before a destroy.
func (p *Proxy) SetRules(rules ...Rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = rules
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	call, err := identify(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	key := call.Service + ":" + call.Operation

	p.mu.Lock()
	p.counts[key]++
	n := p.counts[key]
	if call.Mutating() {
		p.mut++
	} else {
		p.read++
	}
	fault, rule := p.decide(call, n)
	if fault != 0 {
		p.faults[key+":"+fault.String()]++
	}
	for k, v := range p.headers {
		r.Header.Set(k, v)
	}
	p.mu.Unlock()

	switch fault {
	case Throttle:
		writeError(w, call, throttleStatus(call), throttleCode(call), "Rate exceeded (injected)")
		return
	case InternalError:
		writeError(w, call, http.StatusInternalServerError, "InternalError", "We encountered an internal error (injected)")
		return
	case FailFromNth:
		writeError(w, call, http.StatusBadRequest, "InjectedPermanentFailure", "injected permanent failure of "+call.Operation)
		return
	case Reset:
		resetConnection(w)
		return
	case Latency:
		time.Sleep(rule.Latency)
	}
	r.Host = p.target.Host
	p.fwd.ServeHTTP(w, r)
}

func (p *Proxy) decide(c Call, n int) (Fault, Rule) {
	for _, rule := range p.rules {
		if !rule.matches(c) {
			continue
		}
		if rule.Fault == FailFromNth {
			if n >= rule.Nth {
				return FailFromNth, rule
			}
			continue
		}
		prob := rule.Probability
		if prob == 0 {
			prob = 1
		}
		if p.roll(c, n, rule.Fault) < prob {
			return rule.Fault, rule
		}
	}
	return 0, Rule{}
}

// roll maps (seed, call, n, fault) to [0,1) deterministically.
func (p *Proxy) roll(c Call, n int, f Fault) float64 {
	h := fnv.New64a()
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], p.seed)
	h.Write(buf[:])
	fmt.Fprintf(h, "%s|%s|%d|%d", c.Service, c.Operation, n, f)
	return float64(h.Sum64()>>11) / float64(1<<53)
}

func throttleStatus(c Call) int {
	if c.Protocol == protocolREST {
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

func throttleCode(c Call) string {
	switch c.Protocol {
	case protocolREST:
		return "SlowDown"
	case protocolQuery:
		return "Throttling"
	default:
		return "ThrottlingException"
	}
}

// writeError answers in the error shape of the call's protocol, so the SDK classifies it exactly
// as it would classify AWS's own answer.
func writeError(w http.ResponseWriter, c Call, status int, code, message string) {
	switch {
	case c.Protocol == protocolJSON:
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-ErrorType", code)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, message)
	case c.Protocol == protocolQuery || c.Service == "s3control":
		// S3 Control is REST, but wraps its errors in ErrorResponse as the Query protocol does.
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Receiver</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>faultproxy</RequestId></ErrorResponse>`, code, message)
	default:
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>faultproxy</RequestId></Error>`, code, message)
	}
}

func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0) // RST instead of FIN: what a dropped load balancer connection looks like
	}
	conn.Close()
}

// SetHeader adds a header to every forwarded request. With moto, "x-moto-account-id" gives a
// test an AWS account of its own, isolated from every other test sharing the emulator.
func (p *Proxy) SetHeader(key, value string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.headers == nil {
		p.headers = map[string]string{}
	}
	p.headers[key] = value
}

// Stats is a snapshot of what the proxy saw.
type Stats struct {
	Calls     int
	Mutating  int
	ReadOnly  int
	Faults    int
	ByOp      map[string]int
	FaultByOp map[string]int
}

func (p *Proxy) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := Stats{Mutating: p.mut, ReadOnly: p.read, ByOp: map[string]int{}, FaultByOp: map[string]int{}}
	for k, v := range p.counts {
		s.ByOp[k] = v
		s.Calls += v
	}
	for k, v := range p.faults {
		s.FaultByOp[k] = v
		s.Faults += v
	}
	return s
}

// MutatingOps lists the mutating operations seen with their counts, for assertions and reports.
func (s Stats) MutatingOps() []string {
	var out []string
	for k, v := range s.ByOp {
		_, op, _ := cut(k)
		if (Call{Operation: op}).Mutating() {
			out = append(out, fmt.Sprintf("%s x%d", k, v))
		}
	}
	sort.Strings(out)
	return out
}

func cut(key string) (service, op string, ok bool) {
	for i := 0; i < len(key); i++ {
		if key[i] == ':' {
			return key[:i], key[i+1:], true
		}
	}
	return "", key, false
}

// Reset zeroes the counters (rules stay).
func (p *Proxy) ResetStats() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts = map[string]int{}
	p.faults = map[string]int{}
	p.mut, p.read = 0, 0
}
