package alarmpack

import (
	"encoding/json"
	"slices"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const cloudWatchPublishSid = "AllowCloudWatchAlarmsToPublish"

// topicPolicy lets CloudWatch alarms publish to the topic only on behalf of this account, so
// another account's alarm cannot use the topic (confused deputy).
func topicPolicy(topicARN, accountID string) string {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":       cloudWatchPublishSid,
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
			"Action":    "sns:Publish",
			"Resource":  topicARN,
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": accountID}},
		}},
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

// policyLetsCloudWatchPublish parses the policy (never compares text, so formatting and key
// order do not matter) and looks for an Allow of sns:Publish to cloudwatch.amazonaws.com on this
// topic, scoped to this account by aws:SourceAccount, with no Deny statement for that service.
// An Allow without the condition is a weakened policy (any account's alarm could publish).
func policyLetsCloudWatchPublish(policy, topicARN, accountID string) bool {
	allowed := false
	for _, s := range policydoc.Statements(policy) {
		if !slices.Contains(policydoc.Principal(s["Principal"])["Service"], "cloudwatch.amazonaws.com") {
			continue
		}
		actions := policydoc.Strings(s["Action"])
		if !slices.Contains(actions, "sns:Publish") && !slices.Contains(actions, "sns:*") && !slices.Contains(actions, "*") {
			continue
		}
		resources := policydoc.Strings(s["Resource"])
		if !slices.Contains(resources, topicARN) && !slices.Contains(resources, "*") {
			continue
		}
		switch s["Effect"] {
		case "Deny":
			return false
		case "Allow":
			allowed = allowed || scopedToAccount(s["Condition"], accountID)
		}
	}
	return allowed
}

// scopedToAccount reports whether a condition block pins aws:SourceAccount to the account, under
// any string-equality operator.
func scopedToAccount(condition any, accountID string) bool {
	operators := policydoc.Condition(condition)
	for _, op := range []string{"StringEquals", "StringEqualsIgnoreCase", "ForAnyValue:StringEquals"} {
		if values := operators[op]["aws:SourceAccount"]; len(values) == 1 && values[0] == accountID {
			return true
		}
	}
	return false
}
