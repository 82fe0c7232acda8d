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
	"LogBucket": func(raw json.RawMessage, _ string) (string, error) {
		var in LogBucketInput
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return LogBucket(in)
	},
	"CloudTrailLogsTrust": func(raw json.RawMessage, _ string) (string, error) {
		var in struct{ Partition string }
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return CloudTrailLogsTrust(in.Partition)
	},
	"ConfigAggregatorTrust": func(raw json.RawMessage, _ string) (string, error) {
		var in struct{ Partition string }
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return ConfigAggregatorTrust(in.Partition)
	},
	"CloudTrailLogsDelivery": func(raw json.RawMessage, _ string) (string, error) {
		var in DeliveryInput
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return CloudTrailLogsDelivery(in)
	},
	"EventsForwardTrust": func(raw json.RawMessage, _ string) (string, error) {
		var in EventsForwardInput
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return EventsForwardTrust(in)
	},
	"EventsForwardDelivery": func(raw json.RawMessage, _ string) (string, error) {
		var in EventsForwardInput
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return EventsForwardDelivery(in)
	},
	"AlarmTopic": func(raw json.RawMessage, _ string) (string, error) {
		var in TopicInput
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return AlarmTopic(in)
	},
	"KMSKey": func(raw json.RawMessage, _ string) (string, error) {
		var in KeyPolicyInput
		if err := strictUnmarshal(raw, &in); err != nil {
			return "", err
		}
		return KeyPolicy(in)
	},
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

func strictUnmarshal(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytesReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("input %s: %w", raw, err)
	}
	return nil
}
