package accessanalyzer

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// accessAnalyzerPrincipal is the service principal Organizations names Access Analyzer's
// delegated administrators under.
const accessAnalyzerPrincipal = "access-analyzer.amazonaws.com"

func (r *analyzerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, ok := framework.Get[resourceModel](ctx, req.Config, &resp.Diagnostics)
	if !ok || !framework.Known(config.ArchiveRules) {
		return
	}
	var rules map[string]archiveRuleModel
	if diags := config.ArchiveRules.ElementsAs(ctx, &rules, false); diags.HasError() {
		return // unknown parts: checked again at plan time
	}
	resp.Diagnostics.Append(archiveProblems(rules)...)
}

// archiveProblems refuses rule names and filter keys Access Analyzer would reject, and
// criteria with no operator.
func archiveProblems(rules map[string]archiveRuleModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		p := path.Root("archive_rules").AtMapKey(name)
		if !analyzerNamePattern.MatchString(name) {
			diags.AddAttributeError(p, "Invalid archive rule name",
				fmt.Sprintf("archive_rules key %q is not a rule name: start with a letter and use only letters, digits, '_', '.' and '-'", name))
		}
		if len(rules[name].Filter) == 0 {
			diags.AddAttributeError(p.AtName("filter"), "Empty archive rule filter",
				fmt.Sprintf("archive_rules[%q].filter is empty; Access Analyzer needs at least one filter key (an empty rule would archive every finding)", name))
		}
		for _, key := range slices.Sorted(maps.Keys(rules[name].Filter)) {
			c := rules[name].Filter[key]
			if problem := filterKeyProblem(key); problem != "" {
				diags.AddAttributeError(p.AtName("filter").AtMapKey(key), "Invalid archive rule filter key",
					fmt.Sprintf("archive_rules[%q].filter: %s", name, problem))
			} else if len(c.Eq)+len(c.Neq)+len(c.Contains) == 0 && c.Exists == nil {
				diags.AddAttributeError(p.AtName("filter").AtMapKey(key), "Archive rule criterion without an operator",
					fmt.Sprintf("archive_rules[%q].filter[%q] sets none of eq, neq, contains, exists; set one, e.g. eq = [\"false\"]", name, key))
			}
		}
	}
	return diags
}

func (r *analyzerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, config, prior, ok := framework.PlanInputs[resourceModel](ctx, r.Client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.ID = plan.Name
	resp.Diagnostics.Append(r.planRegions(ctx, &plan, config)...)
	if plan.Type.ValueString() == "ORGANIZATION" {
		if err := r.organizationProblem(ctx); err != "" {
			resp.Diagnostics.AddAttributeError(path.Root("type"), "type = \"ORGANIZATION\" is not possible from this account", err)
		}
	}
	plan.ForwardingRoleARN = r.planForwardingRole(ctx, plan)
	resp.Diagnostics.Append(r.topicPolicyWarning(ctx, plan)...)
	plan.Analyzers = planAnalyzers(ctx, plan, prior)
	var diags diag.Diagnostics
	plan.TagsAll, diags = framework.PlanTagsAll(ctx, r.Client, plan.Tags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// planRegions fills the default (every enabled region) and rejects regions the account cannot use.
func (r *analyzerResource) planRegions(ctx context.Context, plan *resourceModel, config resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if !framework.AllKnown(config.Regions) {
		return nil
	}
	enabled, err := r.Client.EnabledRegions(ctx)
	if err != nil {
		diags.AddError("Listing the account's regions", err.Error())
		return diags
	}
	if config.Regions.IsNull() {
		plan.Regions, diags = types.SetValueFrom(ctx, types.StringType, enabled)
		return diags
	}
	regions, diags := framework.StringList(ctx, config.Regions)
	for _, region := range regions {
		if !slices.Contains(enabled, region) {
			diags.AddAttributeError(path.Root("regions"), "Invalid regions",
				fmt.Sprintf("regions contains %q: not a region enabled for account %s; remove it, or opt the account into it first. Enabled regions: %s",
					region, r.Client.AccountID, strings.Join(enabled, ", ")))
		}
	}
	return diags
}

// organizationProblem explains why this account cannot own an ORGANIZATION analyzer, or is "".
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-settings.html#access-analyzer-delegated-administrator
func (r *analyzerResource) organizationProblem(ctx context.Context) string {
	orgs := r.Client.Organizations()
	out, err := orgs.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if framework.IsA[*orgtypes.AWSOrganizationsNotInUseException](err) {
		return fmt.Sprintf("account %s is not in an AWS Organization; use type = \"ACCOUNT\", or create the organization first", r.Client.AccountID)
	}
	if err != nil {
		return fmt.Sprintf("could not check the organization (Organizations DescribeOrganization): %v; use type = \"ACCOUNT\" or grant organizations:DescribeOrganization", err)
	}
	if aws.ToString(out.Organization.MasterAccountId) == r.Client.AccountID {
		return ""
	}
	pages := organizations.NewListDelegatedAdministratorsPaginator(orgs, &organizations.ListDelegatedAdministratorsInput{ServicePrincipal: aws.String(accessAnalyzerPrincipal)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			// Only the management account and delegated administrators may list them.
			return fmt.Sprintf("account %s is neither the management account (%s) of organization %s nor an Access Analyzer delegated administrator (Organizations ListDelegatedAdministrators: %v); run from the management account, register this account with `aws organizations register-delegated-administrator --service-principal %s`, or use type = \"ACCOUNT\"",
				r.Client.AccountID, aws.ToString(out.Organization.MasterAccountId), aws.ToString(out.Organization.Id), err, accessAnalyzerPrincipal)
		}
		for _, a := range page.DelegatedAdministrators {
			if aws.ToString(a.Id) == r.Client.AccountID {
				return ""
			}
		}
	}
	return fmt.Sprintf("account %s is neither the management account (%s) of organization %s nor an Access Analyzer delegated administrator; run from the management account, register this account as delegated administrator for %s, or use type = \"ACCOUNT\"",
		r.Client.AccountID, aws.ToString(out.Organization.MasterAccountId), aws.ToString(out.Organization.Id), accessAnalyzerPrincipal)
}

// planForwardingRole is the role's ARN when some region forwards (IAM ARNs are known from the
// name), "" when none does, unknown while the regions or the topic are.
func (r *analyzerResource) planForwardingRole(ctx context.Context, plan resourceModel) types.String {
	if !framework.Known(plan.Regions) || !framework.AllKnown(plan.Regions) || !framework.Known(plan.SNSTopicARN) {
		return types.StringUnknown()
	}
	d, _ := desiredFrom(ctx, plan, r.Client)
	if !d.forwards() {
		return types.StringValue("")
	}
	return types.StringValue(d.roleARN(r.Client))
}

// topicPolicyWarning warns when the topic's policy does not let this account's EventBridge rules
// publish: EventBridge would then drop every finding event it sends to the topic.
func (r *analyzerResource) topicPolicyWarning(ctx context.Context, plan resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	topicARN := plan.SNSTopicARN.ValueString()
	topic, err := arn.Parse(topicARN)
	if !framework.Known(plan.SNSTopicARN) || err != nil {
		return nil
	}
	out, err := r.Client.SNS(topic.Region).GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topicARN)})
	p := path.Root("sns_topic_arn")
	switch {
	case err != nil:
		diags.AddAttributeWarning(p, "Cannot read the alarm topic's policy",
			fmt.Sprintf("SNS GetTopicAttributes on %s: %v; if the topic does not exist yet (created in this apply) this is expected, otherwise findings may not be delivered", topicARN, err))
	case !policies.TopicAllowsEventBridge(out.Attributes["Policy"], topicARN, r.Client.AccountID):
		diags.AddAttributeWarning(p, "The alarm topic's policy does not let EventBridge publish",
			fmt.Sprintf("the policy of %s does not allow events.amazonaws.com to sns:Publish for rules of account %s (aws:SourceAccount, aws:SourceArn arn:%s:events:%s:%s:rule/*), so EventBridge drops every finding event; soc2_alarm_pack writes that statement on the topic it creates, or add it to your topic's policy (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions)",
				topicARN, r.Client.AccountID, topic.Partition, topic.Region, r.Client.AccountID))
	}
	return diags
}

// planAnalyzers plans each region's entry: the hardened values always, the ARNs of the prior
// state where the object exists (a region being created or repaired gets them after apply).
func planAnalyzers(ctx context.Context, plan resourceModel, prior *resourceModel) types.Map {
	if !framework.Known(plan.Regions) {
		return types.MapUnknown(regionObjectType)
	}
	priorRegions := map[string]regionModel{}
	if prior != nil && framework.Known(prior.Analyzers) {
		_ = prior.Analyzers.ElementsAs(ctx, &priorRegions, false)
	}
	regions, _ := framework.StringList(ctx, plan.Regions)
	elems := map[string]attr.Value{}
	for _, region := range regions {
		p, had := priorRegions[region]
		keep := func(arn types.String, status types.String) types.String {
			if had && arn.ValueString() != "" && status.ValueString() != statusMissing {
				return arn
			}
			return types.StringUnknown()
		}
		m := regionModel{
			AnalyzerARN: keep(p.AnalyzerARN, p.Status), Status: types.StringValue(statusActive),
			UnusedAccessAnalyzerARN: types.StringValue(""), UnusedAccessStatus: types.StringValue(statusNotConfigured),
			RuleARN: keep(p.RuleARN, p.RuleState), RuleState: types.StringValue(ruleEnabled),
			TargetPresent: types.BoolValue(true), ArchiveRulesInSync: types.BoolValue(true), RuleMatchesFindings: types.BoolValue(true),
		}
		if !plan.UnusedAccessAgeDays.IsNull() {
			m.UnusedAccessAnalyzerARN = keep(p.UnusedAccessAnalyzerARN, p.UnusedAccessStatus)
			m.UnusedAccessStatus = types.StringValue(statusActive)
		}
		v, _ := types.ObjectValueFrom(ctx, regionAttrTypes, m)
		elems[region] = v
	}
	return types.MapValueMust(regionObjectType, elems)
}
