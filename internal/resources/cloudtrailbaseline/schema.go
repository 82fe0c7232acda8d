package cloudtrailbaseline

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

const hardened = " Hardened."

func (r *baselineResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := trailAttributes()
	for k, v := range hardenedTrailAttributes() {
		attrs[k] = v
	}
	attrs["s3_data_events"] = s3DataEventsSchema()
	attrs["insights"] = insightsSchema()
	attrs["cloudwatch_logs"] = cloudWatchLogsSchema()
	attrs["config_recorder"] = configRecorderSchema()
	attrs["config_role_arn"] = framework.ComputedString("ARN of the AWS Config service-linked role the recorders use (as IAM reports it).")
	attrs["recorders"] = recordersSchema()
	attrs["config_aggregator"] = aggregatorSchema()
	attrs["tags"] = framework.TagsAttribute("the trail, the log group, the delivery role and the Config recorders this resource creates")
	attrs["tags_all"] = framework.TagsAllAttribute("the trail, the log group and the delivery role")
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes:          attrs,
	}
}

func cloudWatchLogsSchema() schema.SingleNestedAttribute {
	return framework.OptionalObject("Streams the trail to a CloudWatch Logs group, for metric-filter alarms "+
		"(`soc2_alarm_pack`). Creates the log group, and an IAM role that only CloudTrail may assume, allowed to write the "+
		"trail's streams of the group (see Policies). Retention, role trust, role policy and tags are drift-checked.",
		map[string]schema.Attribute{
			"log_group_name": framework.RequiredString("Name of the log group to create, e.g. `/soc2/cloudtrail`.", logGroupNameValidator),
			"retention_in_days": framework.DefaultInt64("Days the group keeps events: a value CloudWatch Logs allows, at "+
				"least 90. Default 365. A retention lowered outside Terraform is drift.", 365, retentionValidator),
			"kms_key_arn": framework.OptionalString("ARN of a KMS key that encrypts the log group (its policy must allow "+
				"`logs.<region>.amazonaws.com`).", validate.ARN("kms", "key/")),
			"log_group_arn": framework.ComputedString("ARN of the log group, in the `:*` form CloudTrail takes."),
			"role_name":     framework.ComputedString("Name of the delivery role, derived from the trail name."),
			"role_arn":      framework.ComputedString("ARN of the delivery role."),
			"role_trust_policy": framework.ComputedString("Trust policy of the delivery role (JSON): only `cloudtrail.amazonaws.com` may assume it, without " +
				"`aws:SourceArn`/`aws:SourceAccount` conditions, which CloudTrail does not send for this role (see Policies)." + hardened),
			"role_policy": framework.ComputedString("Inline policy of the delivery role (JSON): `logs:CreateLogStream` and `logs:PutLogEvents` on the streams " +
				"CloudTrail writes (`<account>_CloudTrail_<region>*`) of the group only." + hardened),
		})
}

func configRecorderSchema() schema.SingleNestedAttribute {
	return framework.OptionalObject("Records resource configurations with AWS Config in each region (CIS 3.3 / Config.1): "+
		"a recorder of all supported resource types (global types only in the home region) using the AWS Config "+
		"service-linked role, a delivery channel to `s3_bucket_name`, and the recorder started. Regions are configured "+
		"concurrently.",
		map[string]schema.Attribute{
			"regions": schema.SetAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Regions to record. Default: every region enabled for the account (EC2 DescribeRegions, " +
					"honouring opt-in status). Each must be enabled for the account; checked at plan time.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validate.Region())},
			},
			"s3_key_prefix": framework.OptionalString("Key prefix of the Config snapshots and history files, e.g. `config`.", prefixValidator),
			"delivery_frequency": framework.DefaultString("How often Config delivers snapshots: `One_Hour`, `Three_Hours`, "+
				"`Six_Hours`, `Twelve_Hours` or `TwentyFour_Hours` (default).", "TwentyFour_Hours", deliveryFreqValidator),
			"sns_topic_arn": framework.OptionalString("SNS topic the delivery channels notify of configuration changes.", snsTopicValidator),
		})
}

const resourceDescription = "The account's audit trail and configuration recorder: a multi-region CloudTrail trail with log file " +
	"validation, management events and optional S3 data events, optionally streamed to CloudWatch Logs, and an AWS Config " +
	"recorder with a delivery channel in every chosen region. Evidence for SOC 2 CC7.2 (anomaly monitoring), CC7.1 " +
	"(configuration monitoring) and CC8.1 (change management); CIS 3.1-3.5.\n\n" +
	"`terraform plan` is the drift detector: stopping the trail, turning off validation, narrowing the event selectors, " +
	"lowering the log group's retention, stopping or deleting a region's recorder or channel, or removing a tag from the " +
	"trail, the log group or the role each shows as the one attribute that changed, and apply repairs only that.\n\n" +
	"**Existing recorders.** AWS allows one Config recorder per region. A recorder that already exists in a chosen region " +
	"is adopted (`recorders[region].adopted = true`): it is hardened and started and its delivery channel is pointed at " +
	"`s3_bucket_name`, but it is not renamed. Destroy deletes the recorders and channels this resource created; adopted " +
	"ones are left in place and recording (they keep delivering to the log bucket; repoint them if you remove it). " +
	"The AWS Config service-linked role is shared by the account and is never deleted.\n\n" +
	policiesDescription

// policiesDescription states the policies the resource generates or needs, and why.
const policiesDescription = "## Policies\n\n" +
	"**Delivery role trust policy** (`cloudwatch_logs.role_trust_policy`, generated): `cloudtrail.amazonaws.com` may call " +
	"`sts:AssumeRole`, with **no** `aws:SourceArn` / `aws:SourceAccount` condition. AWS documents that confused-deputy " +
	"conditions do not apply to this role and CloudTrail sends neither key when it assumes it, so a condition on them makes " +
	"the role unusable: trail creation fails with `InvalidCloudWatchLogsRoleArnException`, or no event reaches the log group " +
	"and every alarm is blind ([CloudTrail: role policy for CloudWatch Logs](" + cloudWatchLogsDocs + ")).\n\n" +
	"**Delivery role permissions** (`cloudwatch_logs.role_policy`, generated): `logs:CreateLogStream` and `logs:PutLogEvents` " +
	"on the streams CloudTrail names in the log group, `<account>_CloudTrail_<region>*`, and, for an organization trail, " +
	"the member accounts' streams `<org-id>_*`; nothing else (same page).\n\n" +
	"**Aggregator role** (`config_aggregator`, generated): only `config.amazonaws.com` may assume it, and it has the AWS " +
	"managed policy `AWSConfigRoleForOrganizations`, which lets AWS Config list the organization's accounts " +
	"([Setting up an aggregator](https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html)).\n\n" +
	"A role CloudTrail rejects is retried only while it was created (or its trust policy rewritten) in the same apply, for at " +
	"most two minutes of IAM propagation; otherwise the apply fails at once, naming the role and showing its trust policy.\n\n" +
	"**KMS key policy** (`kms_key_arn`, not generated: the key is yours). CloudTrail needs these statements in the key policy " +
	"([Configure AWS KMS key policies for CloudTrail](" + cloudTrailKMSDocs + ")): " +
	"*Allow CloudTrail to encrypt logs*: `cloudtrail.amazonaws.com` may `kms:GenerateDataKey*` when " +
	"`kms:EncryptionContext:aws:cloudtrail:arn` is this trail's ARN (and `aws:SourceArn` is the trail); " +
	"*Allow CloudTrail to describe key*: `cloudtrail.amazonaws.com` may `kms:DescribeKey`; " +
	"*Allow principals in the account to decrypt log files*: readers may `kms:Decrypt` with `kms:CallerAccount` = this " +
	"account and the same encryption context (needed too when the bucket uses an S3 Bucket Key). The plan reads the key " +
	"policy (`kms:GetKeyPolicy`) and warns, naming each missing statement; a policy it cannot read is a warning that it " +
	"went unchecked. AWS managed keys (`alias/aws/...`) are refused: their policies cannot be edited to admit CloudTrail.\n\n" +
	"**Tags.** `tags` merged over the provider's `default_tags` go on the trail, the log group, the delivery role and the " +
	"Config recorders this resource creates (AWS Config sets a recorder's tags at creation; delivery channels are not " +
	"taggable). `tags_all` reads back the tags the trail, the log group and the role all carry, so a tag removed from any " +
	"of them is drift; recorder tags are not read back, which would cost a call per region on every plan."

func trailAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": framework.IDAttribute("The trail name."),
		"name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Name of the trail: 3-128 letters, digits, periods, underscores or dashes, starting and ending " +
				"with a letter or digit. Changing it replaces the trail.",
			Validators:    []validator.String{trailNameValidator},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"s3_bucket_name": framework.RequiredString("Bucket that receives the log files (and the Config snapshots), normally "+
			"`soc2_log_bucket`'s `bucket`. Its policy must let `cloudtrail.amazonaws.com` and `config.amazonaws.com` write.",
			bucketNameValidator),
		"s3_key_prefix": framework.OptionalString("Key prefix of the trail's log files, without slashes, e.g. `cloudtrail`.", prefixValidator),
		"kms_key_arn": framework.OptionalString("ARN of a customer managed KMS key (or alias) for SSE-KMS encryption of the "+
			"log files; unset, S3 encrypts them with the bucket's default encryption. Key ids and ARNs are compared after "+
			"normalisation. The key policy must admit CloudTrail (see Policies); the plan warns about each missing statement. "+
			"AWS managed keys (`alias/aws/...`) are refused.", kmsKeyValidator),
		"organization_trail": framework.DefaultBool("Log every account of the AWS Organization: an organization trail. Only "+
			"the management account or a delegated administrator of CloudTrail may own one; the plan reads the organization "+
			"(Organizations DescribeOrganization, ListDelegatedAdministrators) and refuses anywhere else, and outside an "+
			"organization, before any change. The delivery role then may also write the member accounts' streams "+
			"(`<org-id>_*`), and the log bucket must admit `AWSLogs/<org-id>/` (`soc2_log_bucket`'s `organization_id`). "+
			"Default `false`.", false),
		"organization_id": framework.ComputedString("Id (`o-...`) of the organization an organization trail logs; null otherwise."),
		"s3_data_event_buckets": framework.OptionalStringSet("Buckets whose object-level read and write events (GetObject, "+
			"PutObject, DeleteObject...) the trail records, for sensitive data stores. Data events are billed per event.",
			setvalidator.ValueStringsAre(bucketNameValidator), setvalidator.SizeAtLeast(1)),
		"arn":         framework.ComputedString("ARN of the trail."),
		"home_region": framework.ComputedString("Region the trail lives in: the provider's region."),
	}
}

func hardenedTrailAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"is_multi_region_trail":         framework.ComputedBool("Whether the trail records every region (CIS 3.1)." + hardened),
		"include_global_service_events": framework.ComputedBool("Whether the trail records global services such as IAM, STS and CloudFront." + hardened),
		"enable_log_file_validation":    framework.ComputedBool("Whether CloudTrail writes signed digest files that prove the logs were not altered (CIS 3.2)." + hardened),
		"logging":                       framework.ComputedBool("Whether the trail is logging; `StopLogging` shows here as `false -> true` and apply calls `StartLogging`." + hardened),
		"include_management_events":     framework.ComputedBool("Whether the event selectors record management (control-plane) events." + hardened),
		"management_event_read_write_type": framework.ComputedString("Which management events are recorded: `All` (read and write). `ReadOnly`, `WriteOnly` or " +
			"`AdvancedEventSelectors` (advanced selectors without a management-events selector) are drift." + hardened),
		"advanced_event_selectors": framework.ComputedString("The trail's advanced event selectors in a canonical JSON form (field " +
			"conditions only, values sorted, selector names left out). With `s3_data_events` it is the management-events selector " +
			"and the S3 data-events selector; without it, none (`null`), so advanced selectors put on the trail outside Terraform, " +
			"which replace its classic ones, are drift." + hardened),
		"data_event_resources": schema.SetAttribute{
			Computed:    true,
			ElementType: types.StringType,
			MarkdownDescription: "S3 object ARNs (`arn:aws:s3:::bucket/`) whose read and write data events the selectors " +
				"record, derived from `s3_data_event_buckets`." + hardened,
		},
	}
}

func recordersSchema() schema.MapNestedAttribute {
	return framework.ComputedMapOf("The AWS Config recorder of each region of `config_recorder.regions`, keyed by region. "+
		"The planned values of `recording`, `all_supported`, `include_global_resource_types`, `delivery_channel` and "+
		"`delivery_s3_bucket` are the hardened ones, so a stopped or deleted recorder, a deleted channel or a narrowed "+
		"recording group shows as that region's entry changing back; apply repairs only that region.",
		map[string]schema.Attribute{
			"name":                          framework.ComputedString("Recorder name (an adopted recorder keeps its own)."),
			"status":                        framework.ComputedString("Last status AWS Config reported (`PENDING`, `SUCCESS`, `FAILURE`), or empty when absent."),
			"recording":                     framework.ComputedBool("Whether the recorder is started." + hardened),
			"all_supported":                 framework.ComputedBool("Whether it records all supported resource types." + hardened),
			"include_global_resource_types": framework.ComputedBool("Whether it records global types (IAM); `true` only in the home region, so they are recorded once." + hardened),
			"delivery_channel":              framework.ComputedString("Name of the region's delivery channel; empty when it was deleted." + hardened),
			"delivery_s3_bucket":            framework.ComputedString("Bucket the channel delivers to: `s3_bucket_name`." + hardened),
			"role_arn":                      framework.ComputedString("Role the recorder uses: the service-linked role." + hardened),
			"adopted":                       framework.ComputedBool("Whether the recorder existed before and was adopted; destroy leaves adopted recorders in place."),
		})
}

func s3DataEventsSchema() schema.SingleNestedAttribute {
	return framework.OptionalObject("Records object-level S3 data events (GetObject, PutObject, DeleteObject...) of "+
		"**every** bucket of the account, present and future (CIS 3.8 write, 3.9 read), with advanced event selectors "+
		"([Logging data events]("+advancedDocs+")). The trail's own bucket (`s3_bucket_name`) is always excluded: "+
		"CloudTrail writing its log files there would be data events about its own deliveries, a loop of events and cost. "+
		"A trail has either classic or advanced selectors, not both, so management events become an advanced selector too "+
		"(`advanced_event_selectors` shows both). Cannot be combined with `s3_data_event_buckets`. Data events are billed "+
		"per event: on busy buckets, exclude them or record writes only.",
		map[string]schema.Attribute{
			"all_buckets": schema.BoolAttribute{
				Required:            true,
				MarkdownDescription: "Must be `true`: record every bucket except `exclude_buckets`. For named buckets only, use `s3_data_event_buckets`.",
			},
			"read":  framework.DefaultBool("Record read events (GetObject...; CIS 3.9). Default `true`.", true),
			"write": framework.DefaultBool("Record write events (PutObject, DeleteObject...; CIS 3.8). Default `true`.", true),
			"exclude_buckets": framework.OptionalStringSet("Buckets whose object events are not recorded (`resources.ARN` "+
				"NotStartsWith), e.g. a server access-log bucket, whose every delivery would otherwise be a data event. The "+
				"trail's bucket is excluded without being listed.",
				setvalidator.ValueStringsAre(bucketNameValidator), setvalidator.SizeAtLeast(1)),
		})
}

func insightsSchema() schema.SetAttribute {
	return framework.OptionalStringSet("CloudTrail Insights types to enable (opt-in): `ApiCallRateInsight` (unusual "+
		"volumes of write management calls) and `ApiErrorRateInsight` (unusual rates of failed calls). **Insights are "+
		"billed** per 100,000 events analysed per type ([pricing](https://aws.amazon.com/cloudtrail/pricing/)), hence off "+
		"unless listed. Set through PutInsightSelectors ([API]("+insightsDocs+")); a type turned off outside Terraform "+
		"shows as this attribute changing back. Removing the attribute turns Insights off; leaving it unset leaves "+
		"Insights unmanaged.",
		setvalidator.ValueStringsAre(insightTypeValidator), setvalidator.SizeAtLeast(1))
}
