package policies

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// EventsForwardInput names the EventBridge rules that forward events to another region's default
// event bus (rules named RuleName, in any region of the account) and that bus's region.
type EventsForwardInput struct {
	Partition string
	AccountID string
	RuleName  string
	BusRegion string
}

func (in EventsForwardInput) check(what string) error {
	if in.Partition == "" || in.AccountID == "" || in.RuleName == "" || in.BusRegion == "" {
		return fmt.Errorf("%s: partition, account, rule name and bus region are all required (got %+v)", what, in)
	}
	return nil
}

// EventsForwardTrust is the trust policy of the role EventBridge assumes to send a rule's events
// to an event bus of another region: EventBridge only, for this account's rules of that name
// (aws:SourceAccount and aws:SourceArn, which EventBridge sets when it assumes a target's role).
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html
// https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html
func EventsForwardTrust(in EventsForwardInput) (string, error) {
	if err := in.check("event forwarding trust policy"); err != nil {
		return "", err
	}
	rules := arn.ARN{Partition: in.Partition, Service: "events", Region: "*", AccountID: in.AccountID, Resource: "rule/" + in.RuleName}
	return policydoc.Document{Statement: []policydoc.Statement{{
		Sid: "EventBridgeRulesOfThisAccount", Effect: policydoc.Allow, Principal: policydoc.Service(eventBridgeService),
		Action:    policydoc.Values{"sts:AssumeRole"},
		Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID).And("ArnLike", "aws:SourceArn", rules.String()),
	}}}.JSON()
}

// EventsForwardDelivery is that role's permissions policy: put events on the default event bus
// of the bus region, nothing else. The bus is in the same account, so it needs no bus policy.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html
func EventsForwardDelivery(in EventsForwardInput) (string, error) {
	if err := in.check("event forwarding policy"); err != nil {
		return "", err
	}
	return policydoc.Document{Statement: []policydoc.Statement{{
		Sid: "PutEventsOnTheTopicRegionBus", Effect: policydoc.Allow,
		Action: policydoc.Values{"events:PutEvents"}, Resource: policydoc.Values{DefaultEventBus(in.Partition, in.BusRegion, in.AccountID)},
	}}}.JSON()
}

// DefaultEventBus is the ARN of a region's default event bus.
func DefaultEventBus(partition, region, account string) string {
	return arn.ARN{Partition: partition, Service: "events", Region: region, AccountID: account, Resource: "event-bus/default"}.String()
}
