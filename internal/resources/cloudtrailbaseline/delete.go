package cloudtrailbaseline

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// destroy removes the trail first (so nothing more is delivered), then the CloudWatch objects,
// then the recorders this resource created, every region at once.
func (r *baselineResource) destroy(ctx context.Context, m resourceModel) error {
	name := m.Name.ValueString()
	if err := r.deleteTrail(ctx, name); err != nil {
		return err
	}
	if m.CloudWatchLogs != nil {
		if err := r.deleteCloudWatch(ctx, m.CloudWatchLogs.LogGroupName.ValueString(), roleNameFor(name)); err != nil {
			return err
		}
	}
	if m.ConfigAggregator != nil {
		if err := r.deleteAggregator(ctx, name); err != nil {
			return err
		}
	}
	recs := recordersFromMap(m.Recorders)
	return framework.ForEachRegion(ctx, slices.Collect(maps.Keys(recs)), func(ctx context.Context, region string) error {
		return r.deleteRegion(ctx, region, recs[region])
	})
}

func (r *baselineResource) deleteTrail(ctx context.Context, name string) error {
	_, err := r.Client.CloudTrail("").DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(name)})
	if err != nil && !framework.IsA[*cttypes.TrailNotFoundException](err) {
		return fmt.Errorf("deleting trail %s (CloudTrail DeleteTrail): %w", name, err)
	}
	return nil
}

// deleteCloudWatch removes the delivery role and the log group; absent objects are fine, so a
// half-made create can always be destroyed.
func (r *baselineResource) deleteCloudWatch(ctx context.Context, group, role string) error {
	client := r.Client.IAM()
	gone := framework.IsA[*iamtypes.NoSuchEntityException]
	if role != "" {
		if _, err := client.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(deliveryPolicyName)}); err != nil && !gone(err) {
			return fmt.Errorf("deleting policy of role %s (IAM DeleteRolePolicy): %w", role, err)
		}
		if _, err := client.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(role)}); err != nil && !gone(err) {
			return fmt.Errorf("deleting role %s (IAM DeleteRole): %w", role, err)
		}
	}
	if group != "" {
		_, err := r.Client.CloudWatchLogs("").DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(group)})
		if err != nil && !framework.IsA[*logstypes.ResourceNotFoundException](err) {
			return fmt.Errorf("deleting log group %s (CloudWatch Logs DeleteLogGroup): %w", group, err)
		}
	}
	return nil
}

// deleteRegion removes the recorder and channel this resource created in a region. Adopted
// recorders (and their channels) are left as they are, as the documentation promises.
func (r *baselineResource) deleteRegion(ctx context.Context, region string, s recorderState) error {
	if s.Adopted || s.Name == "" {
		return nil
	}
	cs := r.Client.ConfigService(region)
	view, err := r.findRegion(ctx, region)
	if err != nil {
		return err
	}
	if view.recorder == nil || aws.ToString(view.recorder.Name) != s.Name {
		// Someone replaced our recorder with theirs; it is not ours to delete.
		return nil
	}
	if _, err := cs.StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{ConfigurationRecorderName: aws.String(s.Name)}); err != nil && !configGone(err) {
		return fmt.Errorf("%s: stopping Config recorder %s: %w", region, s.Name, err)
	}
	if view.channel != nil {
		if _, err := cs.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{DeliveryChannelName: view.channel.Name}); err != nil && !configGone(err) {
			return fmt.Errorf("%s: deleting delivery channel %s: %w", region, aws.ToString(view.channel.Name), err)
		}
	}
	if _, err := cs.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{ConfigurationRecorderName: aws.String(s.Name)}); err != nil && !configGone(err) {
		return fmt.Errorf("%s: deleting Config recorder %s: %w", region, s.Name, err)
	}
	return nil
}

func configGone(err error) bool {
	return framework.IsA[*cfgtypes.NoSuchConfigurationRecorderException](err) || framework.IsA[*cfgtypes.NoSuchDeliveryChannelException](err)
}
