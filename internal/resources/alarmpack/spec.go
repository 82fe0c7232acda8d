package alarmpack

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
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

func specFromModel(ctx context.Context, m packModel) (packSpec, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := packSpec{
		LogGroupName: m.LogGroupName.ValueString(),
		NamePrefix:   m.NamePrefix.ValueString(),
		Namespace:    m.Namespace.ValueString(),
		Profile:      alarmcatalog.Profile(m.Profile.ValueString()),
		Overrides:    map[string]overrideSpec{},
	}
	if m.NamePrefix.IsNull() {
		s.NamePrefix = defaultNamePrefix
	}
	if m.Namespace.IsNull() {
		s.Namespace = defaultNamespace
	}
	if m.Profile.IsNull() {
		s.Profile = alarmcatalog.ProfileCIS
	}
	s.Partial = m.NamePrefix.IsUnknown() || m.Namespace.IsUnknown() || m.Profile.IsUnknown() ||
		m.Exclude.IsUnknown() || m.BusinessHours.IsUnknown() || m.Overrides.IsUnknown() || m.CustomAlarms.IsUnknown()

	if !m.Exclude.IsNull() && !m.Exclude.IsUnknown() {
		for _, e := range m.Exclude.Elements() {
			v, ok := e.(types.String)
			if !ok || v.IsUnknown() {
				s.Partial = true
				continue
			}
			s.Exclude = append(s.Exclude, v.ValueString())
		}
	}

	s.BusinessHours = alarmcatalog.DefaultBusinessHours()
	if !m.BusinessHours.IsNull() && !m.BusinessHours.IsUnknown() {
		var bh businessHoursModel
		diags.Append(m.BusinessHours.As(ctx, &bh, objectAsOptions)...)
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

	if n, ok := m.notification(ctx, &diags); ok {
		s.Notification = notificationSpec{
			SNSTopicARN: n.SNSTopicARN.ValueString(),
			CreateTopic: n.CreateTopic.ValueBool(),
			TopicName:   n.TopicName.ValueString(),
			KMSKeyARN:   n.KMSKeyARN.ValueString(),
			Known:       !n.SNSTopicARN.IsUnknown() && !n.CreateTopic.IsUnknown(),
		}
		if !n.EmailEndpoints.IsNull() && !n.EmailEndpoints.IsUnknown() {
			diags.Append(n.EmailEndpoints.ElementsAs(ctx, &s.Notification.EmailEndpoints, false)...)
		}
	}

	if !m.Overrides.IsNull() && !m.Overrides.IsUnknown() {
		overrides := map[string]overrideModel{}
		diags.Append(m.Overrides.ElementsAs(ctx, &overrides, false)...)
		for id, o := range overrides {
			s.Overrides[id] = overrideSpec{
				Threshold:         o.Threshold.ValueInt64(),
				Period:            o.Period.ValueInt64(),
				EvaluationPeriods: o.EvaluationPeriods.ValueInt64(),
			}
			if o.Threshold.IsUnknown() || o.Period.IsUnknown() || o.EvaluationPeriods.IsUnknown() {
				s.Partial = true
			}
		}
	}

	if !m.CustomAlarms.IsNull() && !m.CustomAlarms.IsUnknown() {
		var customs []customAlarmModel
		diags.Append(m.CustomAlarms.ElementsAs(ctx, &customs, false)...)
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
			if c.ID.IsUnknown() || c.Pattern.IsUnknown() || c.Threshold.IsUnknown() || c.Period.IsUnknown() ||
				c.EvaluationPeriods.IsUnknown() || c.Description.IsUnknown() || c.Controls.IsUnknown() {
				s.Partial = true
			}
			s.Custom = append(s.Custom, cs)
		}
	}

	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		diags.Append(m.Tags.ElementsAs(ctx, &s.Tags, false)...)
	}
	return s, diags
}

func orDefault(v types.Int64, def int64) int64 {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	return v.ValueInt64()
}

// validate reports every configuration error that needs more than one attribute to see, each
// naming the attribute, the value and the fix. It makes no AWS call.
func (s packSpec) validate() diag.Diagnostics {
	var diags diag.Diagnostics
	validIDs := strings.Join(sortedCatalogIDs(), ", ")

	for _, id := range s.Exclude {
		if _, ok := alarmcatalog.Lookup(id); !ok {
			p := path.Root("exclude").AtSetValue(types.StringValue(id))
			diags.AddAttributeError(p, "Unknown alarm id in exclude",
				fmt.Sprintf("exclude = %q: not an alarm of the catalog; use one of %s", id, validIDs))
		}
	}

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

	if err := s.BusinessHours.Validate(); err != nil {
		diags.AddAttributeError(path.Root("business_hours"), "Invalid business_hours",
			fmt.Sprintf("business_hours = {start = %q, end = %q, utc_offset = %q}: %s",
				s.BusinessHours.Start, s.BusinessHours.End, s.BusinessHours.UTCOffset, joinErr(err)))
	}

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
		if c.PatternKnown {
			parsed, err := filterpattern.Parse(c.Pattern)
			if err != nil {
				diags.AddAttributeError(p.AtName("pattern"), "Invalid filter pattern",
					fmt.Sprintf("custom_alarms[%d].pattern = %q: the pattern of alarm %q is invalid at %s; correct the pattern (CloudWatch Logs filter pattern syntax)", i, c.Pattern, c.ID, describeParseError(err)))
			} else if parsed.Regexes() > 0 {
				regexAlarms = append(regexAlarms, c.ID)
			}
		}
	}
	diags.Append(s.checkLogGroupQuotas(regexAlarms)...)

	n := s.Notification
	np := path.Root("notification")
	if n.Known {
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
	return diags
}

// CloudWatch Logs quotas per log group: PutMetricFilter refuses a filter past them, which would
// fail the apply halfway through the pack.
const (
	maxFiltersPerLogGroup      = 100
	maxRegexFiltersPerLogGroup = 5
)

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

// alarms computes every enabled alarm; it assumes validate passed.
func (s packSpec) alarms() (map[string]alarmSpec, error) {
	out := map[string]alarmSpec{}
	for _, a := range alarmcatalog.All() {
		if slices.Contains(s.Exclude, a.ID) {
			continue
		}
		pattern, err := alarmcatalog.Pattern(a.ID, s.Profile, s.BusinessHours)
		if err != nil {
			return nil, err
		}
		// Built-in patterns go through the same parser as custom ones, so a catalog or
		// business-hours pattern that CloudWatch would reject fails the plan, not the apply.
		if _, err := filterpattern.Parse(pattern); err != nil {
			return nil, fmt.Errorf("the built-in pattern of alarm %q does not parse (%s); this is a bug in the provider", a.ID, describeParseError(err))
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
