package evidence

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// ChangeEventNames are the CloudTrail events that change a logging control: the trail, the log
// bucket, the Config recorders, the log group, the alarm pack and its topic.
var ChangeEventNames = []string{
	"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors", "PutInsightSelectors",
	"PutBucketPolicy", "DeleteBucketPolicy", "PutBucketVersioning", "PutBucketEncryption", "DeleteBucketEncryption",
	"PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock", "PutBucketLifecycle", "DeleteBucketLifecycle",
	"PutBucketLogging", "PutBucketAcl", "PutBucketOwnershipControls", "PutObjectLockConfiguration",
	"PutConfigurationRecorder", "StartConfigurationRecorder", "StopConfigurationRecorder", "DeleteConfigurationRecorder",
	"PutDeliveryChannel", "DeleteDeliveryChannel",
	"DeleteLogGroup", "PutRetentionPolicy", "DeleteRetentionPolicy", "PutMetricFilter", "DeleteMetricFilter",
	"PutMetricAlarm", "DeleteAlarms", "DisableAlarmActions", "EnableAlarmActions",
	"SetTopicAttributes", "DeleteTopic", "Subscribe", "Unsubscribe",
}

// maxPatternLength is CloudWatch Logs' limit on a filter pattern.
const maxPatternLength = 1024

// ChangePatterns are the CloudWatch Logs filter patterns that together select the change events:
// one pattern naming them all would pass CloudWatch Logs' 1024-character limit, so they are split.
func ChangePatterns() []string {
	var out []string
	var terms []string
	flush := func() {
		if len(terms) > 0 {
			out = append(out, "{ "+strings.Join(terms, " || ")+" }")
			terms = nil
		}
	}
	for _, n := range ChangeEventNames {
		term := fmt.Sprintf("($.eventName = %q)", n)
		if len("{ "+strings.Join(append(terms, term), " || ")+" }") > maxPatternLength {
			flush()
		}
		terms = append(terms, term)
	}
	flush()
	return out
}

// changeMatcher runs the project's filter-pattern engine: a record is a change when any of the
// patterns matches it.
type changeMatcher []*filterpattern.Pattern

func (m changeMatcher) Match(record []byte) bool {
	for _, p := range m {
		if p.Match(record) {
			return true
		}
	}
	return false
}

func parseChangePattern() (changeMatcher, error) {
	var m changeMatcher
	for _, src := range ChangePatterns() {
		p, err := filterpattern.Parse(src)
		if err != nil {
			return nil, fmt.Errorf("the change-log filter pattern does not parse: %w", err)
		}
		m = append(m, p)
	}
	return m, nil
}

func (c *collector) changeLog(ctx context.Context) error {
	until := c.now().UTC().Truncate(time.Second)
	since := until.AddDate(0, 0, -c.opts.Days)
	c.b.ChangeLog.Since, c.b.ChangeLog.Until = since, until
	pattern, err := parseChangePattern()
	if err != nil {
		return err
	}
	tr := c.trailFacts
	var events []ChangeEvent
	switch {
	case tr != nil && tr.logGroup != "":
		c.b.ChangeLog.Source = "CloudWatch Logs " + tr.logGroup + " (filter pattern matched by the soc2 filter-pattern engine)"
		events, err = c.changesFromLogs(ctx, tr, pattern, since, until)
	case !c.client.UsesCustomEndpoint():
		c.b.ChangeLog.Source = "CloudTrail LookupEvents (the trail streams to no log group)"
		events, err = c.changesFromLookup(ctx, pattern, since, until)
	default:
		// moto gap: CloudTrail LookupEvents is not served, so without a log group there is no source.
		c.b.ChangeLog.Source = "none: the trail streams to no log group and the emulator serves no CloudTrail LookupEvents"
	}
	if err != nil {
		return err
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Time.Before(events[j].Time) })
	if events == nil {
		events = []ChangeEvent{}
	}
	c.b.ChangeLog.Events = events
	return nil
}

func (c *collector) changesFromLogs(ctx context.Context, tr *trailFacts, m changeMatcher, since, until time.Time) ([]ChangeEvent, error) {
	// moto gap: FilterLogEvents understands only plain terms, not JSON patterns; on an emulator
	// every event is read once and the engine alone selects. AWS applies each pattern server side,
	// which keeps a 90-day window of a busy account cheap, and the engine checks again.
	server := []string{""}
	if !c.client.UsesCustomEndpoint() {
		server = nil
		for _, p := range m {
			server = append(server, p.String())
		}
	}
	seen := map[string]bool{}
	var events []ChangeEvent
	for _, pattern := range server {
		in := &cloudwatchlogs.FilterLogEventsInput{
			LogGroupName: aws.String(tr.logGroup), StartTime: aws.Int64(since.UnixMilli()), EndTime: aws.Int64(until.Add(time.Second).UnixMilli()),
		}
		if pattern != "" {
			in.FilterPattern = aws.String(pattern)
		}
		p := cloudwatchlogs.NewFilterLogEventsPaginator(c.client.CloudWatchLogs(arnRegion(tr.logGroupARN, c.client.HomeRegion)), in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("reading the change log from %s with CloudWatch Logs FilterLogEvents: %w", tr.logGroup, err)
			}
			for _, e := range out.Events {
				msg := []byte(aws.ToString(e.Message))
				if id := aws.ToString(e.EventId); seen[id] && id != "" || !m.Match(msg) {
					continue
				}
				seen[aws.ToString(e.EventId)] = true
				if ev, ok := parseRecord(msg); ok {
					events = append(events, ev)
				}
			}
		}
	}
	return events, nil
}

// changesFromLookup asks CloudTrail's 90-day event history, one event name at a time (LookupEvents
// takes one attribute per call).
func (c *collector) changesFromLookup(ctx context.Context, pattern changeMatcher, since, until time.Time) ([]ChangeEvent, error) {
	var events []ChangeEvent
	for _, name := range ChangeEventNames {
		p := cloudtrail.NewLookupEventsPaginator(c.client.CloudTrail(""), &cloudtrail.LookupEventsInput{
			StartTime: aws.Time(since), EndTime: aws.Time(until),
			LookupAttributes: []cttypes.LookupAttribute{{AttributeKey: cttypes.LookupAttributeKeyEventName, AttributeValue: aws.String(name)}},
		})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("reading the change log with CloudTrail LookupEvents (%s): %w", name, err)
			}
			for _, e := range out.Events {
				msg := []byte(aws.ToString(e.CloudTrailEvent))
				if !pattern.Match(msg) {
					continue
				}
				if ev, ok := parseRecord(msg); ok {
					events = append(events, ev)
				}
			}
		}
	}
	return events, nil
}

type ctRecord struct {
	EventTime         time.Time      `json:"eventTime"`
	EventName         string         `json:"eventName"`
	EventSource       string         `json:"eventSource"`
	AWSRegion         string         `json:"awsRegion"`
	SourceIPAddress   string         `json:"sourceIPAddress"`
	UserAgent         string         `json:"userAgent"`
	EventID           string         `json:"eventID"`
	RequestParameters map[string]any `json:"requestParameters"`
	UserIdentity      struct {
		Type        string `json:"type"`
		ARN         string `json:"arn"`
		PrincipalID string `json:"principalId"`
		InvokedBy   string `json:"invokedBy"`
	} `json:"userIdentity"`
}

// targetKeys are the request parameters that name the object a change event touched.
var targetKeys = []string{"bucketName", "name", "trailName", "logGroupName", "filterName", "alarmName", "alarmNames",
	"configurationRecorderName", "deliveryChannelName", "topicArn", "subscriptionArn"}

func parseRecord(msg []byte) (ChangeEvent, bool) {
	var r ctRecord
	if err := json.Unmarshal(msg, &r); err != nil || r.EventName == "" {
		return ChangeEvent{}, false
	}
	who := r.UserIdentity.ARN
	if who == "" {
		who = strings.TrimSpace(r.UserIdentity.Type + " " + r.UserIdentity.PrincipalID + " " + r.UserIdentity.InvokedBy)
	}
	var target []string
	for _, k := range targetKeys {
		if v, ok := r.RequestParameters[k]; ok {
			target = append(target, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return ChangeEvent{
		Time: r.EventTime.UTC(), EventName: r.EventName, EventSource: r.EventSource, Region: r.AWSRegion,
		Who: who, SourceIP: r.SourceIPAddress, UserAgent: r.UserAgent, Target: strings.Join(target, " "), EventID: r.EventID,
	}, true
}
