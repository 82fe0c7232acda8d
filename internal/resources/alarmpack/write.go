package alarmpack

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// metricValue is what each matching event adds to the metric; alarms compare the Sum.
const metricValue = "1"

// The evaluation every alarm of the pack uses: any matching event in a period counts, and a
// period without events is the healthy state, not missing evidence.
const (
	alarmStatistic        = string(cwtypes.StatisticSum)
	alarmComparison       = string(cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold)
	alarmTreatMissingData = "notBreaching"
)

// filterMatches reports whether the filter in AWS is exactly the one the pack wants.
func filterMatches(f observedFilter, ok bool, s packSpec, a alarmSpec) bool {
	return ok && f.Count == 1 && f.Pattern == a.Pattern && f.MetricName == s.metricName(a.ID) &&
		f.Namespace == s.Namespace && f.MetricValue == metricValue
}

// alarmMatches reports whether the alarm in AWS is exactly the one the pack wants.
func alarmMatches(o observedAlarm, ok bool, s packSpec, a alarmSpec, actions []string) bool {
	return ok && o.Threshold == float64(a.Threshold) && o.Period == a.Period &&
		o.EvaluationPeriods == a.EvaluationPeriods && o.ActionsEnabled && slices.Equal(o.Actions, actions) &&
		o.MetricName == s.metricName(a.ID) && o.Namespace == s.Namespace && o.Description == alarmDescription(s, a) &&
		o.Statistic == alarmStatistic && o.Comparison == alarmComparison && o.TreatMissingData == alarmTreatMissingData
}

// putFilter deletes an existing filter of the same name before putting it: AWS overwrites in
// place, but some emulators append a second filter, and a pack must own exactly one per alarm.
func putFilter(ctx context.Context, logs *cloudwatchlogs.Client, s packSpec, a alarmSpec, existing int) error {
	name := s.filterName(a.ID)
	if existing > 0 {
		if err := deleteFilter(ctx, logs, s.LogGroupName, name, existing); err != nil {
			return err
		}
	}
	_, err := logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName:  aws.String(s.LogGroupName),
		FilterName:    aws.String(name),
		FilterPattern: aws.String(a.Pattern),
		MetricTransformations: []logstypes.MetricTransformation{{
			MetricName:      aws.String(s.metricName(a.ID)),
			MetricNamespace: aws.String(s.Namespace),
			MetricValue:     aws.String(metricValue),
		}},
	})
	if err != nil {
		return fmt.Errorf("putting metric filter %q of alarm %q on log group %q: %w", name, a.ID, s.LogGroupName, err)
	}
	tflog.Debug(ctx, "put metric filter", map[string]any{"filter": name})
	return nil
}

func deleteFilter(ctx context.Context, logs *cloudwatchlogs.Client, logGroup, name string, count int) error {
	for range max(count, 1) {
		_, err := logs.DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{
			LogGroupName: aws.String(logGroup), FilterName: aws.String(name),
		})
		var nf *logstypes.ResourceNotFoundException
		if errors.As(err, &nf) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("deleting metric filter %q of log group %q: %w", name, logGroup, err)
		}
	}
	return nil
}

func putAlarm(ctx context.Context, cw *cloudwatch.Client, s packSpec, a alarmSpec, actions []string, tags map[string]string) error {
	name := s.alarmName(a.ID)
	in := &cloudwatch.PutMetricAlarmInput{
		AlarmName:          aws.String(name),
		AlarmDescription:   aws.String(alarmDescription(s, a)),
		MetricName:         aws.String(s.metricName(a.ID)),
		Namespace:          aws.String(s.Namespace),
		Statistic:          cwtypes.Statistic(alarmStatistic),
		Period:             aws.Int32(int32(a.Period)),
		EvaluationPeriods:  aws.Int32(int32(a.EvaluationPeriods)),
		Threshold:          aws.Float64(float64(a.Threshold)),
		ComparisonOperator: cwtypes.ComparisonOperator(alarmComparison),
		TreatMissingData:   aws.String(alarmTreatMissingData),
		ActionsEnabled:     aws.Bool(true),
		AlarmActions:       actions,
	}
	for _, k := range sortedKeys(tags) {
		in.Tags = append(in.Tags, cwtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	if _, err := cw.PutMetricAlarm(ctx, in); err != nil {
		return fmt.Errorf("putting CloudWatch alarm %q of alarm %q: %w", name, a.ID, err)
	}
	tflog.Debug(ctx, "put metric alarm", map[string]any{"alarm": name})
	return nil
}

// deleteAlarms removes alarms in batches of 100, the most DeleteAlarms takes.
func deleteAlarms(ctx context.Context, cw *cloudwatch.Client, names []string) error {
	for start := 0; start < len(names); start += describeAlarmsBatch {
		batch := names[start:min(start+describeAlarmsBatch, len(names))]
		if _, err := cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: batch}); err != nil {
			var nf *cwtypes.ResourceNotFound
			if errors.As(err, &nf) {
				continue
			}
			return fmt.Errorf("deleting CloudWatch alarms %v: %w", batch, err)
		}
	}
	return nil
}

// ensureTopic creates the pack's topic or repairs its policy and encryption, then makes the e-mail
// subscriptions match. CreateTopic is idempotent for an unchanged name and attributes.
func ensureTopic(ctx context.Context, client *sns.Client, s packSpec, topicARN, accountID string, current observedTopic, tags map[string]string) error {
	policy := topicPolicy(topicARN, accountID)
	if !current.Exists {
		attrs := map[string]string{"Policy": policy}
		if s.Notification.KMSKeyARN != "" {
			attrs["KmsMasterKeyId"] = s.Notification.KMSKeyARN
		}
		in := &sns.CreateTopicInput{Name: aws.String(s.topicName()), Attributes: attrs}
		for _, k := range sortedKeys(tags) {
			in.Tags = append(in.Tags, snstypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
		}
		if _, err := client.CreateTopic(ctx, in); err != nil {
			return fmt.Errorf("creating SNS topic %q: %w", s.topicName(), err)
		}
		current = observedTopic{Exists: true, Subscriptions: map[string]string{}}
	} else {
		if !current.CanPublish {
			if err := setTopicAttribute(ctx, client, topicARN, "Policy", policy); err != nil {
				return err
			}
		}
		if current.KMSKeyID != s.Notification.KMSKeyARN {
			if err := setTopicAttribute(ctx, client, topicARN, "KmsMasterKeyId", s.Notification.KMSKeyARN); err != nil {
				return err
			}
		}
	}
	for _, email := range s.Notification.EmailEndpoints {
		if _, ok := current.Subscriptions[email]; ok {
			continue
		}
		if _, err := client.Subscribe(ctx, &sns.SubscribeInput{
			TopicArn: aws.String(topicARN), Protocol: aws.String("email"), Endpoint: aws.String(email),
		}); err != nil {
			return fmt.Errorf("subscribing %q to %s: %w", email, topicARN, err)
		}
	}
	for email, subARN := range current.Subscriptions {
		if slices.Contains(s.Notification.EmailEndpoints, email) || !isARN(subARN) {
			// A pending subscription has no ARN yet and cannot be removed; it lapses after three days.
			continue
		}
		if _, err := client.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(subARN)}); err != nil {
			return fmt.Errorf("unsubscribing %q from %s: %w", email, topicARN, err)
		}
	}
	return nil
}

func setTopicAttribute(ctx context.Context, client *sns.Client, topicARN, name, value string) error {
	_, err := client.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
		TopicArn: aws.String(topicARN), AttributeName: aws.String(name), AttributeValue: aws.String(value),
	})
	if err != nil {
		return fmt.Errorf("setting %s of SNS topic %s: %w", name, topicARN, err)
	}
	return nil
}

func deleteTopic(ctx context.Context, client *sns.Client, topicARN string) error {
	_, err := client.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topicARN)})
	var nf *snstypes.NotFoundException
	if err != nil && !errors.As(err, &nf) {
		return fmt.Errorf("deleting SNS topic %s: %w", topicARN, err)
	}
	return nil
}

func isARN(s string) bool { return len(s) > 4 && s[:4] == "arn:" }
