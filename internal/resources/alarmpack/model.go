package alarmpack

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// packModel is the resource's Terraform data. Nested values stay framework types because any of
// them can be unknown at plan time (a log group or topic created in the same apply).
type packModel struct {
	ID            types.String `tfsdk:"id"`
	LogGroupName  types.String `tfsdk:"log_group_name"`
	NamePrefix    types.String `tfsdk:"name_prefix"`
	Profile       types.String `tfsdk:"profile"`
	Exclude       types.Set    `tfsdk:"exclude"`
	BusinessHours types.Object `tfsdk:"business_hours"`
	Namespace     types.String `tfsdk:"namespace"`
	Notification  types.Object `tfsdk:"notification"`
	Overrides     types.Map    `tfsdk:"overrides"`
	CustomAlarms  types.List   `tfsdk:"custom_alarms"`
	Tags          types.Map    `tfsdk:"tags"`
	TagsAll       types.Map    `tfsdk:"tags_all"`
	Alarms        types.Map    `tfsdk:"alarms"`
}

type businessHoursModel struct {
	Start     types.String `tfsdk:"start"`
	End       types.String `tfsdk:"end"`
	UTCOffset types.String `tfsdk:"utc_offset"`
}

type notificationModel struct {
	SNSTopicARN          types.String `tfsdk:"sns_topic_arn"`
	CreateTopic          types.Bool   `tfsdk:"create_topic"`
	TopicName            types.String `tfsdk:"topic_name"`
	KMSKeyARN            types.String `tfsdk:"kms_key_arn"`
	EmailEndpoints       types.Set    `tfsdk:"email_endpoints"`
	TopicARN             types.String `tfsdk:"topic_arn"`
	CloudWatchCanPublish types.Bool   `tfsdk:"cloudwatch_can_publish"`
}

// settingsModel is an alarm's threshold, period and evaluation_periods: the whole of an
// overrides entry, and part of a custom alarm and of an alarms entry.
type settingsModel struct {
	Threshold         types.Int64 `tfsdk:"threshold"`
	Period            types.Int64 `tfsdk:"period"`
	EvaluationPeriods types.Int64 `tfsdk:"evaluation_periods"`
}

func settingsValue(threshold, period, evaluationPeriods int64) settingsModel {
	return settingsModel{types.Int64Value(threshold), types.Int64Value(period), types.Int64Value(evaluationPeriods)}
}

// settingsUnknown reports whether any of the settings is unknown at plan time.
func (m settingsModel) settingsUnknown() bool {
	return m.Threshold.IsUnknown() || m.Period.IsUnknown() || m.EvaluationPeriods.IsUnknown()
}

type customAlarmModel struct {
	ID          types.String `tfsdk:"id"`
	Pattern     types.String `tfsdk:"pattern"`
	Description types.String `tfsdk:"description"`
	settingsModel
	Controls types.List `tfsdk:"controls"`
}

type alarmModel struct {
	Pattern    types.String `tfsdk:"pattern"`
	FilterName types.String `tfsdk:"filter_name"`
	MetricName types.String `tfsdk:"metric_name"`
	AlarmName  types.String `tfsdk:"alarm_name"`
	AlarmARN   types.String `tfsdk:"alarm_arn"`
	settingsModel
	ActionsEnabled   types.Bool   `tfsdk:"actions_enabled"`
	Statistic        types.String `tfsdk:"statistic"`
	Comparison       types.String `tfsdk:"comparison"`
	TreatMissingData types.String `tfsdk:"treat_missing_data"`
	AlarmActions     types.List   `tfsdk:"alarm_actions"`
	Controls         types.List   `tfsdk:"controls"`
	CIS              types.String `tfsdk:"cis"`
	SecurityHub      types.String `tfsdk:"security_hub"`
}

// observedFilter is a metric filter as CloudWatch Logs reports it.
type observedFilter struct {
	Pattern, MetricName, Namespace, MetricValue string
	// Count > 1 only on emulators that append a filter re-put under the same name.
	Count int
}

// observedAlarm is a CloudWatch alarm as DescribeAlarms and ListTagsForResource report it.
type observedAlarm struct {
	ARN, MetricName, Namespace, Description string
	Threshold                               float64
	Period, EvaluationPeriods               int64
	ActionsEnabled                          bool
	Actions                                 []string
	Statistic, Comparison, TreatMissingData string
	Tags                                    map[string]string
}

// observedTopic is the notification topic; Subscriptions and Tags only for a topic the pack owns.
type observedTopic struct {
	Exists     bool
	KMSKeyID   string
	CanPublish bool
	// Subscriptions maps e-mail endpoints to subscription ARNs ("PendingConfirmation" until confirmed).
	Subscriptions map[string]string
	Tags          map[string]string
}

// observed is what AWS holds for one pack, gathered with batched, paginated calls.
type observed struct {
	Filters map[string]observedFilter // by filter name
	Alarms  map[string]observedAlarm  // by alarm name
	Topic   observedTopic
}

func (m packModel) notification(ctx context.Context, diags *diag.Diagnostics) (notificationModel, bool) {
	var n notificationModel
	if m.Notification.IsNull() || m.Notification.IsUnknown() {
		return n, false
	}
	diags.Append(m.Notification.As(ctx, &n, objectAsOptions)...)
	return n, !diags.HasError()
}

func (m *packModel) setNotification(ctx context.Context, n notificationModel, diags *diag.Diagnostics) {
	v, d := types.ObjectValueFrom(ctx, notificationAttrTypes, n)
	diags.Append(d...)
	m.Notification = v
}

func (m packModel) alarmEntries(ctx context.Context, diags *diag.Diagnostics) map[string]alarmModel {
	out := map[string]alarmModel{}
	if m.Alarms.IsNull() || m.Alarms.IsUnknown() {
		return out
	}
	diags.Append(m.Alarms.ElementsAs(ctx, &out, false)...)
	return out
}

func alarmsValue(ctx context.Context, entries map[string]alarmModel, diags *diag.Diagnostics) types.Map {
	v, d := types.MapValueFrom(ctx, types.ObjectType{AttrTypes: alarmAttrTypes}, entries)
	diags.Append(d...)
	return v
}

func stringList(ctx context.Context, ss []string, diags *diag.Diagnostics) types.List {
	if ss == nil {
		ss = []string{}
	}
	v, d := types.ListValueFrom(ctx, types.StringType, ss)
	diags.Append(d...)
	return v
}
