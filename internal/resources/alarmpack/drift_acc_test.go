package alarmpack_test

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// One drift step per thing an operator can weaken out of band. Each step changes AWS through the
// SDK, expects the plan to update the pack and name the drifted alarm's attribute, applies, and
// (inside DriftStep) requires an empty plan afterwards.
func TestAccAlarmPack_drift(t *testing.T) {
	logGroup, prefix := newPack(t, "d")
	ctx := context.Background()
	key, err := acctest.Client(t).KMS("").CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String(prefix + "topic")})
	if err != nil {
		t.Fatalf("creating KMS key: %v", err)
	}
	t.Cleanup(func() {
		_, _ = acctest.Client(t).KMS("").ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
	})
	config := packConfig(logGroup, prefix, `  notification = {
    create_topic    = true
    kms_key_arn     = "`+aws.ToString(key.KeyMetadata.Arn)+`"
    email_endpoints = ["secops@example.com"]
  }
`)
	topicARN := "arn:aws:sns:" + acctest.Region + ":" + acctest.Client(t).AccountID + ":" + prefix + "alarms"
	steps := append([]resource.TestStep{{Config: config}}, alarmDriftSteps(t, config, logGroup, prefix)...)
	steps = append(steps, topicDriftSteps(t, config, topicARN)...)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), append(steps, resource.TestStep{Config: config, Check: exactlyOneFilterPerAlarm(t, logGroup, prefix)})))
}

// alarmDriftSteps weaken a filter or an alarm of the pack, one setting per step.
func alarmDriftSteps(t *testing.T, config, logGroup, prefix string) []resource.TestStep {
	ctx := context.Background()
	logs := func() *cloudwatchlogs.Client { return acctest.Client(t).CloudWatchLogs("") }
	cw := func() *cloudwatch.Client { return acctest.Client(t).CloudWatch("") }

	// rePutAlarm rewrites an alarm as it is, except for what edit changes, the way a console
	// user editing one field would.
	rePutAlarm := func(t *testing.T, id string, edit func(*cloudwatch.PutMetricAlarmInput)) {
		out, err := cw().DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{prefix + id}})
		if err != nil || len(out.MetricAlarms) != 1 {
			t.Fatalf("describing alarm %s: %v", prefix+id, err)
		}
		a := out.MetricAlarms[0]
		in := &cloudwatch.PutMetricAlarmInput{
			AlarmName: a.AlarmName, AlarmDescription: a.AlarmDescription, MetricName: a.MetricName, Namespace: a.Namespace,
			Statistic: a.Statistic, Period: a.Period, EvaluationPeriods: a.EvaluationPeriods, Threshold: a.Threshold,
			ComparisonOperator: a.ComparisonOperator, TreatMissingData: a.TreatMissingData, ActionsEnabled: a.ActionsEnabled,
			AlarmActions: a.AlarmActions,
		}
		edit(in)
		if _, err := cw().PutMetricAlarm(ctx, in); err != nil {
			t.Fatalf("re-putting alarm %s: %v", prefix+id, err)
		}
	}

	return []resource.TestStep{
		acctest.DriftStep(t, config, func(t *testing.T) {
			if _, err := logs().DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{
				LogGroupName: aws.String(logGroup), FilterName: aws.String(prefix + "root_account_usage"),
			}); err != nil {
				t.Fatalf("deleting filter: %v", err)
			}
		}, address, "alarms.root_account_usage.filter_name", "alarms.root_account_usage.pattern"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			// Delete, then put: the emulator would append a second filter on a bare re-put.
			name := prefix + "iam_policy_changes"
			if _, err := logs().DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{LogGroupName: aws.String(logGroup), FilterName: aws.String(name)}); err != nil {
				t.Fatalf("deleting filter: %v", err)
			}
			if _, err := logs().PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
				LogGroupName: aws.String(logGroup), FilterName: aws.String(name),
				FilterPattern: aws.String(`{ $.eventName = CreatePolicy }`),
				MetricTransformations: []logstypes.MetricTransformation{{
					MetricName: aws.String(name), MetricNamespace: aws.String("SOC2/CloudTrail"), MetricValue: aws.String("1"),
				}},
			}); err != nil {
				t.Fatalf("editing filter: %v", err)
			}
		}, address, "alarms.iam_policy_changes.pattern"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			if _, err := cw().DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{prefix + "vpc_changes"}}); err != nil {
				t.Fatalf("deleting alarm: %v", err)
			}
		}, address, "alarms.vpc_changes.alarm_arn"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			rePutAlarm(t, "nacl_changes", func(in *cloudwatch.PutMetricAlarmInput) { in.Threshold = aws.Float64(1000) })
		}, address, "alarms.nacl_changes.threshold"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			rePutAlarm(t, "security_group_changes", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmActions = nil })
		}, address, "alarms.security_group_changes.alarm_actions"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			// Re-put with actions disabled rather than DisableAlarmActions, which moto answers
			// with HTTP 500; AWS ends in the same state either way.
			rePutAlarm(t, "config_changes", func(in *cloudwatch.PutMetricAlarmInput) { in.ActionsEnabled = aws.Bool(false) })
		}, address, "alarms.config_changes.actions_enabled"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			rePutAlarm(t, "route_table_changes", func(in *cloudwatch.PutMetricAlarmInput) {
				in.Period, in.EvaluationPeriods = aws.Int32(86400), aws.Int32(2)
				in.ComparisonOperator = cwtypes.ComparisonOperatorGreaterThanThreshold
			})
		}, address, "alarms.route_table_changes.period", "alarms.route_table_changes.evaluation_periods", "alarms.route_table_changes.comparison"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			rePutAlarm(t, "console_signin_failures", func(in *cloudwatch.PutMetricAlarmInput) {
				in.TreatMissingData = aws.String("ignore")
				in.Statistic = cwtypes.StatisticAverage
			})
		}, address, "alarms.console_signin_failures.treat_missing_data", "alarms.console_signin_failures.statistic"),
	}
}

// topicDriftSteps weaken the created topic: deleted, unsubscribed, policy emptied, unencrypted.
func topicDriftSteps(t *testing.T, config, topicARN string) []resource.TestStep {
	ctx := context.Background()
	return []resource.TestStep{
		acctest.DriftStep(t, config, func(t *testing.T) {
			if _, err := acctest.Client(t).SNS("").DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topicARN)}); err != nil {
				t.Fatalf("deleting topic: %v", err)
			}
		}, address, "alarms.root_account_usage.alarm_actions", "notification.topic_arn"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			subs, err := acctest.Client(t).SNS("").ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)})
			if err != nil || len(subs.Subscriptions) == 0 {
				t.Fatalf("listing subscriptions: %v", err)
			}
			for _, s := range subs.Subscriptions {
				if _, err := acctest.Client(t).SNS("").Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: s.SubscriptionArn}); err != nil {
					t.Fatalf("unsubscribing: %v", err)
				}
			}
		}, address, "notification.email_endpoints"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			if _, err := acctest.Client(t).SNS("").SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
				TopicArn: aws.String(topicARN), AttributeName: aws.String("Policy"),
				AttributeValue: aws.String(`{"Version":"2012-10-17","Statement":[]}`),
			}); err != nil {
				t.Fatalf("replacing the topic policy: %v", err)
			}
		}, address, "notification.cloudwatch_can_publish"),
		acctest.DriftStep(t, config, func(t *testing.T) {
			if _, err := acctest.Client(t).SNS("").SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
				TopicArn: aws.String(topicARN), AttributeName: aws.String("KmsMasterKeyId"), AttributeValue: aws.String(""),
			}); err != nil {
				t.Fatalf("removing the topic's encryption: %v", err)
			}
		}, address, "notification.kms_key_arn"),
	}
}

// Tags: every alarm and the created topic carry tags merged over default_tags. A tag removed or
// changed out of band on one alarm, or on the topic, shows as tags_all changing back; apply
// re-tags that object and the plan is empty again. A key removed from tags is removed from
// every object.
func TestAccAlarmPack_tagDrift(t *testing.T) {
	logGroup, prefix := newPack(t, "t")
	ctx := context.Background()
	provider := acctest.ProviderConfig(`default_tags = { owner = "security" }`)
	config := func(tags string) string {
		return provider + fmt.Sprintf(`
resource "soc2_alarm_pack" "test" {
  log_group_name = %q
  name_prefix    = %q
  tags           = { %s }
%s
}
`, logGroup, prefix, tags, createTopic)
	}
	full := config(`team = "secops", env = "prod"`)
	client := func() *conns.AWSClient { return acctest.Client(t) }
	topicARN := "arn:aws:sns:" + acctest.Region + ":" + acctest.Client(t).AccountID + ":" + prefix + "alarms"
	alarmARN := func(id string) string {
		return "arn:aws:cloudwatch:" + acctest.Region + ":" + client().AccountID + ":alarm:" + prefix + id
	}

	resource.Test(t, acctest.Case(t, checkDestroyed(t, logGroup, prefix), []resource.TestStep{
		{Config: full, Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, "tags_all.%", "3"),
			resource.TestCheckResourceAttr(address, "tags_all.owner", "security"),
			resource.TestCheckResourceAttr(address, "tags_all.team", "secops"),
			checkTags(t, alarmARN("vpc_changes"), topicARN, map[string]string{"owner": "security", "team": "secops", "env": "prod"}),
		)},
		acctest.DriftStep(t, full, func(t *testing.T) {
			if _, err := client().CloudWatch("").UntagResource(ctx, &cloudwatch.UntagResourceInput{
				ResourceARN: aws.String(alarmARN("root_account_usage")), TagKeys: []string{"team"},
			}); err != nil {
				t.Fatalf("untagging alarm: %v", err)
			}
		}, address, "tags_all.team"),
		acctest.DriftStep(t, full, func(t *testing.T) {
			if _, err := client().CloudWatch("").TagResource(ctx, &cloudwatch.TagResourceInput{
				ResourceARN: aws.String(alarmARN("nacl_changes")), Tags: []cwtypes.Tag{{Key: aws.String("owner"), Value: aws.String("nobody")}},
			}); err != nil {
				t.Fatalf("retagging alarm: %v", err)
			}
		}, address, "tags_all.owner"),
		acctest.DriftStep(t, full, func(t *testing.T) {
			if _, err := client().SNS("").UntagResource(ctx, &sns.UntagResourceInput{
				ResourceArn: aws.String(topicARN), TagKeys: []string{"env"},
			}); err != nil {
				t.Fatalf("untagging topic: %v", err)
			}
		}, address, "tags_all.env"),
		{
			Config: config(`team = "secops"`), ConfigPlanChecks: acctest.ExpectUpdate(address, "tags_all", "tags"),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "tags_all.%", "2"),
				checkTags(t, alarmARN("vpc_changes"), topicARN, map[string]string{"owner": "security", "team": "secops"}),
			),
		},
	}))
}

// checkTags compares the tags of an alarm and of the topic in AWS with want, exactly.
func checkTags(t *testing.T, alarmARN, topicARN string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx := context.Background()
		a, err := acctest.Client(t).CloudWatch("").ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String(alarmARN)})
		if err != nil {
			return err
		}
		got := map[string]string{}
		for _, tag := range a.Tags {
			got[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
		if !maps.Equal(got, want) {
			return errorf("alarm %s has tags %v, want %v", alarmARN, got, want)
		}
		s, err := acctest.Client(t).SNS("").ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(topicARN)})
		if err != nil {
			return err
		}
		got = map[string]string{}
		for _, tag := range s.Tags {
			got[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
		if !maps.Equal(got, want) {
			return errorf("topic %s has tags %v, want %v", topicARN, got, want)
		}
		return nil
	}
}
