package evidence

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

type packFacts struct {
	prefix  string
	filters map[string]logstypes.MetricFilter // by alarm id
	alarms  map[string]cwtypes.MetricAlarm    // by alarm id
}

func (c *collector) alarmPack(ctx context.Context, tr *trailFacts) error {
	if tr.logGroup == "" {
		for _, a := range alarmcatalog.All() {
			ctrl := c.add(alarmControl(a, tr))
			ctrl.judge([]string{"the trail does not stream to CloudWatch Logs, so no metric filter can see its events"}, "")
		}
		return nil
	}
	region := arnRegion(tr.logGroupARN, c.client.HomeRegion)
	pack, err := c.readPack(ctx, region, tr.logGroup)
	if err != nil {
		return err
	}
	topics := map[string]bool{}
	for _, a := range alarmcatalog.All() {
		c.alarmVerdict(a, tr, region, pack, topics)
	}
	return c.topicControls(ctx, region, topics)
}

func alarmControl(a alarmcatalog.Alarm, tr *trailFacts) Control {
	return Control{ID: "alarm." + a.ID, Section: SectionAlarmPack, Title: a.Title, Resource: tr.logGroupARN, SOC2: append([]string(nil), a.SOC2...)}
}

func arnRegion(arn, fallback string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) == 6 && parts[3] != "" {
		return parts[3]
	}
	return fallback
}

func (c *collector) readPack(ctx context.Context, region, logGroup string) (*packFacts, error) {
	var filters []logstypes.MetricFilter
	p := cloudwatchlogs.NewDescribeMetricFiltersPaginator(c.client.CloudWatchLogs(region),
		&cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(logGroup)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the metric filters of %s with CloudWatch Logs DescribeMetricFilters: %w", logGroup, err)
		}
		filters = append(filters, out.MetricFilters...)
	}
	pack := &packFacts{prefix: packPrefix(filters), filters: map[string]logstypes.MetricFilter{}, alarms: map[string]cwtypes.MetricAlarm{}}
	for _, f := range filters {
		if id, ok := strings.CutPrefix(aws.ToString(f.FilterName), pack.prefix); ok {
			pack.filters[id] = f
		}
	}
	in := &cloudwatch.DescribeAlarmsInput{AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm}}
	if pack.prefix != "" {
		in.AlarmNamePrefix = aws.String(pack.prefix)
	}
	ap := cloudwatch.NewDescribeAlarmsPaginator(c.client.CloudWatch(region), in)
	for ap.HasMorePages() {
		out, err := ap.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading alarms with CloudWatch DescribeAlarms in %s: %w", region, err)
		}
		for _, a := range out.MetricAlarms {
			if id, ok := strings.CutPrefix(aws.ToString(a.AlarmName), pack.prefix); ok {
				pack.alarms[id] = a
			}
		}
	}
	return pack, nil
}

// packPrefix is the name prefix most of the log group's filters share before a catalog id:
// soc2_alarm_pack names every filter <name_prefix><id>.
func packPrefix(filters []logstypes.MetricFilter) string {
	count := map[string]int{}
	for _, f := range filters {
		name := aws.ToString(f.FilterName)
		for _, id := range alarmcatalog.IDs() {
			if prefix, ok := strings.CutSuffix(name, id); ok {
				count[prefix]++
			}
		}
	}
	best, n := "", 0
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if count[k] > n {
			best, n = k, count[k]
		}
	}
	return best
}

func (c *collector) alarmVerdict(a alarmcatalog.Alarm, tr *trailFacts, region string, pack *packFacts, topics map[string]bool) {
	ctrl := c.add(alarmControl(a, tr))
	ctrl.Region = region
	f, hasFilter := pack.filters[a.ID]
	alarm, hasAlarm := pack.alarms[a.ID]
	var fails []string
	if !hasFilter {
		fails = append(fails, fmt.Sprintf("metric filter %s%s is missing from %s", pack.prefix, a.ID, tr.logGroup))
	} else {
		ctrl.set("FilterName", f.FilterName)
		ctrl.set("FilterPattern", f.FilterPattern)
		c.claimPattern(ctrl, a, aws.ToString(f.FilterPattern))
	}
	var metric, namespace string
	for _, t := range f.MetricTransformations {
		metric, namespace = aws.ToString(t.MetricName), aws.ToString(t.MetricNamespace)
		ctrl.set("Metric", namespace+"/"+metric)
	}
	if !hasAlarm {
		fails = append(fails, fmt.Sprintf("alarm %s%s does not exist: matching events raise no alarm", pack.prefix, a.ID))
	} else {
		ctrl.Resource = aws.ToString(alarm.AlarmArn)
		c.baseline = append(c.baseline, ctrl.Resource)
		fails = append(fails, alarmFailures(ctrl, alarm, metric, namespace, hasFilter)...)
		for _, act := range alarm.AlarmActions {
			if strings.Contains(act, ":sns:") {
				topics[act] = true
			}
		}
	}
	ctrl.judge(fails, "matching events raise the alarm, which notifies "+strings.Join(alarm.AlarmActions, ", "))
}

func alarmFailures(ctrl *Control, alarm cwtypes.MetricAlarm, metric, namespace string, hasFilter bool) []string {
	ctrl.set("AlarmName", alarm.AlarmName)
	ctrl.set("Threshold", fmt.Sprintf("%s %s %g per %ds x %d", alarm.Statistic, alarm.ComparisonOperator,
		aws.ToFloat64(alarm.Threshold), aws.ToInt32(alarm.Period), aws.ToInt32(alarm.EvaluationPeriods)))
	ctrl.set("ActionsEnabled", alarm.ActionsEnabled)
	ctrl.set("AlarmActions", alarm.AlarmActions)
	ctrl.set("StateValue", string(alarm.StateValue))
	var fails []string
	if hasFilter && (aws.ToString(alarm.MetricName) != metric || aws.ToString(alarm.Namespace) != namespace) {
		fails = append(fails, fmt.Sprintf("the alarm watches %s/%s, not the filter's metric %s/%s",
			aws.ToString(alarm.Namespace), aws.ToString(alarm.MetricName), namespace, metric))
	}
	if len(alarm.AlarmActions) == 0 {
		fails = append(fails, "the alarm has no action: nobody is notified")
	}
	if !aws.ToBool(alarm.ActionsEnabled) {
		fails = append(fails, "the alarm's actions are disabled")
	}
	return fails
}

// claimPattern claims the CIS and Security Hub ids only when the filter's pattern is the exact
// one they check for; a tuned pattern is good monitoring but not that control's evidence.
func (c *collector) claimPattern(ctrl *Control, a alarmcatalog.Alarm, pattern string) {
	want, err := alarmcatalog.Pattern(a.ID, alarmcatalog.ProfileCIS, alarmcatalog.DefaultBusinessHours())
	if err != nil || a.CIS == "" && a.SecurityHub == "" {
		return
	}
	if pattern != want {
		ctrl.set("CatalogPattern", "differs from the CIS pattern: "+a.CIS+"/"+a.SecurityHub+" not claimed")
		return
	}
	if a.CIS != "" {
		ctrl.CIS = []string{a.CIS}
	}
	if a.SecurityHub != "" {
		ctrl.SecurityHub = []string{a.SecurityHub}
	}
}

func (c *collector) topicControls(ctx context.Context, region string, topics map[string]bool) error {
	arns := make([]string, 0, len(topics))
	for t := range topics {
		arns = append(arns, t)
	}
	sort.Strings(arns)
	for _, arn := range arns {
		if err := c.topicControl(ctx, arnRegion(arn, region), arn); err != nil {
			return err
		}
	}
	return nil
}

func (c *collector) topicControl(ctx context.Context, region, arn string) error {
	c.baseline = append(c.baseline, arn)
	ctrl := c.add(Control{ID: "alarm_topic." + arn[strings.LastIndex(arn, ":")+1:], Section: SectionAlarmPack,
		Title: "Alarm topic and its subscriptions", Resource: arn, Region: region, SOC2: []string{"CC7.3"}})
	api := c.client.SNS(region)
	attrs, err := api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if err != nil {
		if isNotFound(err) {
			ctrl.judge([]string{"the alarms notify topic " + arn + ", which does not exist"}, "")
			return nil
		}
		return fmt.Errorf("reading topic %s with SNS GetTopicAttributes: %w", arn, err)
	}
	ctrl.set("KmsMasterKeyId", attrs.Attributes["KmsMasterKeyId"])
	ctrl.Policy = indentJSON(attrs.Attributes["Policy"])
	var fails []string
	if !policies.TopicAllowsCloudWatch(attrs.Attributes["Policy"], arn, c.client.AccountID) {
		fails = append(fails, "the topic policy does not let CloudWatch publish the alarms")
	}
	confirmed := 0
	p := sns.NewListSubscriptionsByTopicPaginator(api, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(arn)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("reading the subscriptions of %s with SNS ListSubscriptionsByTopic: %w", arn, err)
		}
		for _, s := range out.Subscriptions {
			state := "confirmed"
			if aws.ToString(s.SubscriptionArn) == "PendingConfirmation" {
				state = "pending confirmation"
			} else {
				confirmed++
			}
			ctrl.set("Subscription", aws.ToString(s.Protocol)+" "+aws.ToString(s.Endpoint)+" ("+state+")")
		}
	}
	if confirmed == 0 {
		fails = append(fails, "the topic has no confirmed subscription: alarms reach nobody")
	}
	ctrl.judge(fails, fmt.Sprintf("CloudWatch may publish to the topic and %d confirmed subscription(s) receive the alarms", confirmed))
	return nil
}

func isNotFound(err error) bool {
	return hasAnyCode(err, "NotFound", "NotFoundException", "NoSuchBucket", "ResourceNotFoundException")
}
