package alarmpack

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// describeAlarmsBatch is the most alarm names DescribeAlarms (and DeleteAlarms) accepts in one call.
const describeAlarmsBatch = 100

// tagReadConcurrency bounds the per-alarm ListTagsForResource calls of one refresh: CloudWatch
// has no batched tag read, and a bounded fan-out keeps a large pack (up to 100 alarms) fast
// without bursting past the API's request rate. The Resource Groups Tagging API's GetResources
// takes up to 100 ARNs in one call, but neither test emulator answers it for alarms as AWS does
// (LocalStack 4.14 lists no alarm at all; moto 5.2.1 ignores ResourceARNList and pages through
// every tagged resource), so that path could not be tested here, and tag drift must never be
// read from an untested source.
const tagReadConcurrency = 8

// findLogGroup returns a NotFoundError when the log group does not exist.
func findLogGroup(ctx context.Context, logs *cloudwatchlogs.Client, name string) error {
	pages := cloudwatchlogs.NewDescribeLogGroupsPaginator(logs, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
	found := false
	err := framework.EachPage(ctx, pages.HasMorePages, pages.NextPage, func(page *cloudwatchlogs.DescribeLogGroupsOutput) bool {
		found = slices.ContainsFunc(page.LogGroups, func(g logstypes.LogGroup) bool { return aws.ToString(g.LogGroupName) == name })
		return !found
	})
	switch {
	case err != nil:
		return fmt.Errorf("looking up log group %q (CloudWatch Logs DescribeLogGroups): %w", name, err)
	case !found:
		return framework.NewNotFound("log group "+name, nil)
	}
	return nil
}

// findFilters lists the log group's metric filters whose names start with prefix, one paginated
// call for the whole pack; a NotFoundError when the log group does not exist.
func findFilters(ctx context.Context, logs *cloudwatchlogs.Client, logGroup, prefix string) (map[string]observedFilter, error) {
	out := map[string]observedFilter{}
	in := &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(logGroup)}
	if prefix != "" {
		in.FilterNamePrefix = aws.String(prefix)
	}
	pages := cloudwatchlogs.NewDescribeMetricFiltersPaginator(logs, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			err = framework.AsNotFound(err, "log group "+logGroup, framework.IsA[*logstypes.ResourceNotFoundException])
			return nil, fmt.Errorf("listing metric filters of %q (CloudWatch Logs DescribeMetricFilters): %w", logGroup, err)
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

// findAlarms describes the named alarms, one DescribeAlarms call per 100 names; a missing alarm
// is missing from the map.
func findAlarms(ctx context.Context, cw *cloudwatch.Client, names []string) (map[string]observedAlarm, error) {
	out := map[string]observedAlarm{}
	for start := 0; start < len(names); start += describeAlarmsBatch {
		batch := names[start:min(start+describeAlarmsBatch, len(names))]
		pages := cloudwatch.NewDescribeAlarmsPaginator(cw, &cloudwatch.DescribeAlarmsInput{
			AlarmNames: batch,
			AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm},
			MaxRecords: aws.Int32(describeAlarmsBatch),
		})
		err := framework.EachPage(ctx, pages.HasMorePages, pages.NextPage, func(page *cloudwatch.DescribeAlarmsOutput) bool {
			for _, a := range page.MetricAlarms {
				out[aws.ToString(a.AlarmName)] = observedAlarmFrom(a)
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("reading alarms (CloudWatch DescribeAlarms): %w", err)
		}
	}
	return out, nil
}

func observedAlarmFrom(a cwtypes.MetricAlarm) observedAlarm {
	return observedAlarm{
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

// findAlarmTags adds each alarm's tags, read concurrently (at most tagReadConcurrency at once).
// An alarm deleted since it was described keeps nil tags and so counts as no tagged object.
func findAlarmTags(ctx context.Context, cw *cloudwatch.Client, alarms map[string]observedAlarm) error {
	var mu sync.Mutex
	err := framework.ForEach(ctx, sortedKeys(alarms), tagReadConcurrency, func(ctx context.Context, name string) error {
		arn := alarms[name].ARN
		out, err := cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
		if framework.IsA[*cwtypes.ResourceNotFoundException](err) || framework.IsA[*cwtypes.ResourceNotFound](err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading tags of alarm %s (CloudWatch ListTagsForResource): %w", arn, err)
		}
		tags := map[string]string{}
		for _, t := range out.Tags {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		mu.Lock()
		defer mu.Unlock()
		a := alarms[name]
		a.Tags = userTags(tags)
		alarms[name] = a
		return nil
	})
	return err
}

// findTopicAttributes returns the topic's attributes, or a NotFoundError.
func findTopicAttributes(ctx context.Context, client *sns.Client, topicARN string) (map[string]string, error) {
	out, err := client.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topicARN)})
	if err != nil {
		err = framework.AsNotFound(err, "SNS topic "+topicARN, framework.IsA[*snstypes.NotFoundException])
		return nil, fmt.Errorf("reading SNS topic %s (SNS GetTopicAttributes): %w", topicARN, err)
	}
	return out.Attributes, nil
}

// findEmailSubscriptions maps the topic's e-mail endpoints to their subscription ARNs.
func findEmailSubscriptions(ctx context.Context, client *sns.Client, topicARN string) (map[string]string, error) {
	subs := map[string]string{}
	pages := sns.NewListSubscriptionsByTopicPaginator(client, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)})
	err := framework.EachPage(ctx, pages.HasMorePages, pages.NextPage, func(page *sns.ListSubscriptionsByTopicOutput) bool {
		for _, s := range page.Subscriptions {
			if aws.ToString(s.Protocol) == "email" {
				subs[aws.ToString(s.Endpoint)] = aws.ToString(s.SubscriptionArn)
			}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("listing subscriptions of %s (SNS ListSubscriptionsByTopic): %w", topicARN, err)
	}
	return subs, nil
}

// findTopicTags returns the topic's tags, or a NotFoundError.
func findTopicTags(ctx context.Context, client *sns.Client, topicARN string) (map[string]string, error) {
	out, err := client.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(topicARN)})
	if err != nil {
		err = framework.AsNotFound(err, "SNS topic "+topicARN, func(err error) bool {
			return framework.IsA[*snstypes.NotFoundException](err) || framework.IsA[*snstypes.ResourceNotFoundException](err)
		})
		return nil, fmt.Errorf("reading tags of SNS topic %s (SNS ListTagsForResource): %w", topicARN, err)
	}
	tags := map[string]string{}
	for _, t := range out.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return userTags(tags), nil
}

// findKey describes a KMS key given by key ARN or alias ARN, or returns a NotFoundError.
func findKey(ctx context.Context, client *kms.Client, keyID string) (*kmstypes.KeyMetadata, error) {
	out, err := client.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyID)})
	if err != nil {
		err = framework.AsNotFound(err, "KMS key "+keyID, framework.IsA[*kmstypes.NotFoundException])
		return nil, fmt.Errorf("describing KMS key %s (KMS DescribeKey): %w", keyID, err)
	}
	return out.KeyMetadata, nil
}

// findKeyPolicy returns the key policy ("default", the only name KMS supports) of a key given by
// key ARN (GetKeyPolicy does not accept aliases), or a NotFoundError.
func findKeyPolicy(ctx context.Context, client *kms.Client, keyARN string) (string, error) {
	out, err := client.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if err != nil {
		err = framework.AsNotFound(err, "KMS key "+keyARN, framework.IsA[*kmstypes.NotFoundException])
		return "", fmt.Errorf("reading the key policy of %s (KMS GetKeyPolicy): %w", keyARN, err)
	}
	return aws.ToString(out.Policy), nil
}

// userTags drops the aws: tags AWS sets itself: users can neither set nor remove them, so they
// are never drift and never untagged.
func userTags(tags map[string]string) map[string]string {
	out := make(map[string]string, len(tags))
	for k, v := range tags {
		if !strings.HasPrefix(k, "aws:") {
			out[k] = v
		}
	}
	return out
}
