package alarmpack

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

const (
	defaultNamespace  = "SOC2/CloudTrail"
	defaultNamePrefix = "soc2-"
	defaultThreshold  = 1
	defaultPeriod     = 300
	defaultEvalPeriod = 1
	// importSeparator splits an import id; log group names cannot contain it.
	importSeparator = ":"
)

var businessHoursAttrTypes = map[string]attr.Type{
	"start":      types.StringType,
	"end":        types.StringType,
	"utc_offset": types.StringType,
}

var notificationAttrTypes = map[string]attr.Type{
	"sns_topic_arn":          types.StringType,
	"create_topic":           types.BoolType,
	"topic_name":             types.StringType,
	"kms_key_arn":            types.StringType,
	"email_endpoints":        types.SetType{ElemType: types.StringType},
	"topic_arn":              types.StringType,
	"cloudwatch_can_publish": types.BoolType,
}

var alarmAttrTypes = map[string]attr.Type{
	"pattern":            types.StringType,
	"filter_name":        types.StringType,
	"metric_name":        types.StringType,
	"alarm_name":         types.StringType,
	"alarm_arn":          types.StringType,
	"threshold":          types.Int64Type,
	"period":             types.Int64Type,
	"evaluation_periods": types.Int64Type,
	"actions_enabled":    types.BoolType,
	"statistic":          types.StringType,
	"comparison":         types.StringType,
	"treat_missing_data": types.StringType,
	"alarm_actions":      types.ListType{ElemType: types.StringType},
	"controls":           types.ListType{ElemType: types.StringType},
	"cis":                types.StringType,
	"security_hub":       types.StringType,
}

var overrideAttrTypes = map[string]attr.Type{
	"threshold": types.Int64Type, "period": types.Int64Type, "evaluation_periods": types.Int64Type,
}

var customAttrTypes = map[string]attr.Type{
	"id": types.StringType, "pattern": types.StringType, "description": types.StringType,
	"threshold": types.Int64Type, "period": types.Int64Type, "evaluation_periods": types.Int64Type,
	"controls": types.ListType{ElemType: types.StringType},
}

const resourceDescription = "Alerting on high-risk activity recorded by CloudTrail: for every alarm of the catalog " +
	"(CIS AWS Foundations 4.1-4.15, Security Hub CloudWatch.1-14, and the playbook's IAM role and " +
	"out-of-hours console login alarms) plus any `custom_alarms`, a CloudWatch Logs metric filter on " +
	"`log_group_name`, its metric, and a CloudWatch alarm (Sum >= threshold over the period, missing data " +
	"not breaching) that notifies an SNS topic.\n\n" +
	"Every filter pattern is parsed at plan time by the provider's own filter-pattern engine, so an invalid " +
	"custom pattern fails `terraform plan` with its position. The computed `alarms` map records, per alarm " +
	"id, what exists in AWS; a deleted or edited filter, a deleted alarm, a lowered threshold, a removed " +
	"action or a deleted topic shows in the next plan as that alarm's entry changing back, and apply " +
	"repairs only what drifted.\n\n" +
	"Profile `cis` uses the exact patterns Security Hub checks (CloudWatch.1-14) and CIS 4.15; profile " +
	"`cis-v3` follows the CIS v3.0 audit text (4.13 scoped to `ec2.amazonaws.com`, see the alarm-catalog guide), " +
	"at the cost of most Security Hub controls; profile `tuned` changes only `unauthorized_api_calls` to ignore CloudTrail's own delivery probes and " +
	"`HeadBucket` denials, which means that alarm no longer satisfies CloudWatch.2 / CIS 4.1.\n\n" +
	"## Policies\n\n" +
	"With `notification.create_topic`, the pack writes the topic's policy: a statement " +
	"(`AllowCloudWatchAlarmsToPublish`) that lets `cloudwatch.amazonaws.com` `sns:Publish` to the topic when " +
	"`aws:SourceAccount` is this account and `aws:SourceArn` is an alarm of this account and region " +
	"(`arn:<partition>:cloudwatch:<region>:<account>:alarm:*`). CloudWatch needs that grant to deliver alarm " +
	"notifications (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html); the " +
	"two conditions stop another account's alarm from using the topic (confused deputy). " +
	"`notification.cloudwatch_can_publish` reads `false` when an edited policy no longer grants exactly that, and apply " +
	"restores it. A second statement (`AllowEventBridgeRulesToPublish`) lets `events.amazonaws.com` publish for EventBridge rules of this account and region (`aws:SourceAccount`, `aws:SourceArn` `arn:<partition>:events:<region>:<account>:rule/*`), so `soc2_access_analyzer` findings reach the topic (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions). " +
	"A topic given by `sns_topic_arn` is yours: its policy must allow the same.\n\n" +
	"## Encrypted topic: the key policy statement\n\n" +
	"CloudWatch alarms can publish to an encrypted topic only when the key is customer managed and its key policy lets " +
	"`cloudwatch.amazonaws.com` generate data keys and decrypt " +
	"(" + docSNSEncryptedTopic + "). Add this statement to the key policy of `notification.kms_key_arn`:\n\n" +
	"```json\n" + topicKeyStatement + "\n```\n\n" +
	"At plan time the provider reads the key policy (KMS `GetKeyPolicy`) and warns naming each missing permission, or that " +
	"the policy could not be read. AWS managed keys are refused, since their policies cannot be changed.\n\n" +
	"## Tags\n\n" +
	"Every alarm and the created topic carry `tags` merged over the provider's `default_tags` (metric filters cannot be " +
	"tagged). `tags_all` reads the tags all of them carry alike, so a tag removed or changed on any one alarm or on the " +
	"topic shows in the plan as `tags_all` changing back; apply re-tags only the objects that differ and removes keys no " +
	"longer configured."

func (r *alarmPackResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ids := alarmcatalog.IDs()
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": framework.IDAttribute("`<log_group_name>:<name_prefix>`, the import id."),
			"log_group_name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "CloudWatch Logs group that receives the CloudTrail events, typically " +
					"`soc2_cloudtrail_baseline.main.cloudwatch_logs.log_group_name`, in the provider's region. Changing it " +
					"replaces the pack. A group that does not exist: for a new pack, a plan-time warning (a resource of the " +
					"same apply may create it), then create fails naming the group, before making anything, if it still " +
					"does not exist; for a pack in state (also one being replaced), a plan-time error, because the pack's " +
					"filters went with the group: create the group again and the next apply puts the filters back. A name " +
					"not known until apply is checked by create only.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validate.LogGroupName()},
			},
			"name_prefix": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(defaultNamePrefix),
				MarkdownDescription: "Prefix of every metric filter, metric, alarm and (by default) topic name: the " +
					"alarm `root_account_usage` becomes `<name_prefix>root_account_usage`. Two packs in one account need " +
					"different prefixes. Defaults to `" + defaultNamePrefix + "`. Changing it replaces the pack.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validate.StringFunc("a name prefix of letters, digits and - _ . / #", namePrefixProblem)},
			},
			"profile": framework.DefaultString("Pattern set: `cis` (default) uses the exact CIS / Security Hub patterns, so "+
				"Security Hub's CloudWatch.1-14 controls pass; `cis-v3` follows the CIS v3.0 audit text (the alarm-catalog "+
				"guide compares the two); `tuned` cuts documented noise from `unauthorized_api_calls` (CloudTrail delivery "+
				"probes, `HeadBucket` denials) at the cost of CloudWatch.2 / CIS 4.1. Changing it updates the patterns in place.",
				string(alarmcatalog.ProfileCIS), stringvalidator.OneOf(alarmcatalog.ValidProfiles()...)),
			"exclude": framework.OptionalStringSet("Catalog alarm ids not to create, e.g. `organizations_changes` in an " +
				"account outside AWS Organizations. Valid ids: " + codeList(ids) + "."),
			"business_hours": businessHoursAttribute(),
			"namespace": framework.DefaultString("CloudWatch metric namespace of the filters' metrics. Default `"+defaultNamespace+"`.",
				defaultNamespace, validate.StringFunc("a custom CloudWatch namespace", namespaceProblem)),
			"notification": notificationAttribute(),
			"overrides": schema.MapNestedAttribute{
				Optional: true,
				MarkdownDescription: "Per catalog alarm id, settings that replace the defaults (threshold 1, period 300 s, " +
					"1 evaluation period). Changing one updates that alarm in place.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"threshold":          thresholdSetting.attr(false),
					"period":             periodSetting.attr(false),
					"evaluation_periods": evalPeriodsSetting.attr(false),
				}},
			},
			"custom_alarms": customAlarmsAttribute(),
			"tags":          framework.TagsAttribute("the alarms and the created topic (metric filters cannot be tagged)"),
			"tags_all":      framework.TagsAllAttribute("the alarms and the created topic"),
			"alarms":        alarmsAttribute(),
		},
	}
}

// businessHoursAttribute is the local working window of the out-of-hours console login alarm.
func businessHoursAttribute() schema.SingleNestedAttribute {
	defaultBH := alarmcatalog.DefaultBusinessHours()
	return schema.SingleNestedAttribute{
		Optional: true,
		Computed: true,
		Default: objectdefault.StaticValue(types.ObjectValueMust(businessHoursAttrTypes, map[string]attr.Value{
			"start":      types.StringValue(defaultBH.Start),
			"end":        types.StringValue(defaultBH.End),
			"utc_offset": types.StringValue(defaultBH.UTCOffset),
		})),
		MarkdownDescription: "Daily local working window of `console_login_outside_business_hours`. CloudTrail's " +
			"`eventTime` is UTC, so the window is converted with `utc_offset` into an exact pattern on " +
			"`$.eventTime`. A metric filter cannot express weekends or daylight saving time: the window applies " +
			"every day at a fixed offset (pick the offset of the season with the most traffic, or widen the " +
			"window). Changing it updates the pattern in place.",
		Attributes: map[string]schema.Attribute{
			"start": framework.DefaultString("Start of the window, local 24-hour `HH:MM` (inclusive). Default `"+
				defaultBH.Start+"`.", defaultBH.Start),
			"end": framework.DefaultString("End of the window, local 24-hour `HH:MM` (exclusive); earlier than `start` for a "+
				"window across midnight. Default `"+defaultBH.End+"`.", defaultBH.End),
			"utc_offset": framework.DefaultString("Offset of local time from UTC, `+HH:MM` or `-HH:MM` between -12:00 and "+
				"+14:00 (e.g. `-05:00`, `+05:30`). Default `"+defaultBH.UTCOffset+"`.", defaultBH.UTCOffset),
		},
	}
}

// notificationAttribute is where alarms notify, and the topic the pack may create.
func notificationAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Required: true,
		MarkdownDescription: "Where alarms notify: either an existing topic (`sns_topic_arn`) or a topic the pack " +
			"creates (`create_topic = true`) with a policy that lets CloudWatch alarms of this account publish, " +
			"optional KMS encryption and e-mail subscriptions.",
		Attributes: map[string]schema.Attribute{
			"sns_topic_arn": framework.OptionalString("ARN of an existing SNS topic every alarm notifies. Its policy must "+
				"allow `cloudwatch.amazonaws.com` to `sns:Publish`. Conflicts with `create_topic`.", validate.ARN("sns")),
			"create_topic": framework.DefaultBool("Create and manage the topic. Its policy allows `cloudwatch.amazonaws.com` "+
				"to `sns:Publish` only for alarms of this account and region (`aws:SourceAccount`, `aws:SourceArn`); see Policies.", false),
			"topic_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of the created topic. Default `<name_prefix>alarms`. Only with `create_topic`.",
				Validators:          []validator.String{stringvalidator.RegexMatches(topicNamePattern, "must be 1-256 letters, digits, hyphens or underscores")},
			},
			"kms_key_arn": framework.OptionalString("Customer managed KMS key (ARN of a key or alias) that encrypts the "+
				"created topic. Its key policy must let `cloudwatch.amazonaws.com` use `kms:GenerateDataKey*` and `kms:Decrypt`, "+
				"or alarms cannot publish: the plan reads the key policy and warns naming what is missing. An AWS managed key "+
				"(`alias/aws/sns`, any `alias/aws/*`) is refused at plan time, because its policy cannot grant CloudWatch. Only "+
				"with `create_topic`.", validate.ARN("kms", "key/", "alias/")),
			"email_endpoints": framework.OptionalStringSet("E-mail addresses subscribed to the created topic. AWS mails each "+
				"one a confirmation link; a subscription deleted out of band shows as drift here. Only with `create_topic`.",
				setvalidator.ValueStringsAre(validate.StringFunc("an e-mail address", emailProblem))),
			"topic_arn": framework.ComputedString("ARN of the topic the alarms notify; empty in state when the created topic was deleted out of band."),
			"cloudwatch_can_publish": framework.ComputedBool("For a created topic: whether its policy still lets CloudWatch alarms publish " +
				"(hardened: `true`); `false` in state means someone edited the policy and the next apply restores it."),
		},
	}
}

// customAlarmsAttribute holds the alarms of the user's own patterns.
func customAlarmsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Optional: true,
		MarkdownDescription: "Alarms of your own on the same log group. Each pattern is parsed at plan time; an id " +
			"must be new (not a catalog id) and unique.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id": framework.RequiredString("Stable id: lower-case letters, digits and underscores, starting with a letter, at "+
				"most 64 characters. It keys the `alarms` map and names the filter, metric and alarm.",
				validate.StringFunc("an alarm id", customIDProblem)),
			"pattern": framework.RequiredString("CloudWatch Logs filter pattern, at most 1024 characters, e.g. " +
				"`{ $.eventName = PutPublicAccessBlock }`."),
			"description":        framework.OptionalString("What the alarm means; becomes the alarm description.", stringvalidator.LengthAtMost(700)),
			"threshold":          thresholdSetting.attr(true),
			"period":             periodSetting.attr(true),
			"evaluation_periods": evalPeriodsSetting.attr(true),
			"controls": schema.ListAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Controls the alarm evidences, e.g. `[\"CC7.2\"]`.",
			},
		}},
	}
}

// alarmsAttribute is the computed record of every enabled alarm as found in AWS.
func alarmsAttribute() schema.MapNestedAttribute {
	return framework.ComputedMapOf("Every enabled alarm by id, as found in AWS. Planned values are the hardened ones, "+
		"so an empty string, `0` or `false` in state that the plan changes back is drift on that alarm.",
		map[string]schema.Attribute{
			"pattern":            framework.ComputedString("Filter pattern of the metric filter (empty when the filter is missing)."),
			"filter_name":        framework.ComputedString("Name of the metric filter on the log group (empty when it is missing)."),
			"metric_name":        framework.ComputedString("Metric the filter publishes (value 1 per matching event) in `namespace`."),
			"alarm_name":         framework.ComputedString("Name of the CloudWatch alarm (empty when it is missing)."),
			"alarm_arn":          framework.ComputedString("ARN of the CloudWatch alarm (empty when it is missing)."),
			"threshold":          framework.ComputedInt64("Sum of matching events per period that raises the alarm."),
			"period":             framework.ComputedInt64("Alarm period in seconds."),
			"evaluation_periods": framework.ComputedInt64("Periods evaluated."),
			"actions_enabled":    framework.ComputedBool("Whether the alarm's actions are enabled. Hardened: `true`."),
			"statistic":          framework.ComputedString("Statistic the alarm evaluates: `Sum` of matching events."),
			"comparison":         framework.ComputedString("Comparison with the threshold: `GreaterThanOrEqualToThreshold`."),
			"treat_missing_data": framework.ComputedString("How a period without events counts: `notBreaching`, since no match is the healthy state."),
			"alarm_actions": framework.ComputedStringList("Topics the alarm notifies; an action whose topic no longer exists is " +
				"left out, because it delivers nothing."),
			"controls":     framework.ComputedStringList("Trust Services Criteria (2017) the alarm evidences, e.g. `CC7.2`."),
			"cis":          framework.ComputedString("CIS AWS Foundations recommendation it satisfies under the chosen profile, or empty."),
			"security_hub": framework.ComputedString("Security Hub control it satisfies under the chosen profile, or empty."),
		})
}

// alarmSetting is one of the settings an override or a custom alarm sets (threshold, period,
// evaluation_periods); withDefault (custom alarms) plans the default where the configuration
// leaves it out, while an override left out keeps the catalog's value.
type alarmSetting struct {
	description string
	validator   validator.Int64
	byDefault   int64
}

var (
	thresholdSetting = alarmSetting{"Sum of matching events in one period that raises the alarm; at least 1. Default 1.",
		validate.AtLeast(1, "use 1 to alarm on every matching event"), defaultThreshold}
	periodSetting = alarmSetting{"Alarm period in seconds: a multiple of 60 up to 86400. Default 300.",
		periodValidator, defaultPeriod}
	evalPeriodsSetting = alarmSetting{"Number of periods evaluated; at least 1. Default 1.",
		validate.AtLeast(1, "use 1 to alarm within one period"), defaultEvalPeriod}
)

func (s alarmSetting) attr(withDefault bool) schema.Int64Attribute {
	if withDefault {
		return framework.DefaultInt64(s.description, s.byDefault, s.validator)
	}
	return framework.OptionalInt64(s.description, s.validator)
}

func codeList(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("`%s`", s)
	}
	return strings.Join(out, ", ")
}
