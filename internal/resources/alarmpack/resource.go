// Package alarmpack implements soc2_alarm_pack: CloudWatch Logs metric filters, metrics and alarms
// for the CIS / Security Hub catalog and custom patterns, notifying an SNS topic.
package alarmpack

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

var (
	_ resource.ResourceWithConfigure      = (*alarmPackResource)(nil)
	_ resource.ResourceWithValidateConfig = (*alarmPackResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*alarmPackResource)(nil)
	_ resource.ResourceWithImportState    = (*alarmPackResource)(nil)
)

type alarmPackResource struct {
	client *conns.AWSClient
}

// NewResource is the constructor the provider registers.
func NewResource() resource.Resource { return &alarmPackResource{} }

func (r *alarmPackResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_alarm_pack"
}

func (r *alarmPackResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *alarmPackResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m packModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags := specFromModel(ctx, m)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(s.validate()...)
}

// topicARN is known at plan time for a created topic (its name, region and account are), so the
// planned alarm actions are known and a deleted topic plans back to the same ARN.
func (r *alarmPackResource) topicARN(s packSpec) (string, bool) {
	if !s.Notification.Known {
		return "", false
	}
	if !s.Notification.CreateTopic {
		return s.Notification.SNSTopicARN, true
	}
	if r.client == nil {
		return "", false
	}
	return fmt.Sprintf("arn:%s:sns:%s:%s:%s", r.client.Partition, r.client.HomeRegion, r.client.AccountID, s.topicName()), true
}

func (r *alarmPackResource) alarmARN(name string) string {
	return fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:%s", r.client.Partition, r.client.HomeRegion, r.client.AccountID, name)
}

func (r *alarmPackResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan packModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags := specFromModel(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || r.client == nil {
		return
	}

	if !plan.LogGroupName.IsUnknown() {
		exists, err := logGroupExists(ctx, r.client.CloudWatchLogs(""), s.LogGroupName)
		if err != nil {
			resp.Diagnostics.AddError("Cannot check the log group", err.Error())
			return
		}
		if !exists {
			r.missingLogGroup(s, !req.State.Raw.IsNull(), &resp.Diagnostics)
			if resp.Diagnostics.HasError() {
				return
			}
		}
		plan.ID = types.StringValue(s.LogGroupName + importSeparator + s.NamePrefix)
	}

	topicARN, topicKnown := r.topicARN(s)
	if n, ok := plan.notification(ctx, &resp.Diagnostics); ok && s.Notification.Known {
		n.TopicName, n.CloudWatchCanPublish = types.StringNull(), types.BoolNull()
		if s.Notification.CreateTopic {
			n.TopicName, n.CloudWatchCanPublish = types.StringValue(s.topicName()), types.BoolValue(true)
		}
		n.TopicARN = types.StringUnknown()
		if topicKnown {
			n.TopicARN = types.StringValue(topicARN)
		}
		plan.setNotification(ctx, n, &resp.Diagnostics)
	}

	if s.Partial {
		plan.Alarms = types.MapUnknown(types.ObjectType{AttrTypes: alarmAttrTypes})
	} else {
		specs, err := s.alarms()
		if err != nil {
			resp.Diagnostics.AddError("Cannot build the alarm patterns", err.Error())
			return
		}
		entries := make(map[string]alarmModel, len(specs))
		for id, a := range specs {
			entries[id] = r.plannedEntry(ctx, s, a, topicARN, topicKnown, &resp.Diagnostics)
		}
		plan.Alarms = alarmsValue(ctx, entries, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// missingLogGroup reports a log group that does not exist. Terraform does not tell a provider
// whether a known value comes from a resource created in the same apply (the usual
// soc2_cloudtrail_baseline reference is known at plan time), so before the first create it is a
// warning, and Create refuses it before making anything; for an existing pack it is an error,
// because its filters went with the group and apply cannot bring them back.
func (r *alarmPackResource) missingLogGroup(s packSpec, exists bool, diags *diag.Diagnostics) {
	detail := fmt.Sprintf("log_group_name = %q: no CloudWatch Logs group of that name exists in %s (account %s); create it first "+
		"(e.g. soc2_cloudtrail_baseline with cloudwatch_logs) and reference its attribute so Terraform orders the two",
		s.LogGroupName, r.client.HomeRegion, r.client.AccountID)
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
		Pattern:           types.StringValue(a.Pattern),
		FilterName:        types.StringValue(s.filterName(a.ID)),
		MetricName:        types.StringValue(s.metricName(a.ID)),
		AlarmName:         types.StringValue(s.alarmName(a.ID)),
		AlarmARN:          types.StringValue(r.alarmARN(s.alarmName(a.ID))),
		Threshold:         types.Int64Value(a.Threshold),
		Period:            types.Int64Value(a.Period),
		EvaluationPeriods: types.Int64Value(a.EvaluationPeriods),
		ActionsEnabled:    types.BoolValue(true),
		Statistic:         types.StringValue(alarmStatistic),
		Comparison:        types.StringValue(alarmComparison),
		TreatMissingData:  types.StringValue(alarmTreatMissingData),
		AlarmActions:      types.ListUnknown(types.StringType),
		Controls:          stringList(ctx, a.Controls, diags),
		CIS:               types.StringValue(a.CIS),
		SecurityHub:       types.StringValue(a.SecurityHub),
	}
	if topicKnown {
		e.AlarmActions = stringList(ctx, []string{topicARN}, diags)
	}
	return e
}

func (r *alarmPackResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	logGroup, prefix, ok := cutImportID(req.ID)
	if !ok {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("import id %q: expected <log_group_name>%s<name_prefix>, e.g. \"/soc2/cloudtrail%ssoc2-\" (log group names cannot contain %q, so the first one separates the two)",
				req.ID, importSeparator, importSeparator, importSeparator))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("log_group_name"), logGroup)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name_prefix"), prefix)...)
}

func cutImportID(id string) (logGroup, prefix string, ok bool) {
	for i := 0; i < len(id); i++ {
		if id[i:i+1] == importSeparator {
			return id[:i], id[i+1:], i > 0
		}
	}
	return "", "", false
}
