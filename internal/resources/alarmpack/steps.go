package alarmpack

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// logGroupReady refuses a create whose log group does not exist, before anything is made.
func (r *alarmPackResource) logGroupReady(ctx context.Context, plan packModel, diags *diag.Diagnostics) bool {
	s, d := specFromModel(ctx, plan)
	diags.Append(d...)
	err := findLogGroup(ctx, r.Client.CloudWatchLogs(""), s.LogGroupName)
	switch {
	case framework.NotFound(err):
		r.missingLogGroup(s, true, diags)
	case err != nil:
		diags.AddError("Cannot check the log group", err.Error())
	}
	return !diags.HasError()
}

// apply makes AWS match the plan, touching only what differs. When a call fails partway, the state
// records what exists by then, so nothing is orphaned: Terraform keeps the (tainted) resource and
// a destroy or the next apply cleans up.
func (r *alarmPackResource) apply(ctx context.Context, plan packModel, prior *packModel) (next framework.Next[packModel], diags diag.Diagnostics) {
	s, diags := specFromModel(ctx, plan)
	if diags.HasError() {
		return next, diags
	}
	specs, err := s.alarms()
	if err != nil {
		diags.AddError("Cannot build the alarm patterns", err.Error())
		return next, diags
	}
	topicARN, _ := r.topicARN(s)
	ids := slices.Sorted(maps.Keys(specs))
	var gone []string
	var oldTopic string
	if prior != nil {
		gone, oldTopic = r.leftBehind(ctx, *prior, specs, topicARN, &diags)
	}
	obs, err := r.observe(ctx, s, append(slices.Clone(ids), gone...), topicARN)
	if err == nil {
		err = r.converge(ctx, s, specs, obs, topicARN)
	}
	if err == nil {
		err = r.removeAlarms(ctx, s, gone, obs)
	}
	if err == nil && oldTopic != "" {
		err = deleteTopic(ctx, r.Client.SNS(""), oldTopic)
	}
	return r.record(ctx, plan, s, ids, topicARN, err, &diags), diags
}

// leftBehind lists what the prior state had and the plan no longer wants: alarm ids, and a topic
// the pack created under another name (removed after the alarms stop pointing at it).
func (r *alarmPackResource) leftBehind(ctx context.Context, prior packModel, specs map[string]alarmSpec, topicARN string, diags *diag.Diagnostics) ([]string, string) {
	var gone []string
	for _, id := range slices.Sorted(maps.Keys(prior.alarmEntries(ctx, diags))) {
		if _, keep := specs[id]; !keep {
			gone = append(gone, id)
		}
	}
	priorSpec, d := specFromModel(ctx, prior)
	diags.Append(d...)
	if priorSpec.Notification.CreateTopic {
		if old, ok := r.topicARN(priorSpec); ok && old != topicARN {
			return gone, old
		}
	}
	return gone, ""
}

// record saves what AWS holds after an apply, whether or not it succeeded.
func (r *alarmPackResource) record(ctx context.Context, plan packModel, s packSpec, ids []string, topicARN string, applyErr error, diags *diag.Diagnostics) framework.Next[packModel] {
	final, readErr := r.observe(ctx, s, ids, topicARN)
	if readErr != nil {
		diags.AddError("Cannot read the alarm pack", readErr.Error())
		if applyErr != nil {
			diags.AddError("Cannot apply the alarm pack", applyErr.Error())
		}
		return framework.Save(unreadState(ctx, plan, diags))
	}
	if applyErr != nil {
		diags.AddError("Cannot apply the alarm pack", applyErr.Error()+"; the state records what exists, so the next apply resumes and a destroy removes it")
	}
	known := plan.alarmEntries(ctx, diags)
	return framework.Save(r.stateFrom(ctx, plan, s, ids, final, topicARN, known, diags))
}

// unreadState is the state of an apply whose outcome could not be read back: the plan, whose
// alarm ids and names let a destroy find every object, with no value left unknown (Terraform
// rejects unknown values in state). It is built from the model alone, so a new attribute is
// never missed.
func unreadState(ctx context.Context, plan packModel, diags *diag.Diagnostics) packModel {
	if plan.ID.IsUnknown() {
		plan.ID = types.StringValue(plan.LogGroupName.ValueString() + importSeparator + plan.NamePrefix.ValueString())
	}
	if plan.TagsAll.IsUnknown() {
		v, d := framework.MapValue(ctx, nil)
		diags.Append(d...)
		plan.TagsAll = v
	}
	if plan.Alarms.IsUnknown() {
		plan.Alarms = alarmsValue(ctx, nil, diags)
	}
	return plan
}

// converge creates or restores the topic and every alarm with its filter, only where AWS differs.
func (r *alarmPackResource) converge(ctx context.Context, s packSpec, specs map[string]alarmSpec, obs observed, topicARN string) error {
	tags := r.Client.Tags(s.Tags)
	if s.Notification.CreateTopic {
		if err := r.ensureTopic(ctx, s, topicARN, obs.Topic, tags); err != nil {
			return err
		}
	}
	actions := []string{topicARN}
	for _, id := range slices.Sorted(maps.Keys(specs)) {
		if err := r.ensureAlarm(ctx, s, specs[id], obs, actions, tags); err != nil {
			return err
		}
	}
	return nil
}

// ensureAlarm puts the alarm's filter and alarm when they differ, and re-tags an existing alarm
// whose tags differ (PutMetricAlarm ignores the tags of an alarm that exists).
func (r *alarmPackResource) ensureAlarm(ctx context.Context, s packSpec, a alarmSpec, obs observed, actions []string, tags map[string]string) error {
	f, ok := obs.Filters[s.filterName(a.ID)]
	if !filterMatches(f, ok, s, a) {
		if err := r.putFilter(ctx, s, a, f.Count); err != nil {
			return err
		}
	}
	o, exists := obs.Alarms[s.alarmName(a.ID)]
	if !alarmMatches(o, exists, s, a, actions) {
		if err := putAlarm(ctx, r.Client.CloudWatch(""), s, a, actions, tags); err != nil {
			return err
		}
	}
	if !exists {
		// Emulator gap: LocalStack 4.14 ignores the Tags of a PutMetricAlarm that creates the
		// alarm (AWS applies them). Only on an emulator endpoint is the new alarm tagged again;
		// AWS receives the one PutMetricAlarm.
		if r.Client.UsesCustomEndpoint() && len(tags) > 0 {
			return r.syncAlarmTags(ctx, r.alarmARN(s.alarmName(a.ID)), nil, tags)
		}
		return nil
	}
	return r.syncAlarmTags(ctx, o.ARN, o.Tags, tags)
}

// putFilter puts the metric filter of alarm a; existing is how many filters of its name exist.
func (r *alarmPackResource) putFilter(ctx context.Context, s packSpec, a alarmSpec, existing int) error {
	logs := r.Client.CloudWatchLogs("")
	name := s.filterName(a.ID)
	// Emulator gap (moto 5.2.1): PutMetricFilter under an existing name appends a second filter,
	// where AWS replaces the filter in place. Only against an emulator endpoint is the old filter
	// deleted first; on AWS that would leave the alarm without a filter for a moment.
	if existing > 0 && r.Client.UsesCustomEndpoint() {
		if err := deleteFilter(ctx, logs, s.LogGroupName, name, existing); err != nil {
			return err
		}
	}
	_, err := logs.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName:  aws.String(s.LogGroupName),
		FilterName:    aws.String(name),
		FilterPattern: aws.String(a.Pattern),
		MetricTransformations: []logstypes.MetricTransformation{{
			MetricName:      aws.String(s.metricName(a.ID)),
			MetricNamespace: aws.String(s.Namespace),
			MetricValue:     aws.String(metricValue),
		}},
	})
	if err != nil {
		return fmt.Errorf("putting metric filter %q of alarm %q on log group %q (CloudWatch Logs PutMetricFilter): %w", name, a.ID, s.LogGroupName, err)
	}
	tflog.Debug(ctx, "put metric filter", map[string]any{"filter": name})
	return nil
}

// putAlarm creates or rewrites an alarm; tags take effect only when it creates the alarm.
func putAlarm(ctx context.Context, cw *cloudwatch.Client, s packSpec, a alarmSpec, actions []string, tags map[string]string) error {
	name := s.alarmName(a.ID)
	in := &cloudwatch.PutMetricAlarmInput{
		AlarmName:          aws.String(name),
		AlarmDescription:   aws.String(alarmDescription(s, a)),
		MetricName:         aws.String(s.metricName(a.ID)),
		Namespace:          aws.String(s.Namespace),
		Statistic:          cwtypes.Statistic(alarmStatistic),
		Period:             aws.Int32(int32(a.Period)),
		EvaluationPeriods:  aws.Int32(int32(a.EvaluationPeriods)),
		Threshold:          aws.Float64(float64(a.Threshold)),
		ComparisonOperator: cwtypes.ComparisonOperator(alarmComparison),
		TreatMissingData:   aws.String(alarmTreatMissingData),
		ActionsEnabled:     aws.Bool(true),
		AlarmActions:       actions,
		Tags:               cloudWatchTags(tags),
	}
	if _, err := cw.PutMetricAlarm(ctx, in); err != nil {
		return fmt.Errorf("putting CloudWatch alarm %q of alarm %q (CloudWatch PutMetricAlarm): %w", name, a.ID, err)
	}
	tflog.Debug(ctx, "put metric alarm", map[string]any{"alarm": name})
	return nil
}

// syncAlarmTags removes the keys an alarm should not carry and sets the ones that differ.
func (r *alarmPackResource) syncAlarmTags(ctx context.Context, alarmARN string, have, want map[string]string) error {
	cw := r.Client.CloudWatch("")
	return framework.SyncTags(have, want, func(remove []string) error {
		if _, err := cw.UntagResource(ctx, &cloudwatch.UntagResourceInput{ResourceARN: aws.String(alarmARN), TagKeys: remove}); err != nil {
			return fmt.Errorf("removing tags %v of alarm %s (CloudWatch UntagResource): %w", remove, alarmARN, err)
		}
		return nil
	}, func(set map[string]string) error {
		if _, err := cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: aws.String(alarmARN), Tags: cloudWatchTags(set)}); err != nil {
			return fmt.Errorf("tagging alarm %s (CloudWatch TagResource): %w", alarmARN, err)
		}
		return nil
	})
}

// removeAlarms deletes the filters and alarms of ids the pack no longer has.
func (r *alarmPackResource) removeAlarms(ctx context.Context, s packSpec, ids []string, obs observed) error {
	for _, id := range ids {
		tflog.Info(ctx, "removing alarm no longer in the pack", map[string]any{"id": id})
		if err := deleteFilter(ctx, r.Client.CloudWatchLogs(""), s.LogGroupName, s.filterName(id), obs.Filters[s.filterName(id)].Count); err != nil {
			return err
		}
	}
	return deleteAlarms(ctx, r.Client.CloudWatch(""), s.alarmNames(ids))
}

// ensureTopic creates the pack's topic or repairs its policy, encryption and tags, then makes the
// e-mail subscriptions match.
func (r *alarmPackResource) ensureTopic(ctx context.Context, s packSpec, topicARN string, current observedTopic, tags map[string]string) error {
	client := r.Client.SNS("")
	// EventBridge rules (soc2_access_analyzer findings) publish to the pack's topic too.
	policy, err := policies.AlarmTopic(policies.TopicInput{TopicARN: topicARN, AccountID: r.Client.AccountID, AllowEventBridge: true})
	if err != nil {
		return err
	}
	if !current.Exists {
		if err := createTopic(ctx, client, s, policy, tags); err != nil {
			return err
		}
		current = observedTopic{Exists: true, Subscriptions: map[string]string{}}
	} else if err := r.repairTopic(ctx, s, topicARN, policy, current, tags); err != nil {
		return err
	}
	return syncSubscriptions(ctx, client, topicARN, s.Notification.EmailEndpoints, current.Subscriptions)
}

// createTopic creates the topic with its policy, encryption and tags in one call.
func createTopic(ctx context.Context, client *sns.Client, s packSpec, policy string, tags map[string]string) error {
	attrs := map[string]string{"Policy": policy}
	if s.Notification.KMSKeyARN != "" {
		attrs["KmsMasterKeyId"] = s.Notification.KMSKeyARN
	}
	in := &sns.CreateTopicInput{Name: aws.String(s.topicName()), Attributes: attrs, Tags: snsTags(tags)}
	if _, err := client.CreateTopic(ctx, in); err != nil {
		return fmt.Errorf("creating SNS topic %q (SNS CreateTopic): %w", s.topicName(), err)
	}
	return nil
}

// repairTopic restores what drifted on an existing topic: its policy, encryption and tags.
func (r *alarmPackResource) repairTopic(ctx context.Context, s packSpec, topicARN, policy string, current observedTopic, tags map[string]string) error {
	client := r.Client.SNS("")
	if !current.CanPublish {
		if err := setTopicAttribute(ctx, client, topicARN, "Policy", policy); err != nil {
			return err
		}
	}
	if current.KMSKeyID != s.Notification.KMSKeyARN {
		if err := setTopicAttribute(ctx, client, topicARN, "KmsMasterKeyId", s.Notification.KMSKeyARN); err != nil {
			return err
		}
	}
	return framework.SyncTags(current.Tags, tags, func(remove []string) error {
		if _, err := client.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: aws.String(topicARN), TagKeys: remove}); err != nil {
			return fmt.Errorf("removing tags %v of SNS topic %s (SNS UntagResource): %w", remove, topicARN, err)
		}
		return nil
	}, func(set map[string]string) error {
		if _, err := client.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topicARN), Tags: snsTags(set)}); err != nil {
			return fmt.Errorf("tagging SNS topic %s (SNS TagResource): %w", topicARN, err)
		}
		return nil
	})
}

// syncSubscriptions subscribes missing e-mail endpoints and unsubscribes confirmed ones no longer
// configured.
func syncSubscriptions(ctx context.Context, client *sns.Client, topicARN string, emails []string, current map[string]string) error {
	for _, email := range emails {
		if _, ok := current[email]; ok {
			continue
		}
		if _, err := client.Subscribe(ctx, &sns.SubscribeInput{
			TopicArn: aws.String(topicARN), Protocol: aws.String("email"), Endpoint: aws.String(email),
		}); err != nil {
			return fmt.Errorf("subscribing %q to %s (SNS Subscribe): %w", email, topicARN, err)
		}
	}
	for email, subARN := range current {
		if slices.Contains(emails, email) || !isARN(subARN) {
			// A pending subscription has no ARN yet and cannot be removed; it lapses after three days.
			continue
		}
		if _, err := client.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(subARN)}); err != nil {
			return fmt.Errorf("unsubscribing %q from %s (SNS Unsubscribe): %w", email, topicARN, err)
		}
	}
	return nil
}

func setTopicAttribute(ctx context.Context, client *sns.Client, topicARN, name, value string) error {
	_, err := client.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
		TopicArn: aws.String(topicARN), AttributeName: aws.String(name), AttributeValue: aws.String(value),
	})
	if err != nil {
		return fmt.Errorf("setting %s of SNS topic %s (SNS SetTopicAttributes): %w", name, topicARN, err)
	}
	return nil
}

func cloudWatchTags(tags map[string]string) []cwtypes.Tag {
	var out []cwtypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, cwtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func snsTags(tags map[string]string) []snstypes.Tag {
	var out []snstypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, snstypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func isARN(s string) bool { return len(s) > 4 && s[:4] == "arn:" }
