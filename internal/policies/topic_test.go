package policies

import "testing"

func TestAlarmTopicEventBridgeStatement(t *testing.T) {
	const topic, account = "arn:aws:sns:us-east-1:111122223333:soc2-alarms", "111122223333"
	without, err := AlarmTopic(TopicInput{TopicARN: topic, AccountID: account})
	if err != nil {
		t.Fatal(err)
	}
	with, err := AlarmTopic(TopicInput{TopicARN: topic, AccountID: account, AllowEventBridge: true})
	if err != nil {
		t.Fatal(err)
	}
	if TopicAllowsEventBridge(without, topic, account) {
		t.Error("the CloudWatch-only policy lets EventBridge publish")
	}
	if !TopicAllowsEventBridge(with, topic, account) || !TopicAllowsCloudWatch(with, topic, account) {
		t.Errorf("with AllowEventBridge, EventBridge and CloudWatch must both publish: %s", with)
	}
	open := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"` + topic + `"}]}`
	if TopicAllowsEventBridge(open, topic, account) {
		t.Error("an Allow without the account scope lets any account's rules publish: must report false")
	}
}
