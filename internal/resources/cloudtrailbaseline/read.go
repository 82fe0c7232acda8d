package cloudtrailbaseline

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// refresh overwrites m with what AWS holds; a missing trail is a framework.NotFoundError.
// Settings equivalent to the configured ones (policies with other formatting, a key id for a key
// ARN) keep the configured form, so only real drift shows. The regions' reads run concurrently
// with the trail's and the CloudWatch objects', so every region costs about one region's time.
func (r *baselineResource) refresh(ctx context.Context, m *resourceModel) error {
	var (
		wg      sync.WaitGroup
		views   map[string]regionView
		viewErr error
	)
	if m.ConfigRecorder != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			views, viewErr = r.readRegions(ctx, framework.KnownStrings(m.ConfigRecorder.Regions))
		}()
	}
	tags, err := r.refreshTrailAndLogs(ctx, m)
	wg.Wait()
	if err != nil {
		return err
	}
	m.TagsAll = framework.ReadTagsAll(tags...)
	if err := r.refreshAggregator(ctx, m); err != nil {
		return err
	}
	if m.ConfigRecorder == nil {
		m.Recorders = types.MapNull(recorderObjectType)
		m.ConfigRoleARN = types.StringNull()
		return nil
	}
	if viewErr != nil {
		return viewErr
	}
	return r.refreshRecorders(ctx, m, views)
}

// refreshTrailAndLogs reads the trail and the CloudWatch objects into m and returns the tags of
// each owned object that exists, for tags_all.
func (r *baselineResource) refreshTrailAndLogs(ctx context.Context, m *resourceModel) ([]map[string]string, error) {
	tv, err := r.findTrail(ctx, m.Name.ValueString())
	if err != nil {
		return nil, err
	}
	if err := r.flattenTrail(ctx, m, tv); err != nil {
		return nil, err
	}
	if !m.Insights.IsNull() {
		enabled, err := r.findInsights(ctx, m.Name.ValueString())
		if err != nil {
			return nil, err
		}
		m.Insights = setOf(enabled)
	}
	tags := []map[string]string{tv.Tags}
	if m.CloudWatchLogs == nil {
		return tags, nil
	}
	view, err := r.readCloudWatch(ctx, m.CloudWatchLogs.LogGroupName.ValueString(), roleNameFor(m.Name.ValueString()))
	if err != nil {
		return nil, err
	}
	if err := r.flattenCloudWatch(m, tv, view); err != nil {
		return nil, err
	}
	if view.GroupExists {
		tags = append(tags, view.GroupTags)
	}
	if view.RoleARN != "" {
		tags = append(tags, view.RoleTags)
	}
	return tags, nil
}

func (r *baselineResource) flattenTrail(ctx context.Context, m *resourceModel, tv *trailView) error {
	m.ID = types.StringValue(m.Name.ValueString())
	m.ARN = types.StringValue(tv.ARN)
	m.HomeRegion = types.StringValue(tv.HomeRegion)
	m.S3BucketName = types.StringValue(tv.S3BucketName)
	m.S3KeyPrefix = framework.StringOrNull(tv.S3KeyPrefix)
	same, err := r.sameKMSKey(ctx, m.KMSKeyARN.ValueString(), tv.KMSKeyID)
	if err != nil {
		return err
	}
	if !same || m.KMSKeyARN.IsUnknown() {
		m.KMSKeyARN = framework.StringOrNull(tv.KMSKeyID)
	}
	m.OrganizationTrail = types.BoolValue(tv.Organization)
	if err := r.readOrganizationID(ctx, m, tv.Organization); err != nil {
		return err
	}
	m.IsMultiRegionTrail = types.BoolValue(tv.MultiRegion)
	m.IncludeGlobalServiceEvents = types.BoolValue(tv.GlobalServiceEvents)
	m.EnableLogFileValidation = types.BoolValue(tv.LogFileValidation)
	m.Logging = types.BoolValue(tv.Logging)
	m.IncludeManagementEvents = types.BoolValue(tv.Selectors.IncludeManagementEvents)
	m.ManagementEventReadWriteType = types.StringValue(tv.Selectors.ManagementReadWriteType)
	m.DataEventResources = setOf(tv.Selectors.DataEventResources)
	m.AdvancedEventSelectors = framework.StringOrNull(tv.Selectors.Advanced)
	m.Tags = framework.ReadTags(r.Client, tv.Tags, m.Tags)
	return nil
}

// cloudWatchView is what AWS has of the log group and the delivery role; zero values mean absent.
type cloudWatchView struct {
	GroupExists     bool
	RetentionInDays int64
	KMSKeyARN       string
	GroupTags       map[string]string
	RoleARN         string
	TrustPolicy     string
	RolePolicy      string
	RoleTags        map[string]string
}

// readCloudWatch reads the log group and the delivery role; absent ones read as zero values.
func (r *baselineResource) readCloudWatch(ctx context.Context, group, role string) (cloudWatchView, error) {
	var v cloudWatchView
	lg, err := r.findLogGroup(ctx, group)
	if err = framework.IgnoreNotFound(err); err != nil {
		return v, err
	}
	if lg != nil {
		v.GroupExists = true
		v.RetentionInDays = int64(aws.ToInt32(lg.RetentionInDays))
		v.KMSKeyARN = aws.ToString(lg.KmsKeyId)
		if v.GroupTags, err = r.findLogGroupTags(ctx, group); err != nil {
			return v, err
		}
	}
	rv, err := r.findRole(ctx, role)
	if err = framework.IgnoreNotFound(err); err != nil {
		return v, err
	}
	if rv != nil {
		v.RoleARN, v.TrustPolicy, v.RolePolicy, v.RoleTags = rv.ARN, rv.TrustPolicy, rv.RolePolicy, rv.Tags
	}
	return v, nil
}

func (r *baselineResource) flattenCloudWatch(m *resourceModel, tv *trailView, view cloudWatchView) error {
	cw := m.CloudWatchLogs
	spec, err := desiredCloudWatch(r.Client, *m)
	if err != nil {
		return err
	}
	cw.RetentionInDays = types.Int64Value(view.RetentionInDays)
	if view.KMSKeyARN != cw.KMSKeyARN.ValueString() || cw.KMSKeyARN.IsUnknown() {
		cw.KMSKeyARN = framework.StringOrNull(view.KMSKeyARN)
	}
	// The wiring as the trail reports it: a trail unhooked from the group shows here.
	cw.LogGroupARN = types.StringValue(tv.CloudWatchLogsLogGroupARN)
	cw.RoleARN = types.StringValue(tv.CloudWatchLogsRoleARN)
	cw.RoleName = types.StringValue(spec.RoleName)
	cw.RoleTrustPolicy = types.StringValue(policydoc.Preferred(view.TrustPolicy, spec.TrustPolicy))
	cw.RolePolicy = types.StringValue(policydoc.Preferred(view.RolePolicy, spec.RolePolicy))
	return nil
}

// readRegions reads every region at once through framework.ForEachRegion.
func (r *baselineResource) readRegions(ctx context.Context, regions []string) (map[string]regionView, error) {
	views := make(map[string]regionView, len(regions))
	var mu sync.Mutex
	err := framework.ForEachRegion(ctx, regions, func(ctx context.Context, region string) error {
		v, err := r.findRegion(ctx, region)
		if err != nil {
			return err
		}
		mu.Lock()
		views[region] = v
		mu.Unlock()
		return nil
	})
	return views, err
}

// refreshRecorders stores each region's recorder entry, the Config role, and the channel
// settings read back from the first region (in order) whose channel delivers to the bucket, so a
// changed prefix or frequency shows too.
func (r *baselineResource) refreshRecorders(ctx context.Context, m *resourceModel, views map[string]regionView) error {
	if !framework.Known(m.ConfigRoleARN) || m.ConfigRoleARN.ValueString() == "" {
		arn, err := r.findConfigRole(ctx)
		if err != nil && !framework.NotFound(err) {
			return err
		}
		m.ConfigRoleARN = types.StringValue(arn)
	}
	prior := recordersFromMap(m.Recorders)
	entries := make(map[string]recorderState, len(views))
	channelSeen := false
	for _, region := range slices.Sorted(maps.Keys(views)) {
		v := views[region]
		entries[region] = v.state(prior[region])
		if c := v.channel; c != nil && !channelSeen && aws.ToString(c.S3BucketName) == m.S3BucketName.ValueString() {
			channelSeen = true
			cr := m.ConfigRecorder
			cr.S3KeyPrefix = framework.StringOrNull(aws.ToString(c.S3KeyPrefix))
			cr.SNSTopicARN = framework.StringOrNull(aws.ToString(c.SnsTopicARN))
			if p := c.ConfigSnapshotDeliveryProperties; p != nil && p.DeliveryFrequency != "" {
				cr.DeliveryFrequency = types.StringValue(string(p.DeliveryFrequency))
			}
		}
	}
	if !framework.Known(m.ConfigRecorder.DeliveryFrequency) {
		m.ConfigRecorder.DeliveryFrequency = types.StringValue(defaultDeliveryFrequency)
	}
	m.Recorders = recordersMap(entries)
	return nil
}

// sameKMSKey compares a configured key (ARN, alias ARN) with what CloudTrail reports (AWS: the
// key ARN; moto: whatever was sent). Only an unresolved mismatch costs a KMS call.
func (r *baselineResource) sameKMSKey(ctx context.Context, configured, actual string) (bool, error) {
	if configured == actual {
		return true, nil
	}
	if configured == "" || actual == "" {
		return false, nil
	}
	if keyID(configured) != "" && keyID(configured) == keyID(actual) {
		return true, nil
	}
	if !strings.Contains(configured, ":alias/") {
		return false, nil
	}
	meta, err := r.describeKey(ctx, configured)
	if err != nil {
		return false, err
	}
	return aws.ToString(meta.Arn) == actual || aws.ToString(meta.KeyId) == keyID(actual), nil
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
