package alarmpack

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// docSNSEncryptedTopic is where AWS documents that a service publishing to an encrypted topic
// needs a customer managed key whose policy lets the service principal use it; AWS states the
// reason the AWS managed key cannot serve ("you can't modify the AWS managed key for Amazon SNS")
// in https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-sns-creating-role.html
const docSNSEncryptedTopic = "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services"

// topicKeyStatement is the key policy statement CloudWatch alarms need on the topic's key, as the
// SNS documentation gives it for AWS services publishing to encrypted topics.
const topicKeyStatement = `{"Sid": "AllowCloudWatchAlarmsToUseTheKey", "Effect": "Allow", ` +
	`"Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": ["kms:GenerateDataKey*", "kms:Decrypt"], "Resource": "*"}`

// CloudWatch Logs quotas per log group: PutMetricFilter refuses a filter past them, which would
// fail the apply halfway through the pack.
const (
	maxFiltersPerLogGroup      = 100
	maxRegexFiltersPerLogGroup = 5
)

func (r *alarmPackResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, ok := framework.Get[packModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	s, diags := specFromModel(ctx, m)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(s.validate()...)
}

func (r *alarmPackResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, ok := framework.PlanOf[packModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	s, diags := specFromModel(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || r.Client == nil {
		return
	}
	if !plan.LogGroupName.IsUnknown() {
		if err := findLogGroup(ctx, r.Client.CloudWatchLogs(""), s.LogGroupName); framework.NotFound(err) {
			r.missingLogGroup(s, !req.State.Raw.IsNull(), &resp.Diagnostics)
		} else if err != nil {
			resp.Diagnostics.AddError("Cannot check the log group", err.Error())
		}
		plan.ID = types.StringValue(s.LogGroupName + importSeparator + s.NamePrefix)
	}
	topicARN, topicKnown := r.topicARN(s)
	if topicKnown {
		r.checkTopicKey(ctx, s, topicARN, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.planNotification(ctx, &plan, s, topicARN, topicKnown, &resp.Diagnostics)
	r.planAlarms(ctx, &plan, s, topicARN, topicKnown, &resp.Diagnostics)
	tagsAll, d := framework.PlanTagsAll(ctx, r.Client, plan.Tags)
	resp.Diagnostics.Append(d...)
	plan.TagsAll = tagsAll
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planNotification plans the computed topic attributes: the hardened values of a created topic.
func (r *alarmPackResource) planNotification(ctx context.Context, plan *packModel, s packSpec, topicARN string, topicKnown bool, diags *diag.Diagnostics) {
	n, ok := plan.notification(ctx, diags)
	if !ok || !s.Notification.Known {
		return
	}
	n.TopicName, n.CloudWatchCanPublish = types.StringNull(), types.BoolNull()
	if s.Notification.CreateTopic {
		n.TopicName, n.CloudWatchCanPublish = types.StringValue(s.topicName()), types.BoolValue(true)
	}
	n.TopicARN = types.StringUnknown()
	if topicKnown {
		n.TopicARN = types.StringValue(topicARN)
	}
	plan.setNotification(ctx, n, diags)
}

// planAlarms plans every alarm as the pack hardens it.
func (r *alarmPackResource) planAlarms(ctx context.Context, plan *packModel, s packSpec, topicARN string, topicKnown bool, diags *diag.Diagnostics) {
	if s.Partial {
		plan.Alarms = types.MapUnknown(types.ObjectType{AttrTypes: alarmAttrTypes})
		return
	}
	specs, err := s.alarms()
	if err != nil {
		diags.AddError("Cannot build the alarm patterns", err.Error())
		return
	}
	entries := make(map[string]alarmModel, len(specs))
	for id, a := range specs {
		entries[id] = r.plannedEntry(ctx, s, a, topicARN, topicKnown, diags)
	}
	plan.Alarms = alarmsValue(ctx, entries, diags)
}

// missingLogGroup reports a log group that does not exist. Terraform does not tell a provider
// whether a known value comes from a resource created in the same apply (the usual
// soc2_cloudtrail_baseline reference is known at plan time), so before the first create it is a
// warning, and Create refuses it before making anything; for an existing pack it is an error,
// because its filters went with the group and apply cannot bring them back.
func (r *alarmPackResource) missingLogGroup(s packSpec, exists bool, diags *diag.Diagnostics) {
	detail := fmt.Sprintf("log_group_name = %q: no CloudWatch Logs group of that name exists in %s (account %s); create it first "+
		"(e.g. soc2_cloudtrail_baseline with cloudwatch_logs) and reference its attribute so Terraform orders the two",
		s.LogGroupName, r.Client.HomeRegion, r.Client.AccountID)
	if exists {
		diags.AddAttributeError(path.Root("log_group_name"), "Log group not found", detail)
		return
	}
	diags.AddAttributeWarning(path.Root("log_group_name"), "Log group not found yet",
		detail+". If a resource of this configuration creates it, this warning is expected.")
}

// plannedEntry is an alarm as the pack hardens it; any state that differs is drift.
func (r *alarmPackResource) plannedEntry(ctx context.Context, s packSpec, a alarmSpec, topicARN string, topicKnown bool, diags *diag.Diagnostics) alarmModel {
	e := alarmModel{
		Pattern:          types.StringValue(a.Pattern),
		FilterName:       types.StringValue(s.filterName(a.ID)),
		MetricName:       types.StringValue(s.metricName(a.ID)),
		AlarmName:        types.StringValue(s.alarmName(a.ID)),
		AlarmARN:         types.StringValue(r.alarmARN(s.alarmName(a.ID))),
		settingsModel:    settingsValue(a.Threshold, a.Period, a.EvaluationPeriods),
		ActionsEnabled:   types.BoolValue(true),
		Statistic:        types.StringValue(alarmStatistic),
		Comparison:       types.StringValue(alarmComparison),
		TreatMissingData: types.StringValue(alarmTreatMissingData),
		AlarmActions:     types.ListUnknown(types.StringType),
		Controls:         stringList(ctx, a.Controls, diags),
		CIS:              types.StringValue(a.CIS),
		SecurityHub:      types.StringValue(a.SecurityHub),
	}
	if topicKnown {
		e.AlarmActions = stringList(ctx, []string{topicARN}, diags)
	}
	return e
}

// awsManagedKeyAlias reports whether kms_key_arn names an AWS managed key by its alias
// (alias/aws/<service>, or the alias ARN).
func awsManagedKeyAlias(v string) bool {
	if a, err := arn.Parse(v); err == nil {
		v = a.Resource
	}
	return strings.HasPrefix(v, "alias/aws/")
}

// awsManagedKeyDetail is the error for an AWS managed topic key: its policy belongs to AWS and
// cannot be changed to let CloudWatch use the key, so no alarm notification would be delivered.
func awsManagedKeyDetail(value string) string {
	return fmt.Sprintf("notification.kms_key_arn = %q: this is an AWS managed KMS key, and CloudWatch alarms cannot publish to "+
		"an SNS topic encrypted with an AWS managed key, whose key policy cannot be changed to let cloudwatch.amazonaws.com use it "+
		"(%s); every alarm notification would be lost. Use a customer managed key whose key policy lets cloudwatch.amazonaws.com "+
		"use kms:GenerateDataKey* and kms:Decrypt, e.g. the statement %s", value, docSNSEncryptedTopic, topicKeyStatement)
}

// checkTopicKey reads the key policy of the created topic's key and warns, naming each gap, when
// CloudWatch alarms could not use the key. It only reads. A key that turns out to be AWS managed
// (given by key ARN) is refused like its alias.
func (r *alarmPackResource) checkTopicKey(ctx context.Context, s packSpec, topicARN string, diags *diag.Diagnostics) {
	n := s.Notification
	if !n.Known || !n.CreateTopic || !n.KMSKeyKnown || n.KMSKeyARN == "" || awsManagedKeyAlias(n.KMSKeyARN) {
		return
	}
	p := path.Root("notification").AtName("kms_key_arn")
	region := ""
	if a, err := arn.Parse(n.KMSKeyARN); err == nil {
		region = a.Region
	}
	client := r.Client.KMS(region)
	key, err := findKey(ctx, client, n.KMSKeyARN)
	if err == nil && key.KeyManager == kmstypes.KeyManagerTypeAws {
		diags.AddAttributeError(p, "AWS managed key for the alarm topic", awsManagedKeyDetail(n.KMSKeyARN))
		return
	}
	var policy string
	if err == nil {
		policy, err = findKeyPolicy(ctx, client, aws.ToString(key.Arn))
	}
	if err != nil {
		diags.AddAttributeWarning(p, "Cannot check the topic key's policy", fmt.Sprintf(
			"notification.kms_key_arn = %q: the key policy could not be read (%s), so the provider cannot check that CloudWatch alarms "+
				"may use the key. Make sure the key policy has the statement %s (%s)", n.KMSKeyARN, err, topicKeyStatement, docSNSEncryptedTopic))
		return
	}
	gaps := policies.KeyPolicyGaps(policy, policies.KeyUse{
		User: policies.KeyForAlarmTopic, KeyARN: aws.ToString(key.Arn), AccountID: r.Client.AccountID, TopicARN: topicARN,
	})
	if len(gaps) > 0 {
		diags.AddAttributeWarning(p, "The topic key does not let CloudWatch alarms publish", fmt.Sprintf(
			"notification.kms_key_arn = %q: %s. Alarms would fire but no notification would be delivered; add the statement %s to the key policy",
			n.KMSKeyARN, strings.Join(gaps, "; "), topicKeyStatement))
	}
}

// validate reports every configuration error that needs more than one attribute to see, each
// naming the attribute, the value and the fix. It makes no AWS call.
func (s packSpec) validate() diag.Diagnostics {
	var diags diag.Diagnostics
	validIDs := strings.Join(sortedCatalogIDs(), ", ")
	s.validateExclude(validIDs, &diags)
	s.validateOverrides(validIDs, &diags)
	if err := s.BusinessHours.Validate(); err != nil {
		diags.AddAttributeError(path.Root("business_hours"), "Invalid business_hours",
			fmt.Sprintf("business_hours = {start = %q, end = %q, utc_offset = %q}: %s",
				s.BusinessHours.Start, s.BusinessHours.End, s.BusinessHours.UTCOffset, joinErr(err)))
	}
	regexAlarms := s.validateCustom(&diags)
	diags.Append(s.checkLogGroupQuotas(regexAlarms)...)
	s.validateNotification(&diags)
	return diags
}

func (s packSpec) validateExclude(validIDs string, diags *diag.Diagnostics) {
	for _, id := range s.Exclude {
		if _, ok := alarmcatalog.Lookup(id); !ok {
			p := path.Root("exclude").AtSetValue(types.StringValue(id))
			diags.AddAttributeError(p, "Unknown alarm id in exclude",
				fmt.Sprintf("exclude = %q: not an alarm of the catalog; use one of %s", id, validIDs))
		}
	}
}

func (s packSpec) validateOverrides(validIDs string, diags *diag.Diagnostics) {
	for _, id := range sortedKeys(s.Overrides) {
		p := path.Root("overrides").AtMapKey(id)
		if _, ok := alarmcatalog.Lookup(id); !ok {
			fix := "use one of " + validIDs
			if slices.ContainsFunc(s.Custom, func(c customSpec) bool { return c.ID == id }) {
				fix = "set threshold, period and evaluation_periods on the custom alarm itself"
			}
			diags.AddAttributeError(p, "Unknown alarm id in overrides",
				fmt.Sprintf("overrides[%q]: %q is not an alarm of the catalog; %s", id, id, fix))
			continue
		}
		if slices.Contains(s.Exclude, id) {
			diags.AddAttributeError(p, "Override of an excluded alarm",
				fmt.Sprintf("overrides[%q]: the alarm %q is in exclude, so the override would do nothing; remove one of the two", id, id))
		}
	}
}

// validateCustom checks the custom alarms and returns the ids of those whose pattern uses a
// regular expression.
func (s packSpec) validateCustom(diags *diag.Diagnostics) []string {
	seen := map[string]int{}
	var regexAlarms []string
	for i, c := range s.Custom {
		p := path.Root("custom_alarms").AtListIndex(i)
		if c.ID != "" {
			if first, dup := seen[c.ID]; dup {
				diags.AddAttributeError(p.AtName("id"), "Duplicate custom alarm id",
					fmt.Sprintf("custom_alarms[%d].id = %q: custom_alarms[%d] already uses this id; give each custom alarm its own id", i, c.ID, first))
			} else {
				seen[c.ID] = i
			}
			if _, ok := alarmcatalog.Lookup(c.ID); ok {
				diags.AddAttributeError(p.AtName("id"), "Custom alarm id collides with the catalog",
					fmt.Sprintf("custom_alarms[%d].id = %q: the catalog already has an alarm with this id; choose another id, or use overrides[%q] to tune the catalog alarm", i, c.ID, c.ID))
			}
		}
		if !c.PatternKnown {
			continue
		}
		parsed, err := filterpattern.Parse(c.Pattern)
		if err != nil {
			diags.AddAttributeError(p.AtName("pattern"), "Invalid filter pattern",
				fmt.Sprintf("custom_alarms[%d].pattern = %q: the pattern of alarm %q is invalid at %s; correct the pattern (CloudWatch Logs filter pattern syntax)", i, c.Pattern, c.ID, describeParseError(err)))
		} else if parsed.Regexes() > 0 {
			regexAlarms = append(regexAlarms, c.ID)
		}
	}
	return regexAlarms
}

func (s packSpec) validateNotification(diags *diag.Diagnostics) {
	n := s.Notification
	np := path.Root("notification")
	if n.KMSKeyKnown && awsManagedKeyAlias(n.KMSKeyARN) {
		diags.AddAttributeError(np.AtName("kms_key_arn"), "AWS managed key for the alarm topic", awsManagedKeyDetail(n.KMSKeyARN))
	}
	if !n.Known {
		return
	}
	switch {
	case n.CreateTopic && n.SNSTopicARN != "":
		diags.AddAttributeError(np.AtName("sns_topic_arn"), "Conflicting notification settings",
			fmt.Sprintf("notification.sns_topic_arn = %q with create_topic = true: choose one; remove sns_topic_arn to let the pack create its topic, or set create_topic = false to use yours", n.SNSTopicARN))
	case !n.CreateTopic && n.SNSTopicARN == "":
		diags.AddAttributeError(np, "No notification target",
			"notification: neither sns_topic_arn nor create_topic = true is set, so alarms would notify nobody; set sns_topic_arn to an existing topic or create_topic = true")
	}
	if !n.CreateTopic {
		for attr, set := range map[string]bool{"topic_name": n.TopicName != "", "kms_key_arn": n.KMSKeyARN != "", "email_endpoints": len(n.EmailEndpoints) > 0} {
			if set {
				diags.AddAttributeError(np.AtName(attr), "Setting needs create_topic",
					fmt.Sprintf("notification.%s is set but create_topic is false: it applies only to a topic the pack creates; set create_topic = true or remove %s", attr, attr))
			}
		}
	}
}

// checkLogGroupQuotas counts what the pack puts on its log group against the quotas. regexAlarms
// lists the custom alarms whose pattern uses a regular expression; the built-in business-hours
// alarm is counted here when it is enabled and its compiled pattern uses one.
func (s packSpec) checkLogGroupQuotas(regexAlarms []string) diag.Diagnostics {
	var diags diag.Diagnostics
	enabled := len(s.Custom)
	for _, a := range alarmcatalog.All() {
		if slices.Contains(s.Exclude, a.ID) {
			continue
		}
		enabled++
		pattern, err := alarmcatalog.Pattern(a.ID, s.Profile, s.BusinessHours)
		if err != nil {
			continue // reported by the business_hours check
		}
		if parsed, err := filterpattern.Parse(pattern); err == nil && parsed.Regexes() > 0 {
			regexAlarms = append(regexAlarms, a.ID)
		}
	}
	if len(regexAlarms) > maxRegexFiltersPerLogGroup {
		diags.AddAttributeError(path.Root("custom_alarms"), "Too many regular-expression filters",
			fmt.Sprintf("custom_alarms: %d alarms use %%regex%% patterns (%s), and CloudWatch Logs allows at most %d per log group; rewrite some with wildcards or exact values",
				len(regexAlarms), strings.Join(regexAlarms, ", "), maxRegexFiltersPerLogGroup))
	}
	if enabled > maxFiltersPerLogGroup {
		diags.AddAttributeError(path.Root("custom_alarms"), "Too many metric filters",
			fmt.Sprintf("custom_alarms: the pack would put %d metric filters on log group %q, and CloudWatch Logs allows at most %d per log group; exclude alarms or remove custom ones",
				enabled, s.LogGroupName, maxFiltersPerLogGroup))
	}
	return diags
}

// describeParseError turns a *filterpattern.SyntaxError into "position N: what was expected".
func describeParseError(err error) string {
	var se *filterpattern.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("position %d: %s", se.Pos, se.Msg)
	}
	return err.Error()
}

func joinErr(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}
