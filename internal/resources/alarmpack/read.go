package alarmpack

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// describeAlarmsBatch is the most alarm names DescribeAlarms accepts in one call.
const describeAlarmsBatch = 100

type observedFilter struct {
	Pattern, MetricName, Namespace, MetricValue string
	// Count > 1 only on emulators that append a filter re-put under the same name.
	Count int
}

type observedAlarm struct {
	ARN, MetricName, Namespace, Description string
	Threshold                               float64
	Period, EvaluationPeriods               int64
	ActionsEnabled                          bool
	Actions                                 []string
	Statistic, Comparison, TreatMissingData string
}

type observedTopic struct {
	Exists     bool
	KMSKeyID   string
	CanPublish bool
	// Subscriptions maps e-mail endpoints to subscription ARNs ("PendingConfirmation" until confirmed).
	Subscriptions map[string]string
}

// observed is what AWS holds for one pack, gathered with batched, paginated calls.
type observed struct {
	LogGroupExists bool
	Filters        map[string]observedFilter // by filter name
	Alarms         map[string]observedAlarm  // by alarm name
	Topic          observedTopic
}

func logGroupExists(ctx context.Context, logs *cloudwatchlogs.Client, name string) (bool, error) {
	pages := cloudwatchlogs.NewDescribeLogGroupsPaginator(logs, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return false, fmt.Errorf("looking up log group %q with DescribeLogGroups: %w", name, err)
		}
		for _, g := range page.LogGroups {
			if aws.ToString(g.LogGroupName) == name {
				return true, nil
			}
		}
	}
	return false, nil
}

// readFilters lists the log group's metric filters whose names start with prefix, one paginated
// call for the whole pack.
func readFilters(ctx context.Context, logs *cloudwatchlogs.Client, logGroup, prefix string) (map[string]observedFilter, error) {
	out := map[string]observedFilter{}
	in := &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(logGroup)}
	if prefix != "" {
		in.FilterNamePrefix = aws.String(prefix)
	}
	pages := cloudwatchlogs.NewDescribeMetricFiltersPaginator(logs, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			var nf *logstypes.ResourceNotFoundException
			if errors.As(err, &nf) {
				return out, nil
			}
			return nil, fmt.Errorf("listing metric filters of %q with DescribeMetricFilters: %w", logGroup, err)
		}
		for _, f := range page.MetricFilters {
			name := aws.ToString(f.FilterName)
			if !strings.HasPrefix(name, prefix) {
				continue
			}
			of := out[name]
			of.Count++
			if of.Count == 1 {
				of.Pattern = aws.ToString(f.FilterPattern)
				if len(f.MetricTransformations) > 0 {
					t := f.MetricTransformations[0]
					of.MetricName = aws.ToString(t.MetricName)
					of.Namespace = aws.ToString(t.MetricNamespace)
					of.MetricValue = aws.ToString(t.MetricValue)
				}
			}
			out[name] = of
		}
	}
	return out, nil
}

// readAlarms describes the named alarms, one DescribeAlarms call per 100 names.
func readAlarms(ctx context.Context, cw *cloudwatch.Client, names []string) (map[string]observedAlarm, error) {
	out := map[string]observedAlarm{}
	for start := 0; start < len(names); start += describeAlarmsBatch {
		batch := names[start:min(start+describeAlarmsBatch, len(names))]
		pages := cloudwatch.NewDescribeAlarmsPaginator(cw, &cloudwatch.DescribeAlarmsInput{
			AlarmNames: batch,
			AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm},
			MaxRecords: aws.Int32(describeAlarmsBatch),
		})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("reading alarms with DescribeAlarms: %w", err)
			}
			for _, a := range page.MetricAlarms {
				out[aws.ToString(a.AlarmName)] = observedAlarm{
					ARN:               aws.ToString(a.AlarmArn),
					MetricName:        aws.ToString(a.MetricName),
					Namespace:         aws.ToString(a.Namespace),
					Description:       aws.ToString(a.AlarmDescription),
					Threshold:         aws.ToFloat64(a.Threshold),
					Period:            int64(aws.ToInt32(a.Period)),
					EvaluationPeriods: int64(aws.ToInt32(a.EvaluationPeriods)),
					ActionsEnabled:    aws.ToBool(a.ActionsEnabled),
					Actions:           a.AlarmActions,
					Statistic:         string(a.Statistic),
					Comparison:        string(a.ComparisonOperator),
					TreatMissingData:  aws.ToString(a.TreatMissingData),
				}
			}
		}
	}
	return out, nil
}

// readTopic reports whether the topic exists, its encryption and, for a topic the pack owns, its
// policy and e-mail subscriptions.
func readTopic(ctx context.Context, client *sns.Client, topicARN, accountID string, owned bool) (observedTopic, error) {
	t := observedTopic{Subscriptions: map[string]string{}}
	if topicARN == "" {
		return t, nil
	}
	attrs, err := client.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topicARN)})
	if err != nil {
		var nf *snstypes.NotFoundException
		if errors.As(err, &nf) {
			return t, nil
		}
		return t, fmt.Errorf("reading SNS topic %s with GetTopicAttributes: %w", topicARN, err)
	}
	t.Exists = true
	t.KMSKeyID = attrs.Attributes["KmsMasterKeyId"]
	if !owned {
		return t, nil
	}
	t.CanPublish = policyLetsCloudWatchPublish(attrs.Attributes["Policy"], topicARN, accountID)
	pages := sns.NewListSubscriptionsByTopicPaginator(client, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return t, fmt.Errorf("listing subscriptions of %s: %w", topicARN, err)
		}
		for _, s := range page.Subscriptions {
			if aws.ToString(s.Protocol) == "email" {
				t.Subscriptions[aws.ToString(s.Endpoint)] = aws.ToString(s.SubscriptionArn)
			}
		}
	}
	return t, nil
}
