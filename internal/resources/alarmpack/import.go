package alarmpack

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

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
	logGroup, prefix, found := strings.Cut(id, importSeparator)
	if !found || logGroup == "" {
		return "", "", false
	}
	return logGroup, prefix, true
}

// importedConfig is the configuration import recovers beyond what packSpec holds.
type importedConfig struct {
	TopicARN  string
	Exclude   []attr.Value
	Overrides map[string]attr.Value
	Customs   []attr.Value
}

// readImported rebuilds the whole configuration of a pack from AWS after `terraform import`:
// alarm ids from the filter names, the profile from the pattern of unauthorized_api_calls,
// thresholds from the alarms, the rest from the description trailer (see description.go), and
// the tags every object carries that default_tags does not supply.
func (r *alarmPackResource) readImported(ctx context.Context, st packModel) (next framework.Next[packModel], diags diag.Diagnostics) {
	s := packSpec{LogGroupName: st.LogGroupName.ValueString(), NamePrefix: st.NamePrefix.ValueString()}
	filters, alarms, ids, err := r.findImported(ctx, s)
	if err != nil {
		return next, framework.ErrorDiags("Cannot import the alarm pack", err)
	}
	if len(ids) == 0 {
		diags.AddError("Nothing to import",
			"no metric filter on log group "+s.LogGroupName+" and no alarm is named with prefix \""+s.NamePrefix+"\"; check the import id <log_group_name>:<name_prefix>")
		return next, diags
	}
	ic := recoverConfig(ctx, &s, ids, filters, alarms, &diags)
	setImportedConfig(ctx, &st, s, ic, &diags)
	topic, err := r.readTopic(ctx, ic.TopicARN, s.Notification.CreateTopic)
	if err != nil {
		diags.AddError("Cannot import the alarm pack", err.Error())
		return next, diags
	}
	obs := observed{Filters: filters, Alarms: alarms, Topic: topic}
	st = r.stateFrom(ctx, st, s, ids, obs, ic.TopicARN, importedEntries(ctx, s, ids, alarms, &diags), &diags)
	st.Tags = framework.ReadTags(r.Client, framework.CommonTags(obs.ownedTags(s.Notification.CreateTopic)...), st.Tags)
	return framework.Save(st), diags
}

// findImported finds the alarm ids of the pack: every catalog id and every custom-looking filter
// name under the prefix that has a filter or an alarm, with the filters and tagged alarms.
func (r *alarmPackResource) findImported(ctx context.Context, s packSpec) (map[string]observedFilter, map[string]observedAlarm, []string, error) {
	filters, err := findFilters(ctx, r.Client.CloudWatchLogs(""), s.LogGroupName, s.NamePrefix)
	if framework.NotFound(err) {
		filters, err = map[string]observedFilter{}, nil // no group: nothing but alarms to find
	}
	if err != nil {
		return nil, nil, nil, err
	}
	candidates := alarmcatalog.IDs()
	for name := range filters {
		if id := strings.TrimPrefix(name, s.NamePrefix); customIDPattern.MatchString(id) && !slices.Contains(candidates, id) {
			candidates = append(candidates, id)
		}
	}
	alarms, err := findAlarms(ctx, r.Client.CloudWatch(""), s.alarmNames(candidates))
	if err != nil {
		return nil, nil, nil, err
	}
	if err := findAlarmTags(ctx, r.Client.CloudWatch(""), alarms); err != nil {
		return nil, nil, nil, err
	}
	var ids []string
	for _, id := range candidates {
		_, hasFilter := filters[s.filterName(id)]
		_, hasAlarm := alarms[s.alarmName(id)]
		if hasFilter || hasAlarm {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return filters, alarms, ids, nil
}

// recoverConfig fills s with what the filters and alarms tell about the configuration.
func recoverConfig(ctx context.Context, s *packSpec, ids []string, filters map[string]observedFilter, alarms map[string]observedAlarm, diags *diag.Diagnostics) importedConfig {
	s.Profile = alarmcatalog.ProfileCIS
	s.Namespace = defaultNamespace
	s.BusinessHours = alarmcatalog.DefaultBusinessHours()
	ic := importedConfig{Overrides: map[string]attr.Value{}}
	for _, a := range alarmcatalog.All() {
		if !slices.Contains(ids, a.ID) {
			ic.Exclude = append(ic.Exclude, types.StringValue(a.ID))
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
			ic.TopicARN = al.Actions[0]
		}
		s.Notification.CreateTopic = s.Notification.CreateTopic || t.ManagedTopic
		if t.BusinessHours != nil {
			s.BusinessHours = *t.BusinessHours
		}
		catalogAlarm, isCatalog := alarmcatalog.Lookup(id)
		if !isCatalog {
			ic.Customs = append(ic.Customs, importedCustom(ctx, id, f, al, t, diags))
			continue
		}
		if hasFilter {
			if p, found := profileOfPattern(id, f.Pattern, s.BusinessHours); found {
				s.Profile = p
			}
		}
		if o, differs := importedOverride(catalogAlarm, al); differs {
			ic.Overrides[id] = o
		}
	}
	if s.Notification.CreateTopic {
		if parsed, err := arn.Parse(ic.TopicARN); err == nil {
			s.Notification.TopicName = parsed.Resource
		}
	} else {
		s.Notification.SNSTopicARN = ic.TopicARN
	}
	return ic
}

// importedOverride is the overrides entry of a catalog alarm whose settings differ from the
// catalog's defaults.
func importedOverride(catalogAlarm alarmcatalog.Alarm, al observedAlarm) (attr.Value, bool) {
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
	return types.ObjectValueMust(overrideAttrTypes, o), differs
}

// importedCustom is the custom_alarms entry of an alarm outside the catalog.
func importedCustom(ctx context.Context, id string, f observedFilter, al observedAlarm, t trailer, diags *diag.Diagnostics) attr.Value {
	desc := types.StringValue(t.Description)
	if t.Description == "Custom alarm "+id || t.Description == "" {
		desc = types.StringNull()
	}
	controls := types.ListNull(types.StringType)
	if len(t.Controls) > 0 {
		controls = stringList(ctx, t.Controls, diags)
	}
	return types.ObjectValueMust(customAttrTypes, map[string]attr.Value{
		"id": types.StringValue(id), "pattern": types.StringValue(f.Pattern), "description": desc,
		"threshold": types.Int64Value(int64(al.Threshold)), "period": types.Int64Value(al.Period),
		"evaluation_periods": types.Int64Value(al.EvaluationPeriods), "controls": controls,
	})
}

// setImportedConfig writes the recovered configuration into the imported state.
func setImportedConfig(ctx context.Context, st *packModel, s packSpec, ic importedConfig, diags *diag.Diagnostics) {
	st.Profile = types.StringValue(string(s.Profile))
	st.Namespace = types.StringValue(s.Namespace)
	st.Exclude = types.SetNull(types.StringType)
	if len(ic.Exclude) > 0 {
		st.Exclude = types.SetValueMust(types.StringType, ic.Exclude)
	}
	st.BusinessHours = types.ObjectValueMust(businessHoursAttrTypes, map[string]attr.Value{
		"start": types.StringValue(s.BusinessHours.Start), "end": types.StringValue(s.BusinessHours.End),
		"utc_offset": types.StringValue(s.BusinessHours.UTCOffset),
	})
	st.Overrides = types.MapNull(types.ObjectType{AttrTypes: overrideAttrTypes})
	if len(ic.Overrides) > 0 {
		st.Overrides = types.MapValueMust(types.ObjectType{AttrTypes: overrideAttrTypes}, ic.Overrides)
	}
	st.CustomAlarms = types.ListNull(types.ObjectType{AttrTypes: customAttrTypes})
	if len(ic.Customs) > 0 {
		st.CustomAlarms = types.ListValueMust(types.ObjectType{AttrTypes: customAttrTypes}, ic.Customs)
	}
	st.Tags = types.MapNull(types.StringType)
	n := notificationModel{
		SNSTopicARN: types.StringNull(), CreateTopic: types.BoolValue(s.Notification.CreateTopic),
		TopicName: types.StringNull(), KMSKeyARN: types.StringNull(), EmailEndpoints: types.SetNull(types.StringType),
	}
	if !s.Notification.CreateTopic {
		n.SNSTopicARN = types.StringValue(ic.TopicARN)
	}
	st.setNotification(ctx, n, diags)
}

// importedEntries are the catalog facts (controls, CIS, Security Hub) of each imported alarm.
func importedEntries(ctx context.Context, s packSpec, ids []string, alarms map[string]observedAlarm, diags *diag.Diagnostics) map[string]alarmModel {
	entries := map[string]alarmModel{}
	s.Overrides = map[string]overrideSpec{}
	if all, err := s.alarms(); err == nil {
		for id, a := range all {
			entries[id] = alarmModel{Controls: stringList(ctx, a.Controls, diags), CIS: types.StringValue(a.CIS), SecurityHub: types.StringValue(a.SecurityHub)}
		}
	}
	for _, id := range ids {
		if _, ok := entries[id]; !ok {
			t := parseDescription(alarms[s.alarmName(id)].Description)
			entries[id] = alarmModel{Controls: stringList(ctx, t.Controls, diags), CIS: types.StringValue(""), SecurityHub: types.StringValue("")}
		}
	}
	return entries
}

// profileOfPattern names the profile other than cis whose pattern of alarm id is the filter's:
// the alarms on which profiles differ tell which one the pack was made with.
func profileOfPattern(id, pattern string, bh alarmcatalog.BusinessHours) (alarmcatalog.Profile, bool) {
	cis, _ := alarmcatalog.Pattern(id, alarmcatalog.ProfileCIS, bh)
	for _, p := range []alarmcatalog.Profile{alarmcatalog.ProfileTuned, alarmcatalog.ProfileCISv3} {
		if other, err := alarmcatalog.Pattern(id, p, bh); err == nil && other == pattern && other != cis {
			return p, true
		}
	}
	return "", false
}
