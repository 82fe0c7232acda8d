package cloudtrailbaseline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const configSLRPath = "/aws-service-role/config.amazonaws.com/"

// channelSpec is the delivery channel every recorded region gets.
type channelSpec struct {
	Bucket      string
	Prefix      string
	Frequency   string
	SNSTopicARN string
}

// findConfigRole finds the AWS Config service-linked role by its path, because its name differs
// between AWS (AWSServiceRoleForConfig) and emulators; the ARN is always the one IAM reports.
func (r *baselineResource) findConfigRole(ctx context.Context) (string, error) {
	p := iam.NewListRolesPaginator(r.client.IAM(), &iam.ListRolesInput{PathPrefix: aws.String(configSLRPath)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", fmt.Errorf("looking for the AWS Config service-linked role (IAM ListRoles): %w", err)
		}
		for _, role := range page.Roles {
			if strings.EqualFold(aws.ToString(role.RoleName), "AWSServiceRoleForConfig") {
				return aws.ToString(role.Arn), nil
			}
		}
	}
	return "", nil
}

func (r *baselineResource) ensureConfigRole(ctx context.Context) (string, error) {
	if arn, err := r.findConfigRole(ctx); err != nil || arn != "" {
		return arn, err
	}
	out, err := r.client.IAM().CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String("config.amazonaws.com")})
	if err == nil {
		return aws.ToString(out.Role.Arn), nil
	}
	// Another apply may have made it in between: "already exists" is success.
	if arn, findErr := r.findConfigRole(ctx); findErr == nil && arn != "" {
		return arn, nil
	}
	return "", fmt.Errorf("creating the AWS Config service-linked role (IAM CreateServiceLinkedRole): %w", err)
}

// regionView is what one region holds: its recorder (at most one) and delivery channel.
type regionView struct {
	recorder *cfgtypes.ConfigurationRecorder
	status   *cfgtypes.ConfigurationRecorderStatus
	channel  *cfgtypes.DeliveryChannel
}

func (r *baselineResource) readRegion(ctx context.Context, region string) (regionView, error) {
	var v regionView
	cs := r.client.ConfigService(region)
	recs, err := cs.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return v, fmt.Errorf("%s: reading the Config recorder (DescribeConfigurationRecorders): %w", region, err)
	}
	for i := range recs.ConfigurationRecorders {
		// Service-linked recorders (owned by another AWS service) do not count against the
		// one-per-region limit and are not ours to adopt.
		if recs.ConfigurationRecorders[i].ServicePrincipal == nil {
			v.recorder = &recs.ConfigurationRecorders[i]
			break
		}
	}
	if v.recorder != nil {
		st, err := cs.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{
			ConfigurationRecorderNames: []string{aws.ToString(v.recorder.Name)},
		})
		if err != nil {
			return v, fmt.Errorf("%s: reading the recorder status (DescribeConfigurationRecorderStatus): %w", region, err)
		}
		if len(st.ConfigurationRecordersStatus) > 0 {
			v.status = &st.ConfigurationRecordersStatus[0]
		}
	}
	chans, err := cs.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
	if err != nil {
		return v, fmt.Errorf("%s: reading the delivery channel (DescribeDeliveryChannels): %w", region, err)
	}
	if len(chans.DeliveryChannels) > 0 {
		v.channel = &chans.DeliveryChannels[0]
	}
	return v, nil
}

// state turns a region's view into its recorders-map entry; prior supplies what AWS cannot tell
// (whether the recorder was adopted, its name once deleted).
func (v regionView) state(prior recorderState) recorderState {
	s := recorderState{Name: prior.Name, Adopted: prior.Adopted}
	if v.recorder != nil {
		s.Name = aws.ToString(v.recorder.Name)
		s.RoleARN = aws.ToString(v.recorder.RoleARN)
		if g := v.recorder.RecordingGroup; g != nil {
			s.AllSupported = g.AllSupported && len(g.ResourceTypes) == 0
			s.IncludeGlobalResourceTypes = g.IncludeGlobalResourceTypes
		} else {
			// No recording group means AWS's default: all supported, global types excluded.
			s.AllSupported = true
		}
	}
	if v.status != nil {
		s.Recording = v.status.Recording
		s.Status = string(v.status.LastStatus)
	}
	if v.channel != nil {
		s.DeliveryChannel = aws.ToString(v.channel.Name)
		s.DeliveryS3Bucket = aws.ToString(v.channel.S3BucketName)
	}
	return s
}

// ensureRegion hardens one region. What it creates and then fails to finish is removed again,
// so a failed region leaves nothing behind; an adopted recorder is never removed.
func (r *baselineResource) ensureRegion(ctx context.Context, region, name, roleARN string, ch channelSpec, prior recorderState) (result recorderState, err error) {
	cs := r.client.ConfigService(region)
	view, err := r.readRegion(ctx, region)
	if err != nil {
		return prior, err
	}
	home := region == r.client.HomeRegion
	result = view.state(prior)
	createdRecorder, createdChannel := false, false
	defer func() {
		if err == nil {
			return
		}
		if createdChannel {
			_, _ = cs.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{DeliveryChannelName: aws.String(result.DeliveryChannel)})
		}
		if createdRecorder {
			_, _ = cs.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{ConfigurationRecorderName: aws.String(result.Name)})
		}
	}()

	recorderName := name
	if view.recorder != nil {
		recorderName = aws.ToString(view.recorder.Name)
		if prior.Name == "" && recorderName != name {
			result.Adopted = true
			tflog.Info(ctx, "adopting the existing AWS Config recorder", map[string]any{"region": region, "recorder": recorderName})
		}
	}
	result.Name = recorderName
	if view.recorder == nil || !result.AllSupported || result.IncludeGlobalResourceTypes != home || result.RoleARN != roleARN {
		_, err = cs.PutConfigurationRecorder(ctx, &configservice.PutConfigurationRecorderInput{
			ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{
				Name:    aws.String(recorderName),
				RoleARN: aws.String(roleARN),
				RecordingGroup: &cfgtypes.RecordingGroup{
					AllSupported:               true,
					IncludeGlobalResourceTypes: home,
				},
			},
		})
		if err != nil {
			return result, fmt.Errorf("%s: writing Config recorder %s (PutConfigurationRecorder): %w", region, recorderName, err)
		}
		createdRecorder = view.recorder == nil
	}

	channelName := recorderName
	if view.channel != nil {
		channelName = aws.ToString(view.channel.Name)
	}
	if view.channel == nil || !sameChannel(view.channel, ch) {
		in := &cfgtypes.DeliveryChannel{
			Name:         aws.String(channelName),
			S3BucketName: aws.String(ch.Bucket),
			ConfigSnapshotDeliveryProperties: &cfgtypes.ConfigSnapshotDeliveryProperties{
				DeliveryFrequency: cfgtypes.MaximumExecutionFrequency(ch.Frequency),
			},
		}
		if ch.Prefix != "" {
			in.S3KeyPrefix = aws.String(ch.Prefix)
		}
		if ch.SNSTopicARN != "" {
			in.SnsTopicARN = aws.String(ch.SNSTopicARN)
		}
		if _, err = cs.PutDeliveryChannel(ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: in}); err != nil {
			return result, fmt.Errorf("%s: writing delivery channel %s (PutDeliveryChannel): %w", region, channelName, err)
		}
		createdChannel = view.channel == nil
	}
	result.DeliveryChannel = channelName

	if view.status == nil || !view.status.Recording {
		if _, err = cs.StartConfigurationRecorder(ctx, &configservice.StartConfigurationRecorderInput{ConfigurationRecorderName: aws.String(recorderName)}); err != nil {
			return result, fmt.Errorf("%s: starting Config recorder %s (StartConfigurationRecorder): %w", region, recorderName, err)
		}
	}
	final, err := r.readRegion(ctx, region)
	if err != nil {
		return result, err
	}
	adopted := result.Adopted
	result = final.state(recorderState{Name: recorderName, Adopted: adopted})
	return result, nil
}

func sameChannel(c *cfgtypes.DeliveryChannel, want channelSpec) bool {
	freq := ""
	if c.ConfigSnapshotDeliveryProperties != nil {
		freq = string(c.ConfigSnapshotDeliveryProperties.DeliveryFrequency)
	}
	return aws.ToString(c.S3BucketName) == want.Bucket && aws.ToString(c.S3KeyPrefix) == want.Prefix &&
		aws.ToString(c.SnsTopicARN) == want.SNSTopicARN && freq == want.Frequency
}

// deleteRegion removes the recorder and channel this resource created in a region. Adopted
// recorders (and their channels) are left as they are, as the documentation promises.
func (r *baselineResource) deleteRegion(ctx context.Context, region string, s recorderState) error {
	if s.Adopted || s.Name == "" {
		return nil
	}
	cs := r.client.ConfigService(region)
	view, err := r.readRegion(ctx, region)
	if err != nil {
		return err
	}
	if view.recorder == nil || aws.ToString(view.recorder.Name) != s.Name {
		// Someone replaced our recorder with theirs; it is not ours to delete.
		return nil
	}
	if _, err := cs.StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{ConfigurationRecorderName: aws.String(s.Name)}); err != nil && !isConfigNotFound(err) {
		return fmt.Errorf("%s: stopping Config recorder %s: %w", region, s.Name, err)
	}
	if view.channel != nil {
		if _, err := cs.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{DeliveryChannelName: view.channel.Name}); err != nil && !isConfigNotFound(err) {
			return fmt.Errorf("%s: deleting delivery channel %s: %w", region, aws.ToString(view.channel.Name), err)
		}
	}
	if _, err := cs.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{ConfigurationRecorderName: aws.String(s.Name)}); err != nil && !isConfigNotFound(err) {
		return fmt.Errorf("%s: deleting Config recorder %s: %w", region, s.Name, err)
	}
	return nil
}

func isConfigNotFound(err error) bool {
	var r *cfgtypes.NoSuchConfigurationRecorderException
	var c *cfgtypes.NoSuchDeliveryChannelException
	return errors.As(err, &r) || errors.As(err, &c)
}
