package alarmpack

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// destroy removes every filter and alarm of the pack and the topic it created; a topic given by
// sns_topic_arn is not the pack's and stays. Objects already gone are fine.
func (r *alarmPackResource) destroy(ctx context.Context, st packModel) diag.Diagnostics {
	s, diags := specFromModel(ctx, st)
	ids := slices.Sorted(maps.Keys(st.alarmEntries(ctx, &diags)))
	if diags.HasError() {
		return diags
	}
	logs := r.Client.CloudWatchLogs("")
	filters, err := findFilters(ctx, logs, s.LogGroupName, s.NamePrefix)
	var errs []error
	if err != nil && !framework.NotFound(err) {
		errs = append(errs, err)
	}
	for _, id := range ids {
		if f, ok := filters[s.filterName(id)]; ok {
			if err := deleteFilter(ctx, logs, s.LogGroupName, s.filterName(id), f.Count); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := deleteAlarms(ctx, r.Client.CloudWatch(""), s.alarmNames(ids)); err != nil {
		errs = append(errs, err)
	}
	if s.Notification.CreateTopic {
		if topicARN, ok := r.topicARN(s); ok {
			if err := deleteTopic(ctx, r.Client.SNS(""), topicARN); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		diags.AddError("Cannot delete the alarm pack", err.Error())
	}
	return diags
}

// deleteFilter deletes count filters of the name (more than one only where an emulator appended
// duplicates); a filter already gone is fine.
func deleteFilter(ctx context.Context, logs *cloudwatchlogs.Client, logGroup, name string, count int) error {
	for range max(count, 1) {
		_, err := logs.DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{
			LogGroupName: aws.String(logGroup), FilterName: aws.String(name),
		})
		if framework.IsA[*logstypes.ResourceNotFoundException](err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("deleting metric filter %q of log group %q (CloudWatch Logs DeleteMetricFilter): %w", name, logGroup, err)
		}
	}
	return nil
}

// deleteAlarms removes alarms in batches of 100, the most DeleteAlarms takes.
func deleteAlarms(ctx context.Context, cw *cloudwatch.Client, names []string) error {
	for start := 0; start < len(names); start += describeAlarmsBatch {
		batch := names[start:min(start+describeAlarmsBatch, len(names))]
		_, err := cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: batch})
		if err != nil && !framework.IsA[*cwtypes.ResourceNotFound](err) {
			return fmt.Errorf("deleting CloudWatch alarms %v (CloudWatch DeleteAlarms): %w", batch, err)
		}
	}
	return nil
}

func deleteTopic(ctx context.Context, client *sns.Client, topicARN string) error {
	_, err := client.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topicARN)})
	if err != nil && !framework.IsA[*snstypes.NotFoundException](err) {
		return fmt.Errorf("deleting SNS topic %s (SNS DeleteTopic): %w", topicARN, err)
	}
	return nil
}
