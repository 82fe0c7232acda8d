package alarmpack

import (
	"context"
	"fmt"
	"slices"
	"sort"

	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// metricValue is what each matching event adds to the metric; alarms compare the Sum.
const metricValue = "1"

// The evaluation every alarm of the pack uses: any matching event in a period counts, and a
// period without events is the healthy state, not missing evidence.
const (
	alarmStatistic        = string(cwtypes.StatisticSum)
	alarmComparison       = string(cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold)
	alarmTreatMissingData = "notBreaching"
)

var objectAsOptions = basetypes.ObjectAsOptions{}

// packSpec is the configuration in plain Go, for validation and for computing the alarms a pack
// must have. Partial is set when some input is still unknown, so only validation may run.
type packSpec struct {
	LogGroupName  string
	NamePrefix    string
	Namespace     string
	Profile       alarmcatalog.Profile
	Exclude       []string
	BusinessHours alarmcatalog.BusinessHours
	Notification  notificationSpec
	Overrides     map[string]overrideSpec
	Custom        []customSpec
	Tags          map[string]string
	Partial       bool
}

type notificationSpec struct {
	SNSTopicARN    string
	CreateTopic    bool
	TopicName      string
	KMSKeyARN      string
	EmailEndpoints []string
	// Known is false while sns_topic_arn (or the block) is unknown.
	Known bool
	// KMSKeyKnown is false while kms_key_arn is unknown (a key created in the same apply).
	KMSKeyKnown bool
}

type overrideSpec struct {
	Threshold, Period, EvaluationPeriods int64 // 0 = not overridden
}

type customSpec struct {
	ID, Pattern, Description             string
	Threshold, Period, EvaluationPeriods int64
	Controls                             []string
	PatternKnown                         bool
}

// alarmSpec is one alarm as the pack must have it.
type alarmSpec struct {
	ID, Pattern, Description             string
	Threshold, Period, EvaluationPeriods int64
	Controls                             []string
	CIS, SecurityHub                     string
	Custom                               bool
}

func (s packSpec) filterName(id string) string { return s.NamePrefix + id }
func (s packSpec) alarmName(id string) string  { return s.NamePrefix + id }

// metricName is unique per pack (the prefix) so two packs in one namespace never share a metric.
func (s packSpec) metricName(id string) string { return s.NamePrefix + id }

func (s packSpec) topicName() string {
	if s.Notification.TopicName != "" {
		return s.Notification.TopicName
	}
	return s.NamePrefix + "alarms"
}

func (s packSpec) alarmNames(ids []string) []string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, s.alarmName(id))
	}
	return names
}

// specFromModel reads the configuration (or a plan or state) into a packSpec, applying the
// schema defaults to null values.
func specFromModel(ctx context.Context, m packModel) (packSpec, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := packSpec{
		LogGroupName:  m.LogGroupName.ValueString(),
		NamePrefix:    stringOr(m.NamePrefix, defaultNamePrefix),
		Namespace:     stringOr(m.Namespace, defaultNamespace),
		Profile:       alarmcatalog.Profile(stringOr(m.Profile, string(alarmcatalog.ProfileCIS))),
		BusinessHours: alarmcatalog.DefaultBusinessHours(),
		Overrides:     map[string]overrideSpec{},
	}
	s.Partial = m.NamePrefix.IsUnknown() || m.Namespace.IsUnknown() || m.Profile.IsUnknown() ||
		m.Exclude.IsUnknown() || m.BusinessHours.IsUnknown() || m.Overrides.IsUnknown() || m.CustomAlarms.IsUnknown()
	s.readExclude(m.Exclude)
	s.readBusinessHours(ctx, m.BusinessHours, &diags)
	s.readNotification(ctx, m, &diags)
	s.readOverrides(ctx, m.Overrides, &diags)
	s.readCustom(ctx, m.CustomAlarms, &diags)
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		diags.Append(m.Tags.ElementsAs(ctx, &s.Tags, false)...)
	}
	return s, diags
}

func stringOr(v types.String, def string) string {
	if v.IsNull() {
		return def
	}
	return v.ValueString()
}

func (s *packSpec) readExclude(v types.Set) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	for _, e := range v.Elements() {
		str, ok := e.(types.String)
		if !ok || str.IsUnknown() {
			s.Partial = true
			continue
		}
		s.Exclude = append(s.Exclude, str.ValueString())
	}
}

func (s *packSpec) readBusinessHours(ctx context.Context, v types.Object, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	var bh businessHoursModel
	diags.Append(v.As(ctx, &bh, objectAsOptions)...)
	for _, f := range []struct {
		v   types.String
		dst *string
	}{{bh.Start, &s.BusinessHours.Start}, {bh.End, &s.BusinessHours.End}, {bh.UTCOffset, &s.BusinessHours.UTCOffset}} {
		if f.v.IsUnknown() {
			s.Partial = true
		} else if !f.v.IsNull() {
			*f.dst = f.v.ValueString()
		}
	}
}

func (s *packSpec) readNotification(ctx context.Context, m packModel, diags *diag.Diagnostics) {
	n, ok := m.notification(ctx, diags)
	if !ok {
		return
	}
	s.Notification = notificationSpec{
		SNSTopicARN: n.SNSTopicARN.ValueString(),
		CreateTopic: n.CreateTopic.ValueBool(),
		TopicName:   n.TopicName.ValueString(),
		KMSKeyARN:   n.KMSKeyARN.ValueString(),
		Known:       !n.SNSTopicARN.IsUnknown() && !n.CreateTopic.IsUnknown(),
		KMSKeyKnown: !n.KMSKeyARN.IsUnknown(),
	}
	if !framework.AllKnown(n.EmailEndpoints) {
		// An address known only at apply (another resource's output): only validation may run.
		s.Partial = true
		return
	}
	if !n.EmailEndpoints.IsNull() {
		diags.Append(n.EmailEndpoints.ElementsAs(ctx, &s.Notification.EmailEndpoints, false)...)
	}
}

func (s *packSpec) readOverrides(ctx context.Context, v types.Map, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	overrides := map[string]settingsModel{}
	diags.Append(v.ElementsAs(ctx, &overrides, false)...)
	for id, o := range overrides {
		s.Overrides[id] = overrideSpec{
			Threshold:         o.Threshold.ValueInt64(),
			Period:            o.Period.ValueInt64(),
			EvaluationPeriods: o.EvaluationPeriods.ValueInt64(),
		}
		if o.settingsUnknown() {
			s.Partial = true
		}
	}
}

func (s *packSpec) readCustom(ctx context.Context, v types.List, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	var customs []customAlarmModel
	diags.Append(v.ElementsAs(ctx, &customs, false)...)
	for _, c := range customs {
		cs := customSpec{
			ID:                c.ID.ValueString(),
			Pattern:           c.Pattern.ValueString(),
			Description:       c.Description.ValueString(),
			Threshold:         orDefault(c.Threshold, defaultThreshold),
			Period:            orDefault(c.Period, defaultPeriod),
			EvaluationPeriods: orDefault(c.EvaluationPeriods, defaultEvalPeriod),
			PatternKnown:      !c.Pattern.IsUnknown(),
		}
		if !c.Controls.IsNull() && !c.Controls.IsUnknown() {
			diags.Append(c.Controls.ElementsAs(ctx, &cs.Controls, false)...)
		}
		if c.ID.IsUnknown() || c.Pattern.IsUnknown() || c.settingsUnknown() || c.Description.IsUnknown() || c.Controls.IsUnknown() {
			s.Partial = true
		}
		s.Custom = append(s.Custom, cs)
	}
}

func orDefault(v types.Int64, def int64) int64 {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	return v.ValueInt64()
}

// alarms computes every enabled alarm; it assumes validate passed.
func (s packSpec) alarms() (map[string]alarmSpec, error) {
	out := map[string]alarmSpec{}
	for _, a := range alarmcatalog.All() {
		if slices.Contains(s.Exclude, a.ID) {
			continue
		}
		spec, err := s.catalogAlarm(a)
		if err != nil {
			return nil, err
		}
		out[a.ID] = spec
	}
	for _, c := range s.Custom {
		desc := c.Description
		if desc == "" {
			desc = "Custom alarm " + c.ID
		}
		out[c.ID] = alarmSpec{
			ID: c.ID, Pattern: c.Pattern, Description: desc,
			Threshold: c.Threshold, Period: c.Period, EvaluationPeriods: c.EvaluationPeriods,
			Controls: c.Controls, Custom: true,
		}
	}
	return out, nil
}

// catalogAlarm is one catalog alarm under the pack's profile, business hours and overrides.
func (s packSpec) catalogAlarm(a alarmcatalog.Alarm) (alarmSpec, error) {
	pattern, err := alarmcatalog.Pattern(a.ID, s.Profile, s.BusinessHours)
	if err != nil {
		return alarmSpec{}, err
	}
	// Built-in patterns go through the same parser as custom ones, so a catalog or
	// business-hours pattern that CloudWatch would reject fails the plan, not the apply.
	if _, err := filterpattern.Parse(pattern); err != nil {
		return alarmSpec{}, fmt.Errorf("the built-in pattern of alarm %q does not parse (%s); this is a bug in the provider", a.ID, describeParseError(err))
	}
	spec := alarmSpec{
		ID:                a.ID,
		Pattern:           pattern,
		Description:       a.Title + ": " + a.Description,
		Threshold:         a.DefaultThreshold,
		Period:            a.DefaultPeriod,
		EvaluationPeriods: defaultEvalPeriod,
		Controls:          a.SOC2,
		CIS:               a.CISFor(s.Profile),
		SecurityHub:       a.SecurityHubFor(s.Profile),
	}
	if o, ok := s.Overrides[a.ID]; ok {
		if o.Threshold != 0 {
			spec.Threshold = o.Threshold
		}
		if o.Period != 0 {
			spec.Period = o.Period
		}
		if o.EvaluationPeriods != 0 {
			spec.EvaluationPeriods = o.EvaluationPeriods
		}
	}
	return spec, nil
}

// filterMatches reports whether the filter in AWS is exactly the one the pack wants.
func filterMatches(f observedFilter, ok bool, s packSpec, a alarmSpec) bool {
	return ok && f.Count == 1 && f.Pattern == a.Pattern && f.MetricName == s.metricName(a.ID) &&
		f.Namespace == s.Namespace && f.MetricValue == metricValue
}

// alarmMatches reports whether the alarm in AWS is exactly the one the pack wants.
func alarmMatches(o observedAlarm, ok bool, s packSpec, a alarmSpec, actions []string) bool {
	return ok && o.Threshold == float64(a.Threshold) && o.Period == a.Period &&
		o.EvaluationPeriods == a.EvaluationPeriods && o.ActionsEnabled && slices.Equal(o.Actions, actions) &&
		o.MetricName == s.metricName(a.ID) && o.Namespace == s.Namespace && o.Description == alarmDescription(s, a) &&
		o.Statistic == alarmStatistic && o.Comparison == alarmComparison && o.TreatMissingData == alarmTreatMissingData
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
