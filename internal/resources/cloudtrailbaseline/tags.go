package cloudtrailbaseline

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// tagChanges splits the difference between two tag sets into keys to drop and tags to set.
func tagChanges(have, want map[string]string) (remove []string, set map[string]string) {
	set = map[string]string{}
	for k := range have {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	for k, v := range want {
		if hv, ok := have[k]; !ok || hv != v {
			set[k] = v
		}
	}
	return remove, set
}

// syncCloudWatchTags keeps the log group's and the role's tags equal to the trail's, so the
// evidence inventory (tags by control) stays complete after a tag change.
func (r *baselineResource) syncCloudWatchTags(ctx context.Context, spec cloudWatchSpec) error {
	logs := r.client.CloudWatchLogs("")
	groupARN := strings.TrimSuffix(logGroupARN(r.client.Partition, r.client.HomeRegion, r.client.AccountID, spec.LogGroupName), ":*")
	lt, err := logs.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String(groupARN)})
	if err != nil {
		return fmt.Errorf("reading the tags of log group %s (CloudWatch Logs ListTagsForResource): %w", spec.LogGroupName, err)
	}
	remove, set := tagChanges(lt.Tags, spec.Tags)
	if len(remove) > 0 {
		if _, err := logs.UntagResource(ctx, &cloudwatchlogs.UntagResourceInput{ResourceArn: aws.String(groupARN), TagKeys: remove}); err != nil {
			return fmt.Errorf("untagging log group %s: %w", spec.LogGroupName, err)
		}
	}
	if len(set) > 0 {
		if _, err := logs.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String(groupARN), Tags: set}); err != nil {
			return fmt.Errorf("tagging log group %s: %w", spec.LogGroupName, err)
		}
	}

	client := r.client.IAM()
	rt, err := client.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String(spec.RoleName)})
	if err != nil {
		return fmt.Errorf("reading the tags of role %s (IAM ListRoleTags): %w", spec.RoleName, err)
	}
	have := map[string]string{}
	for _, tag := range rt.Tags {
		have[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	remove, set = tagChanges(have, spec.Tags)
	if len(remove) > 0 {
		if _, err := client.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(spec.RoleName), TagKeys: remove}); err != nil {
			return fmt.Errorf("untagging role %s: %w", spec.RoleName, err)
		}
	}
	if len(set) > 0 {
		if _, err := client.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(spec.RoleName), Tags: iamTags(set)}); err != nil {
			return fmt.Errorf("tagging role %s: %w", spec.RoleName, err)
		}
	}
	return nil
}
