package alarmpack

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// observe reads everything the pack owns: one paginated metric-filter listing, one DescribeAlarms
// per 100 alarm names, and the topic.
func (r *alarmPackResource) observe(ctx context.Context, s packSpec, ids []string, topicARN string) (observed, error) {
	var obs observed
	var err error
	obs.Filters, err = readFilters(ctx, r.client.CloudWatchLogs(""), s.LogGroupName, s.NamePrefix)
	if err != nil {
		return obs, err
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, s.alarmName(id))
	}
	if obs.Alarms, err = readAlarms(ctx, r.client.CloudWatch(""), names); err != nil {
		return obs, err
	}
	obs.Topic, err = readTopic(ctx, r.client.SNS(""), topicARN, r.client.AccountID, s.Notification.CreateTopic)
	return obs, err
}

// entryFrom records an alarm as found: empty values for what is missing, so the plan shows it
// changing back to the hardened value.
func entryFrom(ctx context.Context, s packSpec, id string, obs observed, topicARN string, known alarmModel, diags *diag.Diagnostics) alarmModel {
	e := alarmModel{
		Pattern: types.StringValue(""), FilterName: types.StringValue(""), MetricName: types.StringValue(""),
		AlarmName: types.StringValue(""), AlarmARN: types.StringValue(""),
		Threshold: types.Int64Value(0), Period: types.Int64Value(0), EvaluationPeriods: types.Int64Value(0),
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
		e.Threshold = types.Int64Value(int64(a.Threshold))
		e.Period = types.Int64Value(a.Period)
		e.EvaluationPeriods = types.Int64Value(a.EvaluationPeriods)
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

	if n, ok := m.notification(ctx, diags); ok {
		n.TopicARN = types.StringValue("")
		if obs.Topic.Exists {
			n.TopicARN = types.StringValue(topicARN)
		}
		if s.Notification.CreateTopic {
			n.TopicName = types.StringValue(s.topicName())
			n.CloudWatchCanPublish = types.BoolValue(obs.Topic.CanPublish)
			n.KMSKeyARN = types.StringNull()
			if obs.Topic.KMSKeyID != "" {
				n.KMSKeyARN = types.StringValue(obs.Topic.KMSKeyID)
			}
			emails := slices.Sorted(maps.Keys(obs.Topic.Subscriptions))
			if len(emails) > 0 || !n.EmailEndpoints.IsNull() {
				v, d := types.SetValueFrom(ctx, types.StringType, emails)
				diags.Append(d...)
				n.EmailEndpoints = v
			}
		} else {
			n.TopicName, n.CloudWatchCanPublish = types.StringNull(), types.BoolNull()
		}
		m.setNotification(ctx, n, diags)
	}
	return m
}

func (r *alarmPackResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan packModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, d := specFromModel(ctx, plan)
	resp.Diagnostics.Append(d...)
	exists, err := logGroupExists(ctx, r.client.CloudWatchLogs(""), s.LogGroupName)
	if err != nil {
		resp.Diagnostics.AddError("Cannot check the log group", err.Error())
	} else if !exists {
		r.missingLogGroup(s, true, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.apply(ctx, plan, nil, &resp.State, &resp.Diagnostics)
}

func (r *alarmPackResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior packModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.apply(ctx, plan, &prior, &resp.State, &resp.Diagnostics)
}

type stateSetter interface {
	Set(context.Context, any) diag.Diagnostics
}

// apply makes AWS match the plan, touching only what differs. When a call fails partway, the state
// records what exists by then, so nothing is orphaned: Terraform keeps the (tainted) resource and
// a destroy or the next apply cleans up.
func (r *alarmPackResource) apply(ctx context.Context, plan packModel, prior *packModel, state stateSetter, diags *diag.Diagnostics) {
	s, d := specFromModel(ctx, plan)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	specs, err := s.alarms()
	if err != nil {
		diags.AddError("Cannot build the alarm patterns", err.Error())
		return
	}
	topicARN, _ := r.topicARN(s)

	var priorIDs []string
	var priorSpec packSpec
	known := plan.alarmEntries(ctx, diags)
	if prior != nil {
		priorEntries := prior.alarmEntries(ctx, diags)
		priorIDs = slices.Sorted(maps.Keys(priorEntries))
		priorSpec, d = specFromModel(ctx, *prior)
		diags.Append(d...)
	}
	ids := slices.Sorted(maps.Keys(specs))
	allIDs := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(ids), priorIDs...))))

	obs, err := r.observe(ctx, s, allIDs, topicARN)
	if err == nil {
		err = r.reconcile(ctx, s, specs, priorIDs, priorSpec, prior, obs, topicARN, prior != nil && !prior.Tags.Equal(plan.Tags))
	}
	final, readErr := r.observe(ctx, s, ids, topicARN)
	if readErr != nil {
		// Without a read there is nothing trustworthy to record; the plan's ids at least let a
		// destroy find every object by name.
		diags.AddError("Cannot read the alarm pack", readErr.Error())
		if err != nil {
			diags.AddError("Cannot apply the alarm pack", err.Error())
		}
		diags.Append(state.Set(ctx, plan)...)
		return
	}
	if err != nil {
		diags.AddError("Cannot apply the alarm pack", err.Error()+"; the state records what exists, so the next apply resumes and a destroy removes it")
	}
	diags.Append(state.Set(ctx, r.stateFrom(ctx, plan, s, ids, final, topicARN, known, diags))...)
}

func (r *alarmPackResource) reconcile(ctx context.Context, s packSpec, specs map[string]alarmSpec, priorIDs []string, priorSpec packSpec, prior *packModel, obs observed, topicARN string, tagsChanged bool) error {
	logs, cw := r.client.CloudWatchLogs(""), r.client.CloudWatch("")
	tags := r.client.Tags(s.Tags)

	if s.Notification.CreateTopic {
		if err := ensureTopic(ctx, r.client.SNS(""), s, topicARN, r.client.AccountID, obs.Topic, tags); err != nil {
			return err
		}
	}
	// A topic the pack created before and no longer uses goes, after the alarms stop pointing at it.
	var oldTopic string
	if prior != nil && priorSpec.Notification.CreateTopic {
		if old, ok := r.topicARN(priorSpec); ok && old != topicARN {
			oldTopic = old
		}
	}

	actions := []string{topicARN}
	for _, id := range slices.Sorted(maps.Keys(specs)) {
		a := specs[id]
		f, ok := obs.Filters[s.filterName(id)]
		if !filterMatches(f, ok, s, a) {
			if err := putFilter(ctx, logs, s, a, f.Count); err != nil {
				return err
			}
		}
		o, ok := obs.Alarms[s.alarmName(id)]
		if !alarmMatches(o, ok, s, a, actions) {
			if err := putAlarm(ctx, cw, s, a, actions, tags); err != nil {
				return err
			}
		}
	}

	var gone []string
	for _, id := range priorIDs {
		if _, keep := specs[id]; keep {
			continue
		}
		tflog.Info(ctx, "removing alarm no longer in the pack", map[string]any{"id": id})
		if err := deleteFilter(ctx, logs, s.LogGroupName, s.filterName(id), obs.Filters[s.filterName(id)].Count); err != nil {
			return err
		}
		gone = append(gone, s.alarmName(id))
	}
	if err := deleteAlarms(ctx, cw, gone); err != nil {
		return err
	}
	if tagsChanged {
		if err := r.retag(ctx, s, specs, topicARN, tags); err != nil {
			return err
		}
	}
	if oldTopic != "" {
		return deleteTopic(ctx, r.client.SNS(""), oldTopic)
	}
	return nil
}

func (r *alarmPackResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var st packModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if st.Alarms.IsNull() {
		r.readImported(ctx, st, resp)
		return
	}
	s, d := specFromModel(ctx, st)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	known := st.alarmEntries(ctx, &resp.Diagnostics)
	ids := slices.Sorted(maps.Keys(known))
	topicARN, _ := r.topicARN(s)
	obs, err := r.observe(ctx, s, ids, topicARN)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the alarm pack", err.Error())
		return
	}
	if len(obs.Filters) == 0 && len(obs.Alarms) == 0 && !obs.Topic.Exists {
		tflog.Warn(ctx, "every filter and alarm of the pack is gone; removing it from state", map[string]any{"id": st.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.stateFrom(ctx, st, s, ids, obs, topicARN, known, &resp.Diagnostics))...)
}

func (r *alarmPackResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st packModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, d := specFromModel(ctx, st)
	resp.Diagnostics.Append(d...)
	ids := slices.Sorted(maps.Keys(st.alarmEntries(ctx, &resp.Diagnostics)))
	if resp.Diagnostics.HasError() {
		return
	}
	logs := r.client.CloudWatchLogs("")
	filters, err := readFilters(ctx, logs, s.LogGroupName, s.NamePrefix)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, s.alarmName(id))
		if f, ok := filters[s.filterName(id)]; ok {
			if err := deleteFilter(ctx, logs, s.LogGroupName, s.filterName(id), f.Count); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := deleteAlarms(ctx, r.client.CloudWatch(""), names); err != nil {
		errs = append(errs, err)
	}
	if s.Notification.CreateTopic {
		if topicARN, ok := r.topicARN(s); ok {
			if err := deleteTopic(ctx, r.client.SNS(""), topicARN); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		resp.Diagnostics.AddError("Cannot delete the alarm pack", err.Error())
	}
}
