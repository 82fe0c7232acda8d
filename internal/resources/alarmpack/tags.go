package alarmpack

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// retag applies changed tags to existing alarms and the topic; PutMetricAlarm ignores tags of an
// alarm that already exists. Removed keys are left in place: tags are not a hardened setting.
func (r *alarmPackResource) retag(ctx context.Context, s packSpec, specs map[string]alarmSpec, topicARN string, tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	var cwTags []cwtypes.Tag
	var snsTags []snstypes.Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		cwTags = append(cwTags, cwtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
		snsTags = append(snsTags, snstypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	for _, id := range slices.Sorted(maps.Keys(specs)) {
		arn := r.alarmARN(s.alarmName(id))
		if _, err := r.client.CloudWatch("").TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: aws.String(arn), Tags: cwTags}); err != nil {
			return fmt.Errorf("tagging alarm %s: %w", arn, err)
		}
	}
	if s.Notification.CreateTopic {
		if _, err := r.client.SNS("").TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topicARN), Tags: snsTags}); err != nil {
			return fmt.Errorf("tagging SNS topic %s: %w", topicARN, err)
		}
	}
	return nil
}
