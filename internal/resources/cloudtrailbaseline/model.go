package cloudtrailbaseline

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceModel mirrors the schema. Hardened settings are plain computed attributes: Read stores
// what AWS has, ModifyPlan plans the hardened value, so a weakened setting is a one-line diff.
type resourceModel struct {
	ID                 types.String       `tfsdk:"id"`
	Name               types.String       `tfsdk:"name"`
	S3BucketName       types.String       `tfsdk:"s3_bucket_name"`
	S3KeyPrefix        types.String       `tfsdk:"s3_key_prefix"`
	KMSKeyARN          types.String       `tfsdk:"kms_key_arn"`
	OrganizationTrail  types.Bool         `tfsdk:"organization_trail"`
	OrganizationID     types.String       `tfsdk:"organization_id"`
	S3DataEventBuckets types.Set          `tfsdk:"s3_data_event_buckets"`
	S3DataEvents       *s3DataEventsModel `tfsdk:"s3_data_events"`
	Insights           types.Set          `tfsdk:"insights"`
	Tags               types.Map          `tfsdk:"tags"`
	TagsAll            types.Map          `tfsdk:"tags_all"`

	ARN        types.String `tfsdk:"arn"`
	HomeRegion types.String `tfsdk:"home_region"`

	IsMultiRegionTrail           types.Bool   `tfsdk:"is_multi_region_trail"`
	IncludeGlobalServiceEvents   types.Bool   `tfsdk:"include_global_service_events"`
	EnableLogFileValidation      types.Bool   `tfsdk:"enable_log_file_validation"`
	Logging                      types.Bool   `tfsdk:"logging"`
	IncludeManagementEvents      types.Bool   `tfsdk:"include_management_events"`
	ManagementEventReadWriteType types.String `tfsdk:"management_event_read_write_type"`
	DataEventResources           types.Set    `tfsdk:"data_event_resources"`
	AdvancedEventSelectors       types.String `tfsdk:"advanced_event_selectors"`

	CloudWatchLogs   *cloudWatchLogsModel `tfsdk:"cloudwatch_logs"`
	ConfigRecorder   *configRecorderModel `tfsdk:"config_recorder"`
	ConfigRoleARN    types.String         `tfsdk:"config_role_arn"`
	ConfigAggregator *aggregatorModel     `tfsdk:"config_aggregator"`
	Recorders        types.Map            `tfsdk:"recorders"`
}

type s3DataEventsModel struct {
	AllBuckets     types.Bool `tfsdk:"all_buckets"`
	Read           types.Bool `tfsdk:"read"`
	Write          types.Bool `tfsdk:"write"`
	ExcludeBuckets types.Set  `tfsdk:"exclude_buckets"`
}

type cloudWatchLogsModel struct {
	LogGroupName    types.String `tfsdk:"log_group_name"`
	RetentionInDays types.Int64  `tfsdk:"retention_in_days"`
	KMSKeyARN       types.String `tfsdk:"kms_key_arn"`
	LogGroupARN     types.String `tfsdk:"log_group_arn"`
	RoleName        types.String `tfsdk:"role_name"`
	RoleARN         types.String `tfsdk:"role_arn"`
	RoleTrustPolicy types.String `tfsdk:"role_trust_policy"`
	RolePolicy      types.String `tfsdk:"role_policy"`
}

type configRecorderModel struct {
	Regions           types.Set    `tfsdk:"regions"`
	S3KeyPrefix       types.String `tfsdk:"s3_key_prefix"`
	DeliveryFrequency types.String `tfsdk:"delivery_frequency"`
	SNSTopicARN       types.String `tfsdk:"sns_topic_arn"`
}

// recorderState is one region's entry of the computed recorders map, in plain Go values.
type recorderState struct {
	Name                       string
	Status                     string
	Recording                  bool
	AllSupported               bool
	IncludeGlobalResourceTypes bool
	DeliveryChannel            string
	DeliveryS3Bucket           string
	RoleARN                    string
	Adopted                    bool
}

var recorderAttrTypes = map[string]attr.Type{
	"name":                          types.StringType,
	"status":                        types.StringType,
	"recording":                     types.BoolType,
	"all_supported":                 types.BoolType,
	"include_global_resource_types": types.BoolType,
	"delivery_channel":              types.StringType,
	"delivery_s3_bucket":            types.StringType,
	"role_arn":                      types.StringType,
	"adopted":                       types.BoolType,
}

var recorderObjectType = types.ObjectType{AttrTypes: recorderAttrTypes}

func (r recorderState) object() types.Object {
	return types.ObjectValueMust(recorderAttrTypes, map[string]attr.Value{
		"name":                          types.StringValue(r.Name),
		"status":                        types.StringValue(r.Status),
		"recording":                     types.BoolValue(r.Recording),
		"all_supported":                 types.BoolValue(r.AllSupported),
		"include_global_resource_types": types.BoolValue(r.IncludeGlobalResourceTypes),
		"delivery_channel":              types.StringValue(r.DeliveryChannel),
		"delivery_s3_bucket":            types.StringValue(r.DeliveryS3Bucket),
		"role_arn":                      types.StringValue(r.RoleARN),
		"adopted":                       types.BoolValue(r.Adopted),
	})
}

func recordersMap(m map[string]recorderState) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for region, r := range m {
		elems[region] = r.object()
	}
	return types.MapValueMust(recorderObjectType, elems)
}

// recordersFromMap reads the known entries of a recorders map; unknown fields read as zero.
func recordersFromMap(m types.Map) map[string]recorderState {
	out := map[string]recorderState{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	for region, v := range m.Elements() {
		obj, ok := v.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		a := obj.Attributes()
		out[region] = recorderState{
			Name:                       str(a["name"]),
			Status:                     str(a["status"]),
			Recording:                  boolean(a["recording"]),
			AllSupported:               boolean(a["all_supported"]),
			IncludeGlobalResourceTypes: boolean(a["include_global_resource_types"]),
			DeliveryChannel:            str(a["delivery_channel"]),
			DeliveryS3Bucket:           str(a["delivery_s3_bucket"]),
			RoleARN:                    str(a["role_arn"]),
			Adopted:                    boolean(a["adopted"]),
		}
	}
	return out
}

func str(v attr.Value) string {
	if s, ok := v.(types.String); ok {
		return s.ValueString()
	}
	return ""
}

func boolean(v attr.Value) bool {
	if b, ok := v.(types.Bool); ok {
		return b.ValueBool()
	}
	return false
}

func setOf(values []string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func stringMap(m types.Map) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok {
			out[k] = s.ValueString()
		}
	}
	return out
}
