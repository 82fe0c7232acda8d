package policies

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// The policy-semantics layer: every generated policy is evaluated by a real IAM policy engine
// (@cloud-copilot/iam-simulate, tools/policysim) against the requests AWS services make, with the
// context keys AWS documents for each. Cases live in testdata/semantics.json, each citing the
// page it rests on. `make policysim` installs the engine; without it the test skips, and fails
// under CI (CI=true).

type semanticsFile struct {
	// Inputs are named generator inputs that cases refer to by name.
	Inputs map[string]json.RawMessage `json:"inputs"`
	Cases  []semanticsCase            `json:"cases"`
}

type semanticsCase struct {
	ID     string `json:"id"`
	Defect string `json:"defect,omitempty"`
	Doc    string `json:"doc"`
	Policy struct {
		Generator string `json:"generator"`
		// Input is a generator input, or the name of one in inputs.
		Input json.RawMessage `json:"input"`
		// GeneratedBy is the identity running the plan when the policy was generated.
		GeneratedBy string `json:"generatedBy,omitempty"`
	} `json:"policy"`
	Request struct {
		Principal string              `json:"principal,omitempty"`
		Service   string              `json:"service,omitempty"`
		Action    string              `json:"action"`
		Resource  string              `json:"resource"`
		Account   string              `json:"resourceAccount,omitempty"`
		Context   map[string][]string `json:"context,omitempty"`
		// IdentityAllowsAll gives the principal an identity policy allowing everything, so the
		// resource policy's explicit deny is what decides.
		IdentityAllowsAll bool `json:"identityAllowsAll,omitempty"`
	} `json:"request"`
	Expect string `json:"expect"`
	// Warn, when set, is what the plan-time lock-out check must say: true when
	// CallerCovered reports the principal is not covered.
	Warn *bool `json:"warn,omitempty"`
	// KeyGaps, when set, is checked against KeyPolicyGaps for the case's key policy.
	KeyGaps *struct {
		Use      keyUseJSON `json:"use"`
		Count    int        `json:"count"`
		Contains []string   `json:"contains,omitempty"`
	} `json:"keyGaps,omitempty"`
}

type keyUseJSON struct {
	User      string
	KeyARN    string
	AccountID string
	TrailARN  string   `json:",omitempty"`
	BucketKey bool     `json:",omitempty"`
	BucketARN string   `json:",omitempty"`
	Writers   []string `json:",omitempty"`
	TopicARN  string   `json:",omitempty"`
}

func (k keyUseJSON) keyUse() KeyUse {
	users := map[string]KeyUser{"trail": KeyForTrail, "bucket": KeyForBucket, "topic": KeyForAlarmTopic}
	return KeyUse{User: users[k.User], KeyARN: k.KeyARN, AccountID: k.AccountID, TrailARN: k.TrailARN,
		BucketKey: k.BucketKey, BucketARN: k.BucketARN, Writers: k.Writers, TopicARN: k.TopicARN}
}

// engineCase is what tools/policysim/simulate.mjs reads.
type engineCase struct {
	ID               string            `json:"id"`
	Principal        string            `json:"principal"`
	Action           string            `json:"action"`
	Resource         string            `json:"resource"`
	ResourceAccount  string            `json:"resourceAccount"`
	Context          map[string]any    `json:"context"`
	ResourcePolicy   json.RawMessage   `json:"resourcePolicy,omitempty"`
	IdentityPolicies []json.RawMessage `json:"identityPolicies,omitempty"`
}

type engineResult struct {
	ID                     string   `json:"id"`
	Decision               string   `json:"decision"`
	Error                  string   `json:"error"`
	UnvalidatedContextKeys []string `json:"unvalidatedContextKeys"`
}

// identityPolicies says which generators produce an identity (role permissions) policy; all
// others are resource policies (bucket, trust, topic, key).
var identityPolicies = map[string]bool{"CloudTrailLogsDelivery": true, "EventsForwardDelivery": true}

const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func TestPolicySemantics(t *testing.T) {
	engine := policySimDir(t)
	file := loadSemantics(t)
	var engineCases []engineCase
	policies := map[string]string{}
	for _, c := range file.Cases {
		checkCaseShape(t, c)
		policy, err := renderCase(file, c)
		if err != nil {
			t.Fatalf("case %s: rendering %s: %v", c.ID, c.Policy.Generator, err)
		}
		policies[c.ID] = policy
		engineCases = append(engineCases, toEngineCase(t, c, file, policy))
	}
	results := runEngine(t, engine, engineCases)

	failed := map[string][]string{}
	passed := 0
	for i, c := range file.Cases {
		t.Run(c.ID, func(t *testing.T) {
			problems := checkCase(c, policies[c.ID], results[i])
			if len(problems) == 0 {
				passed++
				return
			}
			failed[defectOf(c)] = append(failed[defectOf(c)], c.ID)
			for _, p := range problems {
				t.Errorf("defect %s, %s: %s", defectOf(c), c.Doc, p)
			}
		})
	}
	t.Logf("policy-semantics cases: %d passed, %d failed, %d total", passed, len(file.Cases)-passed, len(file.Cases))
	if len(failed) > 0 {
		t.Logf("policy-semantics failures by defect: %s", summarize(failed))
	}
}

func defectOf(c semanticsCase) string {
	if c.Defect == "" {
		return "-"
	}
	return c.Defect
}

func summarize(failed map[string][]string) string {
	keys := make([]string, 0, len(failed))
	for k := range failed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d (%s)", k, len(failed[k]), strings.Join(failed[k], ", ")))
	}
	return strings.Join(parts, "; ")
}

func checkCaseShape(t *testing.T, c semanticsCase) {
	t.Helper()
	if c.ID == "" || !strings.HasPrefix(c.Doc, "https://") || c.Request.Action == "" || c.Request.Resource == "" {
		t.Fatalf("case %q needs an id, an https doc URL, an action and a resource", c.ID)
	}
	if (c.Request.Principal == "") == (c.Request.Service == "") {
		t.Fatalf("case %s: give exactly one of principal and service", c.ID)
	}
	switch c.Expect {
	case "Allowed", "ExplicitlyDenied", "ImplicitlyDenied":
	default:
		t.Fatalf("case %s: expect %q is not Allowed, ExplicitlyDenied or ImplicitlyDenied", c.ID, c.Expect)
	}
}

func checkCase(c semanticsCase, policy string, r engineResult) []string {
	var problems []string
	switch {
	case r.Error != "":
		problems = append(problems, "engine error: "+r.Error)
	case r.Decision != c.Expect:
		problems = append(problems, fmt.Sprintf("engine decided %s, want %s; policy %s", r.Decision, c.Expect, policy))
	}
	if c.Warn != nil {
		resource := c.Request.Resource
		if warned := !callerCovered(policy, resource, c.Request.Principal); warned != *c.Warn {
			problems = append(problems, fmt.Sprintf("lock-out warning for %s: got %v, want %v", c.Request.Principal, warned, *c.Warn))
		}
	}
	if g := c.KeyGaps; g != nil {
		gaps := keyPolicyGaps(policy, g.Use.keyUse())
		if len(gaps) != g.Count {
			problems = append(problems, fmt.Sprintf("KeyPolicyGaps gave %d gaps %q, want %d", len(gaps), gaps, g.Count))
		}
		for _, want := range g.Contains {
			if !strings.Contains(strings.Join(gaps, "\n"), want) {
				problems = append(problems, fmt.Sprintf("KeyPolicyGaps %q does not mention %q", gaps, want))
			}
		}
	}
	return problems
}

func loadSemantics(t *testing.T) semanticsFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "semantics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f semanticsFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("testdata/semantics.json: %v", err)
	}
	if len(f.Cases) == 0 {
		t.Fatal("testdata/semantics.json has no cases")
	}
	return f
}

func renderCase(f semanticsFile, c semanticsCase) (string, error) {
	render, ok := renderers[c.Policy.Generator]
	if !ok {
		return "", fmt.Errorf("unknown generator %q", c.Policy.Generator)
	}
	return render(resolveInput(f, c.Policy.Generator, c.Policy.Input), c.Policy.GeneratedBy)
}

// resolveInput replaces an input name by the named input, except for KeyPolicyFile, whose
// input is a file name.
func resolveInput(f semanticsFile, generator string, raw json.RawMessage) json.RawMessage {
	var name string
	if generator == "KeyPolicyFile" || json.Unmarshal(raw, &name) != nil {
		return raw
	}
	if named, ok := f.Inputs[name]; ok {
		return named
	}
	return raw
}

func toEngineCase(t *testing.T, c semanticsCase, f semanticsFile, policy string) engineCase {
	t.Helper()
	r := c.Request
	ec := engineCase{
		ID: c.ID, Principal: r.Principal, Action: r.Action, Resource: r.Resource,
		ResourceAccount: resourceAccount(c, f), Context: engineContext(requestContext(c)),
	}
	if ec.Principal == "" {
		ec.Principal = r.Service
	}
	if identityPolicies[c.Policy.Generator] {
		ec.IdentityPolicies = append(ec.IdentityPolicies, json.RawMessage(policy))
	} else {
		ec.ResourcePolicy = json.RawMessage(policy)
	}
	if r.IdentityAllowsAll {
		ec.IdentityPolicies = append(ec.IdentityPolicies, json.RawMessage(allowAll))
	}
	if ec.ResourceAccount == "" {
		t.Fatalf("case %s: no account owns %s; give resourceAccount", c.ID, r.Resource)
	}
	return ec
}

// requestContext adds what AWS itself sets on every request of an IAM principal: its ARN and
// account (aws:PrincipalArn, aws:PrincipalAccount) and, for the TLS endpoints every SDK and
// service uses, aws:SecureTransport. A case overrides any of them by setting it.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
func requestContext(c semanticsCase) map[string][]string {
	ctx := map[string][]string{}
	for k, v := range c.Request.Context {
		ctx[k] = v
	}
	setDefault := func(k, v string) {
		if _, ok := ctx[k]; !ok && v != "" {
			ctx[k] = []string{v}
		}
	}
	if p, err := arn.Parse(c.Request.Principal); err == nil {
		setDefault("aws:PrincipalArn", c.Request.Principal)
		setDefault("aws:PrincipalAccount", p.AccountID)
	}
	setDefault("aws:SecureTransport", "true")
	return ctx
}

// engineContext passes one value as a string, the form the engine expects for single-valued
// keys (it converts it for multi-valued ones).
func engineContext(ctx map[string][]string) map[string]any {
	out := make(map[string]any, len(ctx))
	for k, v := range ctx {
		if len(v) == 1 {
			out[k] = v[0]
			continue
		}
		out[k] = v
	}
	return out
}

func resourceAccount(c semanticsCase, f semanticsFile) string {
	if c.Request.Account != "" {
		return c.Request.Account
	}
	if a, err := arn.Parse(c.Request.Resource); err == nil && a.AccountID != "" {
		return a.AccountID
	}
	var in struct{ AccountID string }
	_ = json.Unmarshal(resolveInput(f, c.Policy.Generator, c.Policy.Input), &in)
	return in.AccountID
}

// policySimDir finds the installed engine; without it the test skips, or fails under CI.
func policySimDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("POLICYSIM_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "tools", "policysim")
	}
	err := engineReady(dir)
	if err == nil {
		return dir
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("IAM policy engine unavailable under CI: %v (run `make policysim`)", err)
	}
	t.Skipf("IAM policy engine unavailable, policy-semantics cases not run: %v (run `make policysim`)", err)
	return ""
}

func engineReady(dir string) error {
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("node not found: %w", err)
	}
	pkg := filepath.Join(dir, "node_modules", "@cloud-copilot", "iam-simulate", "package.json")
	if _, err := os.Stat(pkg); err != nil {
		return fmt.Errorf("@cloud-copilot/iam-simulate not installed in %s: %w", dir, err)
	}
	return nil
}

// runEngine evaluates every case in one node process.
func runEngine(t *testing.T, dir string, cases []engineCase) []engineResult {
	t.Helper()
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "simulate.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("policy engine: %v: %s", err, stderr.String())
	}
	var results []engineResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("policy engine output %q: %v", out, err)
	}
	if len(results) != len(cases) {
		t.Fatalf("policy engine returned %d results for %d cases", len(results), len(cases))
	}
	for i := range results {
		if results[i].ID != cases[i].ID {
			t.Fatal(errors.New("policy engine results out of order"))
		}
		if len(results[i].UnvalidatedContextKeys) > 0 {
			t.Logf("case %s: engine evaluated %v without validation (it does not know templated kms:EncryptionContext keys)", cases[i].ID, results[i].UnvalidatedContextKeys)
		}
	}
	return results
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
