package accessanalyzer

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

func (r *analyzerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": framework.IDAttribute("The analyzer name (the import id)."),
			"name": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "Name of the external-access analyzer in every region. The unused-access analyzer is `<name>" +
					unusedSuffix + "` and the EventBridge rule `<name>" + ruleSuffix + "`.",
				Validators: []validator.String{validate.StringFunc("an analyzer name", nameProblem)},
			},
			"type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("ACCOUNT"), PlanModifiers: replace,
				MarkdownDescription: "`ACCOUNT` (default: findings for access from outside this account) or `ORGANIZATION` " +
					"(outside the organization; only from the management account or an Access Analyzer delegated administrator, " +
					"which the plan checks with Organizations DescribeOrganization and ListDelegatedAdministrators).",
				Validators: []validator.String{validate.StringFunc("an analyzer type", typeProblem)},
			},
			"regions": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				MarkdownDescription: "Regions with an analyzer and a findings rule. Default: every region enabled for the account " +
					"(external access is analyzed per region, so a region without an analyzer is unmonitored).",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validate.Region())},
			},
			"unused_access_age_days": framework.OptionalInt64(fmt.Sprintf("Adds an unused-access analyzer per region reporting "+
				"IAM roles, users, keys and permissions unused for this many days (%d–%d). **Paid**: AWS charges per IAM role "+
				"and user analyzed per month (https://aws.amazon.com/iam/access-analyzer/pricing/). Off by default.",
				minUnusedAge, maxUnusedAge), validate.Int64Func("an unused-access age", unusedAgeProblem)),
			"archive_rules": archiveRulesAttribute(),
			"sns_topic_arn": framework.RequiredString("The alarm topic that receives every new active finding, typically "+
				"`soc2_alarm_pack`'s `notification.topic_arn`. Its policy must let `events.amazonaws.com` publish (see Policies).",
				validate.ARN("sns")),
			"analyzers": framework.ComputedMapOf("Per region, what AWS has (CC7.2 monitoring evidence). Hardened: `status` "+
				"`ACTIVE`, `rule_state` `ENABLED`, `target_present` true, `archive_rules_in_sync` true; a region whose analyzer "+
				"was deleted shows `status` `MISSING`, so the plan names the region.", regionAttributes()),
			"forwarding_role_arn": framework.ComputedString("The role EventBridge assumes to forward findings from the other " +
				"regions to the default event bus of the topic's region (`<name>" + forwardSuffix + "`; see Policies). Empty " +
				"when every region is the topic's, and when the role was deleted or its trust or permissions policy changed out " +
				"of band (drift)."),
			"tags":     framework.TagsAttribute("the analyzers and the EventBridge rules"),
			"tags_all": framework.TagsAllAttribute("the analyzers and the EventBridge rules"),
		},
	}
}

func archiveRulesAttribute() schema.MapNestedAttribute {
	list := func(op string) schema.ListAttribute {
		return schema.ListAttribute{ElementType: types.StringType, Optional: true, MarkdownDescription: "The " + op + " operator's values."}
	}
	return schema.MapNestedAttribute{
		Optional: true,
		MarkdownDescription: "Archive rules of every region's external-access analyzer, by rule name, kept exactly: a rule " +
			"added, changed or deleted out of band is drift. Filter keys are Access Analyzer's archive-rule keys " +
			"(" + filterKeysDoc + ").",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"filter": schema.MapNestedAttribute{
				Required: true, MarkdownDescription: "Filter key → criterion.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"eq": list("equals"), "neq": list("not-equals"), "contains": list("contains"),
					"exists": schema.BoolAttribute{Optional: true, MarkdownDescription: "Whether the key exists."},
				}},
			},
		}},
	}
}

func regionAttributes() map[string]schema.Attribute {
	str := framework.ComputedString
	return map[string]schema.Attribute{
		"analyzer_arn":               str("The external-access analyzer's ARN."),
		"status":                     str("The analyzer's status. Hardened: `ACTIVE` (`MISSING` when deleted)."),
		"unused_access_analyzer_arn": str("The unused-access analyzer's ARN; empty when not configured."),
		"unused_access_status":       str("Its status. Hardened: `ACTIVE` (`NOT_CONFIGURED` without `unused_access_age_days`)."),
		"rule_arn":                   str("The EventBridge rule's ARN."),
		"rule_state":                 str("The rule's state. Hardened: `ENABLED` (`MISSING` when deleted)."),
		"rule_matches_findings":      framework.ComputedBool("Whether the rule's event pattern still matches new active findings. Hardened: `true`."),
		"target_present":             framework.ComputedBool("Whether the rule still targets the alarm topic. Hardened: `true`."),
		"archive_rules_in_sync":      framework.ComputedBool("Whether the region's archive rules are exactly `archive_rules`. Hardened: `true`."),
	}
}

const resourceDescription = "IAM Access Analyzer in every region, with alerting on new external-access findings " +
	"(SOC 2 CC6.1, CC6.3, CC7.2).\n\n" +
	"In each region: an external-access analyzer (`type`), optionally an unused-access analyzer (paid), the declared " +
	"archive rules and an EventBridge rule `<name>-findings` matching `source = aws.access-analyzer`, " +
	"`detail-type = Access Analyzer Finding`, `detail.status = ACTIVE`. `terraform plan` names the region whose analyzer " +
	"was deleted, whose rule was disabled, narrowed or lost its target, or whose archive rules changed. Findings themselves " +
	"are never part of the planned state: read them with the `soc2_access_findings` data source.\n\n" +
	"**Regions and the topic.** EventBridge sends to an SNS topic only from rules of the topic's own region, so the rule " +
	"there targets the topic, and the rule of every other region targets the default event bus of the topic's region, " +
	"which the topic region's rule matches again (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html).\n\n" +
	"## Policies\n\n" +
	"When a region other than the topic's is managed, the resource creates the role `<name>" + forwardSuffix + "` that " +
	"EventBridge assumes to forward, with two generated policies:\n\n" +
	"- trust: `events.amazonaws.com` may `sts:AssumeRole` only for this account's rules named `<name>-findings` " +
	"(`aws:SourceAccount`, `aws:SourceArn` `arn:<partition>:events:*:<account>:rule/<name>-findings`), so no other rule or " +
	"account can use the role (confused deputy, " +
	"https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html);\n" +
	"- permissions: `events:PutEvents` on `arn:<partition>:events:<topic region>:<account>:event-bus/default` only, which " +
	"is all a cross-region target needs (the bus is in the same account, so it needs no bus policy).\n\n" +
	"A deleted role, or a trust or permissions policy changed out of band, shows as `forwarding_role_arn` changing back.\n\n" +
	"The alarm topic's own policy must let `events.amazonaws.com` `sns:Publish` for this account's rules of its region " +
	"(`aws:SourceAccount`, `aws:SourceArn`); `soc2_alarm_pack` writes that statement on the topic it creates " +
	"(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions), and the " +
	"plan warns when a given topic's policy lacks it."
