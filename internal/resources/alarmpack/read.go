package alarmpack

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// observe reads everything the pack owns: one paginated metric-filter listing, one DescribeAlarms
// per 100 alarm names, the tags of each existing alarm (CloudWatch has no batched tag read), and
// the topic.
func (r *alarmPackResource) observe(ctx context.Context, s packSpec, ids []string, topicARN string) (observed, error) {
	var obs observed
	var err error
	obs.Filters, err = findFilters(ctx, r.Client.CloudWatchLogs(""), s.LogGroupName, s.NamePrefix)
	if framework.NotFound(err) {
		// The group went and its filters with it; the plan shows every filter missing.
		obs.Filters, err = map[string]observedFilter{}, nil
	}
	if err != nil {
		return obs, err
	}
	if obs.Alarms, err = findAlarms(ctx, r.Client.CloudWatch(""), s.alarmNames(ids)); err != nil {
		return obs, err
	}
	if err := findAlarmTags(ctx, r.Client.CloudWatch(""), obs.Alarms); err != nil {
		return obs, err
	}
	obs.Topic, err = r.readTopic(ctx, topicARN, s.Notification.CreateTopic)
	return obs, err
}

// readTopic reports whether the topic exists and its encryption and, for a topic the pack owns,
// whether its policy lets CloudWatch alarms publish, its e-mail subscriptions and its tags.
func (r *alarmPackResource) readTopic(ctx context.Context, topicARN string, owned bool) (observedTopic, error) {
	t := observedTopic{Subscriptions: map[string]string{}}
	if topicARN == "" {
		return t, nil
	}
	client := r.Client.SNS("")
	attrs, err := findTopicAttributes(ctx, client, topicARN)
	if framework.NotFound(err) {
		return t, nil
	}
	if err != nil {
		return t, err
	}
	t.Exists = true
	t.KMSKeyID = attrs["KmsMasterKeyId"]
	if !owned {
		return t, nil
	}
	t.CanPublish = policies.TopicAllowsCloudWatch(attrs["Policy"], topicARN, r.Client.AccountID)
	if t.Subscriptions, err = findEmailSubscriptions(ctx, client, topicARN); err != nil {
		return t, err
	}
	t.Tags, err = findTopicTags(ctx, client, topicARN)
	if framework.NotFound(err) {
		return observedTopic{Subscriptions: map[string]string{}}, nil
	}
	return t, err
}

// ownedTags lists the tags of every object the pack owns and AWS holds: each alarm, and the
// topic when the pack created it. Metric filters cannot be tagged.
func (obs observed) ownedTags(createTopic bool) []map[string]string {
	var all []map[string]string
	for _, name := range sortedKeys(obs.Alarms) {
		if tags := obs.Alarms[name].Tags; tags != nil {
			all = append(all, tags)
		}
	}
	if createTopic && obs.Topic.Exists && obs.Topic.Tags != nil {
		all = append(all, obs.Topic.Tags)
	}
	return all
}

// entryFrom records an alarm as found: empty values for what is missing, so the plan shows it
// changing back to the hardened value.
func entryFrom(ctx context.Context, s packSpec, id string, obs observed, topicARN string, known alarmModel, diags *diag.Diagnostics) alarmModel {
	e := alarmModel{
		Pattern: types.StringValue(""), FilterName: types.StringValue(""), MetricName: types.StringValue(""),
		AlarmName: types.StringValue(""), AlarmARN: types.StringValue(""),
		settingsModel:  settingsValue(0, 0, 0),
		ActionsEnabled: types.BoolValue(false), AlarmActions: stringList(ctx, nil, diags),
		Statistic: types.StringValue(""), Comparison: types.StringValue(""), TreatMissingData: types.StringValue(""),
		Controls: known.Controls, CIS: known.CIS, SecurityHub: known.SecurityHub,
	}
	if e.Controls.IsNull() || e.Controls.IsUnknown() {
		e.Controls = stringList(ctx, nil, diags)
	}
	if e.CIS.IsNull() || e.CIS.IsUnknown() {
		e.CIS, e.SecurityHub = types.StringValue(""), types.StringValue("")
	}
	if f, ok := obs.Filters[s.filterName(id)]; ok {
		e.Pattern = types.StringValue(f.Pattern)
		e.FilterName = types.StringValue(s.filterName(id))
		e.MetricName = types.StringValue(f.MetricName)
		if f.Count > 1 || f.MetricValue != metricValue {
			// A duplicate or a filter counting something else is not the filter the pack owns.
			e.FilterName = types.StringValue(fmt.Sprintf("%s (%d filters, metric value %q)", s.filterName(id), f.Count, f.MetricValue))
		}
	}
	if a, ok := obs.Alarms[s.alarmName(id)]; ok {
		e.AlarmName = types.StringValue(s.alarmName(id))
		e.AlarmARN = types.StringValue(a.ARN)
		e.settingsModel = settingsValue(int64(a.Threshold), a.Period, a.EvaluationPeriods)
		e.ActionsEnabled = types.BoolValue(a.ActionsEnabled)
		e.Statistic = types.StringValue(a.Statistic)
		e.Comparison = types.StringValue(a.Comparison)
		e.TreatMissingData = types.StringValue(a.TreatMissingData)
		var actions []string
		for _, action := range a.Actions {
			// An action on a deleted topic delivers nothing, so it does not count as present.
			if action == topicARN && !obs.Topic.Exists {
				continue
			}
			actions = append(actions, action)
		}
		e.AlarmActions = stringList(ctx, actions, diags)
	}
	return e
}

// stateFrom builds the state of a pack from its configuration m and what AWS holds.
func (r *alarmPackResource) stateFrom(ctx context.Context, m packModel, s packSpec, ids []string, obs observed, topicARN string, known map[string]alarmModel, diags *diag.Diagnostics) packModel {
	entries := make(map[string]alarmModel, len(ids))
	for _, id := range ids {
		entries[id] = entryFrom(ctx, s, id, obs, topicARN, known[id], diags)
	}
	m.Alarms = alarmsValue(ctx, entries, diags)
	m.ID = types.StringValue(s.LogGroupName + importSeparator + s.NamePrefix)
	for _, id := range ids {
		if f, ok := obs.Filters[s.filterName(id)]; ok && f.Namespace != s.Namespace {
			m.Namespace = types.StringValue(f.Namespace)
			break
		}
	}
	m.TagsAll = framework.ReadTagsAll(obs.ownedTags(s.Notification.CreateTopic)...)
	if n, ok := m.notification(ctx, diags); ok {
		m.setNotification(ctx, notificationFrom(ctx, n, s, obs.Topic, topicARN, diags), diags)
	}
	return m
}

// notificationFrom records the topic as found.
func notificationFrom(ctx context.Context, n notificationModel, s packSpec, topic observedTopic, topicARN string, diags *diag.Diagnostics) notificationModel {
	n.TopicARN = types.StringValue("")
	if topic.Exists {
		n.TopicARN = types.StringValue(topicARN)
	}
	if !s.Notification.CreateTopic {
		n.TopicName, n.CloudWatchCanPublish = types.StringNull(), types.BoolNull()
		return n
	}
	n.TopicName = types.StringValue(s.topicName())
	n.CloudWatchCanPublish = types.BoolValue(topic.CanPublish)
	n.KMSKeyARN = framework.StringOrNull(topic.KMSKeyID)
	emails := slices.Sorted(maps.Keys(topic.Subscriptions))
	if len(emails) > 0 || !n.EmailEndpoints.IsNull() {
		v, d := types.SetValueFrom(ctx, types.StringType, emails)
		diags.Append(d...)
		n.EmailEndpoints = v
	}
	return n
}

// refresh reads a pack from AWS; a pack of which nothing is left leaves the state.
func (r *alarmPackResource) refresh(ctx context.Context, st packModel) (next framework.Next[packModel], diags diag.Diagnostics) {
	s, diags := specFromModel(ctx, st)
	if diags.HasError() {
		return next, diags
	}
	known := st.alarmEntries(ctx, &diags)
	ids := slices.Sorted(maps.Keys(known))
	topicARN, _ := r.topicARN(s)
	obs, err := r.observe(ctx, s, ids, topicARN)
	if err != nil {
		diags.AddError("Cannot read the alarm pack", err.Error())
		return next, diags
	}
	if len(obs.Filters) == 0 && len(obs.Alarms) == 0 && !obs.Topic.Exists {
		tflog.Warn(ctx, "every filter and alarm of the pack is gone; removing it from state", map[string]any{"id": st.ID.ValueString()})
		return framework.Gone[packModel](), diags
	}
	return framework.Save(r.stateFrom(ctx, st, s, ids, obs, topicARN, known, &diags)), diags
}
