package cloudtrailbaseline

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// The Config recorder steps: the service-linked role once, then every region at once.

func (r *baselineResource) ensureConfigRole(ctx context.Context) (string, error) {
	arn, err := r.findConfigRole(ctx)
	if !framework.NotFound(err) {
		return arn, err
	}
	out, err := r.Client.IAM().CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{AWSServiceName: aws.String("config.amazonaws.com")})
	if err == nil {
		return aws.ToString(out.Role.Arn), nil
	}
	// Another apply may have made it in between: "already exists" is success.
	if arn, findErr := r.findConfigRole(ctx); findErr == nil {
		return arn, nil
	}
	return "", fmt.Errorf("creating the AWS Config service-linked role (IAM CreateServiceLinkedRole): %w", err)
}

// regionJob is what hardening one region needs.
type regionJob struct {
	Region string
	// Name is the recorder (and channel) name to create; an existing recorder keeps its own.
	Name    string
	RoleARN string
	Channel channelSpec
	// Tags go on a recorder this resource creates (AWS Config tags recorders at creation).
	Tags  map[string]string
	Prior recorderState
}

func (r *baselineResource) applyRecorders(ctx context.Context, plan resourceModel, prior map[string]recorderState) (map[string]recorderState, error) {
	roleARN, err := r.ensureConfigRole(ctx)
	if err != nil {
		// Nothing regional was touched yet: keep what the prior state knew.
		return maps.Clone(prior), err
	}
	results := map[string]recorderState{}
	var mu sync.Mutex
	err = framework.ForEachRegion(ctx, framework.KnownStrings(plan.ConfigRecorder.Regions), func(ctx context.Context, region string) error {
		res, err := r.ensureRegion(ctx, regionJob{
			Region: region, Name: plan.Name.ValueString(), RoleARN: roleARN,
			Channel: desiredChannel(plan), Tags: desiredTags(r.Client, plan), Prior: prior[region],
		})
		mu.Lock()
		defer mu.Unlock()
		// A failed region that made nothing is not recorded; one that adopted or kept a recorder is.
		if err == nil || res.Name != "" {
			results[region] = res
		}
		return err
	})
	return results, err
}

// regionUndo remembers what ensureRegion created, to remove it again if the region fails.
type regionUndo struct {
	recorder, channel string
}

// ensureRegion hardens one region. What it creates and then fails to finish is removed again,
// so a failed region leaves nothing behind; an adopted recorder is never removed.
func (r *baselineResource) ensureRegion(ctx context.Context, job regionJob) (result recorderState, err error) {
	view, err := r.findRegion(ctx, job.Region)
	if err != nil {
		return job.Prior, err
	}
	cs := r.Client.ConfigService(job.Region)
	var undo regionUndo
	defer func() {
		if err == nil {
			return
		}
		if undo.channel != "" {
			_, _ = cs.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{DeliveryChannelName: aws.String(undo.channel)})
		}
		if undo.recorder != "" {
			_, _ = cs.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{ConfigurationRecorderName: aws.String(undo.recorder)})
		}
	}()
	result = view.state(job.Prior)
	if view.recorder != nil && job.Prior.Name == "" && aws.ToString(view.recorder.Name) != job.Name {
		result.Adopted = true
		tflog.Info(ctx, "adopting the existing AWS Config recorder", map[string]any{"region": job.Region, "recorder": aws.ToString(view.recorder.Name)})
	}
	if result.Name, err = r.ensureRecorder(ctx, job, view, result, &undo); err != nil {
		return result, err
	}
	if result.DeliveryChannel, err = r.ensureChannel(ctx, job, view, result.Name, &undo); err != nil {
		return result, err
	}
	if view.status == nil || !view.status.Recording {
		if _, err = cs.StartConfigurationRecorder(ctx, &configservice.StartConfigurationRecorderInput{ConfigurationRecorderName: aws.String(result.Name)}); err != nil {
			return result, fmt.Errorf("%s: starting Config recorder %s (StartConfigurationRecorder): %w", job.Region, result.Name, err)
		}
	}
	final, err := r.findRegion(ctx, job.Region)
	if err != nil {
		return result, err
	}
	return final.state(recorderState{Name: result.Name, Adopted: result.Adopted}), nil
}

// ensureRecorder writes the recorder when it is missing or not hardened, and returns its name.
func (r *baselineResource) ensureRecorder(ctx context.Context, job regionJob, view regionView, have recorderState, undo *regionUndo) (string, error) {
	name := job.Name
	if view.recorder != nil {
		name = aws.ToString(view.recorder.Name)
	}
	home := job.Region == r.Client.HomeRegion
	if view.recorder != nil && have.AllSupported && have.IncludeGlobalResourceTypes == home && have.RoleARN == job.RoleARN {
		return name, nil
	}
	in := &configservice.PutConfigurationRecorderInput{
		ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{
			Name:           aws.String(name),
			RoleARN:        aws.String(job.RoleARN),
			RecordingGroup: &cfgtypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: home},
		},
	}
	if view.recorder == nil && len(job.Tags) > 0 {
		in.Tags = configTags(job.Tags)
	}
	if _, err := r.Client.ConfigService(job.Region).PutConfigurationRecorder(ctx, in); err != nil {
		return name, fmt.Errorf("%s: writing Config recorder %s (PutConfigurationRecorder): %w", job.Region, name, err)
	}
	if view.recorder == nil {
		undo.recorder = name
	}
	return name, nil
}

// ensureChannel writes the delivery channel when it is missing or differs, and returns its name.
func (r *baselineResource) ensureChannel(ctx context.Context, job regionJob, view regionView, recorder string, undo *regionUndo) (string, error) {
	name := recorder
	if view.channel != nil {
		name = aws.ToString(view.channel.Name)
		if sameChannel(view.channel, job.Channel) {
			return name, nil
		}
	}
	ch := job.Channel
	in := &cfgtypes.DeliveryChannel{
		Name:                             aws.String(name),
		S3BucketName:                     aws.String(ch.Bucket),
		ConfigSnapshotDeliveryProperties: &cfgtypes.ConfigSnapshotDeliveryProperties{DeliveryFrequency: cfgtypes.MaximumExecutionFrequency(ch.Frequency)},
	}
	if ch.Prefix != "" {
		in.S3KeyPrefix = aws.String(ch.Prefix)
	}
	if ch.SNSTopicARN != "" {
		in.SnsTopicARN = aws.String(ch.SNSTopicARN)
	}
	if _, err := r.Client.ConfigService(job.Region).PutDeliveryChannel(ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: in}); err != nil {
		return name, fmt.Errorf("%s: writing delivery channel %s (PutDeliveryChannel): %w", job.Region, name, err)
	}
	if view.channel == nil {
		undo.channel = name
	}
	return name, nil
}

func sameChannel(c *cfgtypes.DeliveryChannel, want channelSpec) bool {
	freq := ""
	if c.ConfigSnapshotDeliveryProperties != nil {
		freq = string(c.ConfigSnapshotDeliveryProperties.DeliveryFrequency)
	}
	return aws.ToString(c.S3BucketName) == want.Bucket && aws.ToString(c.S3KeyPrefix) == want.Prefix &&
		aws.ToString(c.SnsTopicARN) == want.SNSTopicARN && freq == want.Frequency
}

func configTags(m map[string]string) []cfgtypes.Tag {
	return framework.TagList(m, func(k, v string) cfgtypes.Tag { return cfgtypes.Tag{Key: aws.String(k), Value: aws.String(v)} })
}
