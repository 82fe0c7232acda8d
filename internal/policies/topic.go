package policies

import (
	"fmt"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const (
	cloudWatchService  = "cloudwatch.amazonaws.com"
	eventBridgeService = "events.amazonaws.com"
	// SidAllowEventBridgeRules is the statement that lets this account's EventBridge rules publish.
	SidAllowEventBridgeRules = "AllowEventBridgeRulesToPublish"
	// SidAllowCloudWatchAlarms is the topic policy statement; stable, the alarm pack reads it.
	SidAllowCloudWatchAlarms = "AllowCloudWatchAlarmsToPublish"
)

// TopicInput names the alarm topic and the account whose alarms publish to it.
type TopicInput struct {
	TopicARN  string
	AccountID string
	// AllowEventBridge adds the statement that lets this account's EventBridge rules (in the
	// topic's region) publish, for rules that send events such as Access Analyzer findings.
	AllowEventBridge bool
}

// AlarmTopic is the alarm topic's policy: CloudWatch alarms of this account, in the topic's
// region, may publish. The alarm is the source (aws:SourceArn arn:<p>:cloudwatch:<region>:
// <account>:alarm:<name>, as AWS's own error for a refused publish names it), so another
// account's alarm cannot use the topic.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
// https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
func AlarmTopic(in TopicInput) (string, error) {
	topic, err := arn.Parse(in.TopicARN)
	if err != nil || topic.Service != "sns" {
		return "", fmt.Errorf("alarm topic policy: %q is not an SNS topic ARN", in.TopicARN)
	}
	if in.AccountID == "" {
		return "", fmt.Errorf("alarm topic policy for %s: account is empty", in.TopicARN)
	}
	statements := []policydoc.Statement{{
		Sid: SidAllowCloudWatchAlarms, Effect: policydoc.Allow, Principal: policydoc.Service(cloudWatchService),
		Action: policydoc.Values{"sns:Publish"}, Resource: policydoc.Values{in.TopicARN},
		Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID).
			And("ArnLike", "aws:SourceArn", alarmsOf(topic.Partition, topic.Region, in.AccountID)),
	}}
	if in.AllowEventBridge {
		statements = append(statements, eventBridgeStatement(topic, in))
	}
	return policydoc.Document{Statement: statements}.JSON()
}

// eventBridgeStatement lets EventBridge rules of this account publish. EventBridge publishes to a
// topic with the topic's resource policy, and sets aws:SourceArn to the rule's ARN; a rule targets
// a topic of its own region only, so the rule ARN is pinned to the topic's region and account.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
func eventBridgeStatement(topic arn.ARN, in TopicInput) policydoc.Statement {
	rules := arn.ARN{Partition: topic.Partition, Service: "events", Region: topic.Region, AccountID: in.AccountID, Resource: "rule/*"}
	return policydoc.Statement{
		Sid: SidAllowEventBridgeRules, Effect: policydoc.Allow, Principal: policydoc.Service(eventBridgeService),
		Action: policydoc.Values{"sns:Publish"}, Resource: policydoc.Values{in.TopicARN},
		Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID).
			And("ArnLike", "aws:SourceArn", rules.String()),
	}
}

func alarmsOf(partition, region, account string) string {
	return arns.Alarm(partition, region, account, "*")
}

// TopicAllowsCloudWatch reports whether the topic policy lets this account's CloudWatch alarms
// publish and refuses another account's: an Allow without the account scope is a weakened
// policy (any account's alarm could publish) and reports false too.
func TopicAllowsCloudWatch(policy, topicARN, accountID string) bool {
	topic, err := arn.Parse(topicARN)
	if err != nil {
		return false
	}
	publish := func(account string) policydoc.Decision {
		return policydoc.Evaluate(policy, policydoc.Request{
			Service: cloudWatchService, Action: "sns:Publish", Resource: topicARN,
			Context: map[string][]string{
				"aws:SourceAccount": {account},
				"aws:SourceArn":     {arns.Alarm(topic.Partition, topic.Region, account, "probe")},
			},
		})
	}
	return publish(accountID) == policydoc.Allowed && publish(otherAccount(accountID)) != policydoc.Allowed
}

// TopicAllowsEventBridge reports whether the topic policy lets this account's EventBridge rules
// in the topic's region publish, and refuses another account's rules.
func TopicAllowsEventBridge(policy, topicARN, accountID string) bool {
	topic, err := arn.Parse(topicARN)
	if err != nil {
		return false
	}
	publish := func(account string) policydoc.Decision {
		rule := arn.ARN{Partition: topic.Partition, Service: "events", Region: topic.Region, AccountID: account, Resource: "rule/probe"}
		return policydoc.Evaluate(policy, policydoc.Request{
			Service: eventBridgeService, Action: "sns:Publish", Resource: topicARN,
			Context: map[string][]string{"aws:SourceAccount": {account}, "aws:SourceArn": {rule.String()}},
		})
	}
	return publish(accountID) == policydoc.Allowed && publish(otherAccount(accountID)) != policydoc.Allowed
}

// otherAccount is an account id that is not the given one.
func otherAccount(account string) string {
	if account == "999999999999" {
		return "888888888888"
	}
	return "999999999999"
}
