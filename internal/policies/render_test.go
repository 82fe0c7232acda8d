package policies

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// renderers turn a case's generator and input into the policy under test. The caller is the
// identity running the plan when the policy is generated; the builders ignore it (exemptions
// come from configuration only), and the cases record it to prove that.
var renderers = map[string]func(input json.RawMessage, caller string) (string, error){
	"LogBucket":              decoded(LogBucket),
	"CloudTrailLogsTrust":    decoded(func(in struct{ Partition string }) (string, error) { return CloudTrailLogsTrust(in.Partition) }),
	"ConfigAggregatorTrust":  decoded(func(in struct{ Partition string }) (string, error) { return ConfigAggregatorTrust(in.Partition) }),
	"CloudTrailLogsDelivery": decoded(CloudTrailLogsDelivery),
	"EventsForwardTrust":     decoded(EventsForwardTrust),
	"EventsForwardDelivery":  decoded(EventsForwardDelivery),
	"AlarmTopic":             decoded(AlarmTopic),
	"KMSKey":                 decoded(KeyPolicy),
	// KeyPolicyFile is a key policy someone else wrote (testdata/keypolicies/<name>), which the
	// provider checks with KeyPolicyGaps.
	"KeyPolicyFile": func(raw json.RawMessage, _ string) (string, error) {
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			return "", err
		}
		b, err := os.ReadFile(filepath.Join("testdata", "keypolicies", name))
		return string(b), err
	},
}

// callerCovered and keyPolicyGaps are the plan-time checks the cases also exercise.
var (
	callerCovered = CallerCovered
	keyPolicyGaps = KeyPolicyGaps
)

// decoded adapts a generator to a renderer: the case's input is decoded strictly into the
// generator's own input type.
func decoded[In any](generate func(In) (string, error)) func(json.RawMessage, string) (string, error) {
	return func(raw json.RawMessage, _ string) (string, error) {
		var in In
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return generate(in)
	}
}

func strictUnmarshal(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytesReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("input %s: %w", raw, err)
	}
	return nil
}
