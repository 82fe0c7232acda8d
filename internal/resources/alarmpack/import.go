package alarmpack

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

// readImported rebuilds the whole configuration of a pack from AWS after `terraform import`:
// alarm ids from the filter names, the profile from the pattern of unauthorized_api_calls,
// thresholds from the alarms, and the rest from the description trailer (see description.go).
func (r *alarmPackResource) readImported(ctx context.Context, st packModel, resp *resource.ReadResponse) {
	diags := &resp.Diagnostics
	s := packSpec{LogGroupName: st.LogGroupName.ValueString(), NamePrefix: st.NamePrefix.ValueString()}
	filters, err := readFilters(ctx, r.client.CloudWatchLogs(""), s.LogGroupName, s.NamePrefix)
	if err != nil {
		diags.AddError("Cannot import the alarm pack", err.Error())
		return
	}
	candidates := alarmcatalog.IDs()
	for name := range filters {
		if id := strings.TrimPrefix(name, s.NamePrefix); customIDPattern.MatchString(id) && !slices.Contains(candidates, id) {
			candidates = append(candidates, id)
		}
	}
	names := make([]string, len(candidates))
	for i, id := range candidates {
		names[i] = s.alarmName(id)
	}
	alarms, err := readAlarms(ctx, r.client.CloudWatch(""), names)
	if err != nil {
		diags.AddError("Cannot import the alarm pack", err.Error())
		return
	}

	var ids []string
	for _, id := range candidates {
		_, hasFilter := filters[s.filterName(id)]
		_, hasAlarm := alarms[s.alarmName(id)]
		if hasFilter || hasAlarm {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		diags.AddError("Nothing to import",
			"no metric filter on log group "+s.LogGroupName+" and no alarm is named with prefix \""+s.NamePrefix+"\"; check the import id <log_group_name>:<name_prefix>")
		return
	}
	slices.Sort(ids)

	s.Profile = alarmcatalog.ProfileCIS
	s.Namespace = defaultNamespace
	s.BusinessHours = alarmcatalog.DefaultBusinessHours()
	var topicARN string
	var exclude []attr.Value
	overrides := map[string]attr.Value{}
	var customs []attr.Value
	for _, a := range alarmcatalog.All() {
		if !slices.Contains(ids, a.ID) {
			exclude = append(exclude, types.StringValue(a.ID))
		}
	}
	for _, id := range ids {
		f, hasFilter := filters[s.filterName(id)]
		if hasFilter && f.Namespace != "" {
			s.Namespace = f.Namespace
		}
		al := alarms[s.alarmName(id)]
		t := parseDescription(al.Description)
		if len(al.Actions) > 0 {
			topicARN = al.Actions[0]
		}
		s.Notification.CreateTopic = s.Notification.CreateTopic || t.ManagedTopic
		if t.BusinessHours != nil {
			s.BusinessHours = *t.BusinessHours
		}
		catalogAlarm, isCatalog := alarmcatalog.Lookup(id)
		if isCatalog {
			if tuned, _ := alarmcatalog.Pattern(id, alarmcatalog.ProfileTuned, s.BusinessHours); hasFilter && f.Pattern == tuned && tuned != mustPattern(id, s.BusinessHours) {
				s.Profile = alarmcatalog.ProfileTuned
			}
			o := map[string]attr.Value{"threshold": types.Int64Null(), "period": types.Int64Null(), "evaluation_periods": types.Int64Null()}
			differs := false
			for key, pair := range map[string][2]int64{
				"threshold":          {int64(al.Threshold), catalogAlarm.DefaultThreshold},
				"period":             {al.Period, catalogAlarm.DefaultPeriod},
				"evaluation_periods": {al.EvaluationPeriods, defaultEvalPeriod},
			} {
				if pair[0] != 0 && pair[0] != pair[1] {
					o[key], differs = types.Int64Value(pair[0]), true
				}
			}
			if differs {
				overrides[id] = types.ObjectValueMust(overrideAttrTypes, o)
			}
			continue
		}
		desc := types.StringValue(t.Description)
		if t.Description == "Custom alarm "+id || t.Description == "" {
			desc = types.StringNull()
		}
		controls := types.ListNull(types.StringType)
		if len(t.Controls) > 0 {
			controls = stringList(ctx, t.Controls, diags)
		}
		customs = append(customs, types.ObjectValueMust(customAttrTypes, map[string]attr.Value{
			"id": types.StringValue(id), "pattern": types.StringValue(f.Pattern), "description": desc,
			"threshold": types.Int64Value(int64(al.Threshold)), "period": types.Int64Value(al.Period),
			"evaluation_periods": types.Int64Value(al.EvaluationPeriods), "controls": controls,
		}))
	}

	st.Profile = types.StringValue(string(s.Profile))
	st.Namespace = types.StringValue(s.Namespace)
	st.Exclude = types.SetNull(types.StringType)
	if len(exclude) > 0 {
		st.Exclude = types.SetValueMust(types.StringType, exclude)
	}
	st.BusinessHours = types.ObjectValueMust(businessHoursAttrTypes, map[string]attr.Value{
		"start": types.StringValue(s.BusinessHours.Start), "end": types.StringValue(s.BusinessHours.End),
		"utc_offset": types.StringValue(s.BusinessHours.UTCOffset),
	})
	st.Overrides = types.MapNull(types.ObjectType{AttrTypes: overrideAttrTypes})
	if len(overrides) > 0 {
		st.Overrides = types.MapValueMust(types.ObjectType{AttrTypes: overrideAttrTypes}, overrides)
	}
	st.CustomAlarms = types.ListNull(types.ObjectType{AttrTypes: customAttrTypes})
	if len(customs) > 0 {
		st.CustomAlarms = types.ListValueMust(types.ObjectType{AttrTypes: customAttrTypes}, customs)
	}
	st.Tags = types.MapNull(types.StringType)

	n := notificationModel{
		SNSTopicARN: types.StringNull(), CreateTopic: types.BoolValue(s.Notification.CreateTopic),
		TopicName: types.StringNull(), KMSKeyARN: types.StringNull(), EmailEndpoints: types.SetNull(types.StringType),
	}
	if s.Notification.CreateTopic {
		if parsed, err := arn.Parse(topicARN); err == nil {
			s.Notification.TopicName = parsed.Resource
		}
	} else {
		n.SNSTopicARN = types.StringValue(topicARN)
		s.Notification.SNSTopicARN = topicARN
	}
	st.setNotification(ctx, n, diags)

	topic, err := readTopic(ctx, r.client.SNS(""), topicARN, r.client.AccountID, s.Notification.CreateTopic)
	if err != nil {
		diags.AddError("Cannot import the alarm pack", err.Error())
		return
	}
	specs := map[string]alarmModel{}
	s.Overrides = map[string]overrideSpec{}
	if all, err := s.alarms(); err == nil {
		for id, a := range all {
			specs[id] = alarmModel{Controls: stringList(ctx, a.Controls, diags), CIS: types.StringValue(a.CIS), SecurityHub: types.StringValue(a.SecurityHub)}
		}
	}
	for _, id := range ids {
		if _, ok := specs[id]; !ok {
			t := parseDescription(alarms[s.alarmName(id)].Description)
			specs[id] = alarmModel{Controls: stringList(ctx, t.Controls, diags), CIS: types.StringValue(""), SecurityHub: types.StringValue("")}
		}
	}
	obs := observed{Filters: filters, Alarms: alarms, Topic: topic}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.stateFrom(ctx, st, s, ids, obs, topicARN, specs, diags))...)
}

func mustPattern(id string, bh alarmcatalog.BusinessHours) string {
	p, _ := alarmcatalog.Pattern(id, alarmcatalog.ProfileCIS, bh)
	return p
}

var overrideAttrTypes = map[string]attr.Type{
	"threshold": types.Int64Type, "period": types.Int64Type, "evaluation_periods": types.Int64Type,
}

var customAttrTypes = map[string]attr.Type{
	"id": types.StringType, "pattern": types.StringType, "description": types.StringType,
	"threshold": types.Int64Type, "period": types.Int64Type, "evaluation_periods": types.Int64Type,
	"controls": types.ListType{ElemType: types.StringType},
}
