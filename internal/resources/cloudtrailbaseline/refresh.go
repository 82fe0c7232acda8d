package cloudtrailbaseline

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// refresh overwrites m with what AWS holds. Settings equivalent to the configured ones (policies
// with other formatting, a key id for a key ARN) keep the configured form, so only real drift
// shows. importing discovers the CloudWatch and Config parts from the trail and the account.
func (r *baselineResource) refresh(ctx context.Context, m *resourceModel, importing bool) (bool, error) {
	name := m.Name.ValueString()
	tv, err := r.readTrail(ctx, name)
	if err != nil || tv == nil {
		return false, err
	}
	m.ID = types.StringValue(name)
	m.ARN = types.StringValue(tv.ARN)
	m.HomeRegion = types.StringValue(tv.HomeRegion)
	m.S3BucketName = types.StringValue(tv.S3BucketName)
	m.S3KeyPrefix = optString(tv.S3KeyPrefix)
	if same, err := r.sameKMSKey(ctx, m.KMSKeyARN.ValueString(), tv.KMSKeyID); err != nil {
		return false, err
	} else if !same || m.KMSKeyARN.IsUnknown() {
		m.KMSKeyARN = optString(tv.KMSKeyID)
	}
	m.OrganizationTrail = types.BoolValue(tv.Organization)
	m.IsMultiRegionTrail = types.BoolValue(tv.MultiRegion)
	m.IncludeGlobalServiceEvents = types.BoolValue(tv.GlobalServiceEvents)
	m.EnableLogFileValidation = types.BoolValue(tv.LogFileValidation)
	m.Logging = types.BoolValue(tv.Logging)
	m.IncludeManagementEvents = types.BoolValue(tv.Selectors.IncludeManagementEvents)
	m.ManagementEventReadWriteType = types.StringValue(tv.Selectors.ManagementReadWriteType)
	m.DataEventResources = setOf(tv.Selectors.DataEventResources)
	if importing {
		m.S3DataEventBuckets = types.SetNull(types.StringType)
		if buckets := bucketsOf(tv.Selectors.DataEventResources); len(buckets) > 0 {
			m.S3DataEventBuckets = setOf(buckets)
		}
	}
	m.Tags = r.ownTags(tv.Tags, m.Tags)

	if importing && tv.CloudWatchLogsLogGroupARN != "" {
		m.CloudWatchLogs = &cloudWatchLogsModel{LogGroupName: types.StringValue(groupNameOf(tv.CloudWatchLogsLogGroupARN))}
	}
	if cw := m.CloudWatchLogs; cw != nil {
		spec := r.cloudWatchSpec(*m)
		view, err := r.readCloudWatch(ctx, spec.LogGroupName, spec.RoleName)
		if err != nil {
			return false, err
		}
		cw.RetentionInDays = types.Int64Value(view.RetentionInDays)
		if view.KMSKeyARN != cw.KMSKeyARN.ValueString() || cw.KMSKeyARN.IsUnknown() {
			cw.KMSKeyARN = optString(view.KMSKeyARN)
		}
		// The wiring as the trail reports it: a trail unhooked from the group shows here.
		cw.LogGroupARN = types.StringValue(tv.CloudWatchLogsLogGroupARN)
		cw.RoleARN = types.StringValue(tv.CloudWatchLogsRoleARN)
		cw.RoleName = types.StringValue(spec.RoleName)
		cw.RoleTrustPolicy = types.StringValue(policydoc.Preferred(view.TrustPolicy, spec.TrustPolicy))
		cw.RolePolicy = types.StringValue(policydoc.Preferred(view.RolePolicy, spec.RolePolicy))
	}

	if importing {
		if err := r.discoverRecorders(ctx, m, tv.S3BucketName); err != nil {
			return false, err
		}
	}
	if m.ConfigRecorder == nil {
		m.Recorders = types.MapNull(recorderObjectType)
		m.ConfigRoleARN = types.StringNull()
		return true, nil
	}
	if m.ConfigRoleARN.IsNull() || m.ConfigRoleARN.IsUnknown() || m.ConfigRoleARN.ValueString() == "" {
		arn, err := r.findConfigRole(ctx)
		if err != nil {
			return false, err
		}
		m.ConfigRoleARN = types.StringValue(arn)
	}
	prior := recordersFromMap(m.Recorders)
	views, err := r.readRegions(ctx, stringSet(m.ConfigRecorder.Regions))
	if err != nil {
		return false, err
	}
	entries := make(map[string]recorderState, len(views))
	var channelSeen bool
	regions := make([]string, 0, len(views))
	for region := range views {
		regions = append(regions, region)
	}
	slices.Sort(regions)
	for _, region := range regions {
		v := views[region]
		entries[region] = v.state(prior[region])
		// The channel settings read back from the first region that has a channel, so a changed
		// prefix or frequency shows too.
		if c := v.channel; c != nil && !channelSeen && aws.ToString(c.S3BucketName) == tv.S3BucketName {
			channelSeen = true
			cr := m.ConfigRecorder
			cr.S3KeyPrefix = optString(aws.ToString(c.S3KeyPrefix))
			cr.SNSTopicARN = optString(aws.ToString(c.SnsTopicARN))
			if p := c.ConfigSnapshotDeliveryProperties; p != nil && p.DeliveryFrequency != "" {
				cr.DeliveryFrequency = types.StringValue(string(p.DeliveryFrequency))
			}
		}
	}
	if m.ConfigRecorder.DeliveryFrequency.IsNull() || m.ConfigRecorder.DeliveryFrequency.IsUnknown() {
		m.ConfigRecorder.DeliveryFrequency = types.StringValue("TwentyFour_Hours")
	}
	m.Recorders = recordersMap(entries)
	return true, nil
}

func (r *baselineResource) readRegions(ctx context.Context, regions []string) (map[string]regionView, error) {
	views := make(map[string]regionView, len(regions))
	var mu sync.Mutex
	err := forEachRegion(ctx, regions, func(ctx context.Context, region string) error {
		v, err := r.readRegion(ctx, region)
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

// discoverRecorders finds, on import, the regions whose delivery channel writes to the trail's
// bucket: those are the regions this baseline records.
func (r *baselineResource) discoverRecorders(ctx context.Context, m *resourceModel, bucket string) error {
	enabled, err := r.client.EnabledRegions(ctx)
	if err != nil {
		return err
	}
	views, err := r.readRegions(ctx, enabled)
	if err != nil {
		return err
	}
	var regions []string
	for region, v := range views {
		if v.channel != nil && aws.ToString(v.channel.S3BucketName) == bucket {
			regions = append(regions, region)
		}
	}
	if len(regions) == 0 {
		return nil
	}
	slices.Sort(regions)
	m.ConfigRecorder = &configRecorderModel{
		Regions:           setOf(regions),
		S3KeyPrefix:       types.StringNull(),
		DeliveryFrequency: types.StringNull(),
		SNSTopicARN:       types.StringNull(),
	}
	m.ConfigRoleARN = types.StringNull()
	m.Recorders = types.MapNull(recorderObjectType)
	return nil
}

// ownTags is the trail's tags minus those default_tags supplies, unless the configuration sets
// them itself: default tags live in the provider block, not in this resource.
func (r *baselineResource) ownTags(actual map[string]string, prior types.Map) types.Map {
	own := r.client.OwnTags(actual, stringMap(prior))
	if len(own) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	return types.MapValueMust(types.StringType, toAttrMap(own))
}

func bucketsOf(resources []string) []string {
	var out []string
	for _, res := range resources {
		if i := strings.Index(res, ":::"); i >= 0 {
			out = append(out, strings.TrimSuffix(res[i+3:], "/"))
		}
	}
	return out
}

// groupNameOf extracts the log group name from arn:...:log-group:NAME:*.
func groupNameOf(arn string) string {
	_, rest, ok := strings.Cut(arn, ":log-group:")
	if !ok {
		return arn
	}
	return strings.TrimSuffix(rest, ":*")
}
