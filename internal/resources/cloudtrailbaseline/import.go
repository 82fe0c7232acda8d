package cloudtrailbaseline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

func (r *baselineResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	// Only the trail name is known; Read (readImported) discovers the CloudWatch and Config parts.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
}

// readImported fills a model that holds only the trail name: the trail's settings, its data
// event buckets, the log group the trail streams to, and the regions whose delivery channel
// writes to the trail's bucket (those are the regions this baseline records).
func (r *baselineResource) readImported(ctx context.Context, m *resourceModel) error {
	name := m.Name.ValueString()
	tv, err := r.findTrail(ctx, name)
	if framework.NotFound(err) {
		return fmt.Errorf("no trail named %q in %s; import by the name of an existing trail in the provider's region", name, r.Client.HomeRegion)
	}
	if err != nil {
		return err
	}
	m.S3DataEventBuckets = types.SetNull(types.StringType)
	if buckets := bucketsOf(tv.Selectors.DataEventResources); len(buckets) > 0 {
		m.S3DataEventBuckets = setOf(buckets)
	}
	if err := r.importEvents(ctx, m, tv); err != nil {
		return err
	}
	if err := r.importAggregator(ctx, m); err != nil {
		return err
	}
	if tv.CloudWatchLogsLogGroupARN != "" {
		m.CloudWatchLogs = &cloudWatchLogsModel{LogGroupName: types.StringValue(groupNameOf(tv.CloudWatchLogsLogGroupARN))}
	}
	if err := r.discoverRecorders(ctx, m, tv.S3BucketName); err != nil {
		return err
	}
	err = r.refresh(ctx, m)
	if framework.NotFound(err) {
		return fmt.Errorf("trail %s vanished while it was imported", name)
	}
	return err
}

func (r *baselineResource) discoverRecorders(ctx context.Context, m *resourceModel, bucket string) error {
	enabled, err := r.Client.EnabledRegions(ctx)
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

// importEvents recovers s3_data_events from the advanced selectors and insights from the
// Insights selectors (left unset, so unmanaged, when the trail has none).
func (r *baselineResource) importEvents(ctx context.Context, m *resourceModel, tv *trailView) error {
	if ev, ok := s3DataEventsOf(tv.AdvancedSelectors, tv.S3BucketName); ok {
		m.S3DataEvents = &s3DataEventsModel{
			AllBuckets: types.BoolValue(true), Read: types.BoolValue(ev.Read), Write: types.BoolValue(ev.Write),
			ExcludeBuckets: types.SetNull(types.StringType),
		}
		if len(ev.Exclude) > 0 {
			m.S3DataEvents.ExcludeBuckets = setOf(ev.Exclude)
		}
	}
	enabled, err := r.findInsights(ctx, m.Name.ValueString())
	if err != nil {
		return err
	}
	m.Insights = types.SetNull(types.StringType)
	if len(enabled) > 0 {
		m.Insights = setOf(enabled)
	}
	return nil
}
