package cloudtrailbaseline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// deliveryPolicyName is the inline policy of the CloudWatch Logs delivery role.
const deliveryPolicyName = "cloudtrail-cloudwatch-logs-delivery"

// roleNameFor derives the delivery role's name from the trail's, within IAM's 64 characters; a
// hash keeps long names distinct.
func roleNameFor(trailName string) string {
	name := "soc2-cloudtrail-" + trailName
	if len(name) <= 64 {
		return name
	}
	sum := sha256.Sum256([]byte(trailName))
	return name[:55] + "-" + hex.EncodeToString(sum[:])[:8]
}

func trailARN(partition, region, account, name string) string {
	return fmt.Sprintf("arn:%s:cloudtrail:%s:%s:trail/%s", partition, region, account, name)
}

// logGroupARN is the `:*` form that CloudTrail's CloudWatchLogsLogGroupArn requires.
func logGroupARN(partition, region, account, name string) string {
	return fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s:*", partition, region, account, name)
}

func roleARN(partition, account, name string) string {
	return fmt.Sprintf("arn:%s:iam::%s:role/%s", partition, account, name)
}

// trustPolicy lets only CloudTrail assume the role, and only on behalf of this trail in this
// account (the confused-deputy guard).
func trustPolicy(account, trail string) string {
	return mustJSON(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":       "CloudTrailOnly",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudtrail.amazonaws.com"},
			"Action":    "sts:AssumeRole",
			"Condition": map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": account},
				"ArnLike":      map[string]any{"aws:SourceArn": trail},
			},
		}},
	})
}

// deliveryPolicy allows writing the trail's events into the log group's streams and nothing else.
func deliveryPolicy(partition, region, account, group string) string {
	return mustJSON(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":      "WriteTrailEvents",
			"Effect":   "Allow",
			"Action":   []any{"logs:CreateLogStream", "logs:PutLogEvents"},
			"Resource": fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s:log-stream:*", partition, region, account, group),
		}},
	})
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
