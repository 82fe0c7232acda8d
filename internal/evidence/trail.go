package evidence

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

// trailFacts is what the rest of the binder needs from the trail.
type trailFacts struct {
	name, arn, bucket, keyPrefix, logGroup, logGroupARN, region string
	kmsKey                                                      string
}

// deliveryStaleAfter is how old the latest CloudWatch Logs delivery may be on a logging trail:
// management events arrive within minutes in any active account, so a day of silence means the
// stream is broken (AWS reports delivery errors separately).
const deliveryStaleAfter = 24 * time.Hour

func (c *collector) trail(ctx context.Context) (*trailFacts, error) {
	api := c.client.CloudTrail("")
	in := &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(false)}
	if c.opts.Trail != "" {
		in.TrailNameList = []string{c.opts.Trail}
	}
	out, err := api.DescribeTrails(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("reading trails with CloudTrail DescribeTrails in %s: %w", c.client.HomeRegion, err)
	}
	t, err := pickTrail(out.TrailList, c.opts.Trail, c.client.HomeRegion)
	if err != nil {
		return nil, err
	}
	name := aws.ToString(t.TrailARN)
	status, err := api.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading trail %s with CloudTrail GetTrailStatus: %w", name, err)
	}
	sel, err := api.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading trail %s with CloudTrail GetEventSelectors: %w", name, err)
	}
	f := &trailFacts{
		name: aws.ToString(t.Name), arn: aws.ToString(t.TrailARN), bucket: aws.ToString(t.S3BucketName),
		keyPrefix: aws.ToString(t.S3KeyPrefix), logGroupARN: aws.ToString(t.CloudWatchLogsLogGroupArn),
		region: aws.ToString(t.HomeRegion), kmsKey: aws.ToString(t.KmsKeyId),
	}
	f.logGroup = logGroupName(f.logGroupARN)
	if f.logGroupARN != "" {
		c.baseline = append(c.baseline, f.logGroupARN)
	}
	c.baseline = append(c.baseline, f.arn)
	c.trailFacts = f
	c.trailControls(t, status, sel, f)
	return f, nil
}

// pickTrail chooses the baseline's trail: the named one, or the only multi-region trail homed here.
func pickTrail(trails []cttypes.Trail, named, region string) (cttypes.Trail, error) {
	if named != "" {
		for _, t := range trails {
			if aws.ToString(t.Name) == named || aws.ToString(t.TrailARN) == named {
				return t, nil
			}
		}
		return cttypes.Trail{}, fmt.Errorf("trail %q not found in %s: pass --trail with the name or ARN of the baseline's trail", named, region)
	}
	var found []cttypes.Trail
	for _, t := range trails {
		if aws.ToBool(t.IsMultiRegionTrail) && aws.ToString(t.HomeRegion) == region {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return cttypes.Trail{}, fmt.Errorf("no multi-region trail is homed in %s: pass --trail with the baseline's trail, or --region with its home region", region)
	}
	names := make([]string, 0, len(found))
	for _, t := range found {
		names = append(names, aws.ToString(t.Name))
	}
	return cttypes.Trail{}, fmt.Errorf("%d multi-region trails are homed in %s (%s): pass --trail to name the baseline's", len(found), region, strings.Join(names, ", "))
}

// logGroupName takes the name out of "arn:aws:logs:region:account:log-group:NAME:*".
func logGroupName(arn string) string {
	_, rest, ok := strings.Cut(arn, ":log-group:")
	if !ok {
		return ""
	}
	return strings.TrimSuffix(rest, ":*")
}

func (c *collector) trailControls(t cttypes.Trail, st *cloudtrail.GetTrailStatusOutput, sel *cloudtrail.GetEventSelectorsOutput, f *trailFacts) {
	base := Control{Section: SectionTrail, Resource: f.arn}

	ctrl := c.add(with(base, "trail.logging", "Trail is logging", []string{"CC7.2", "CC7.3"}, []string{"3.1"}, []string{"CloudTrail.1"}))
	ctrl.set("IsLogging", st.IsLogging)
	ctrl.set("LatestDeliveryTime", st.LatestDeliveryTime)
	ctrl.set("StopLoggingTime", st.StopLoggingTime)
	ctrl.set("LatestDeliveryError", st.LatestDeliveryError)
	var fails []string
	if !aws.ToBool(st.IsLogging) {
		fails = append(fails, "the trail is not logging (IsLogging=false"+stoppedAt(st.StopLoggingTime)+"): no API activity is being recorded; run StartLogging")
	}
	if e := aws.ToString(st.LatestDeliveryError); e != "" {
		fails = append(fails, "the last delivery to S3 failed: "+e)
	}
	ctrl.judge(fails, "the trail is logging")

	ctrl = c.add(with(base, "trail.multi_region", "Trail covers every region and global services", []string{"CC7.2"}, []string{"3.1"}, []string{"CloudTrail.1"}))
	ctrl.set("IsMultiRegionTrail", t.IsMultiRegionTrail)
	ctrl.set("IncludeGlobalServiceEvents", t.IncludeGlobalServiceEvents)
	ctrl.set("HomeRegion", t.HomeRegion)
	fails = nil
	if !aws.ToBool(t.IsMultiRegionTrail) {
		fails = append(fails, "the trail records only its home region (IsMultiRegionTrail=false)")
	}
	if !aws.ToBool(t.IncludeGlobalServiceEvents) {
		fails = append(fails, "global service events (IAM, STS, CloudFront) are not recorded")
	}
	ctrl.judge(fails, "one trail records every region, global services included")

	ctrl = c.add(with(base, "trail.log_file_validation", "Log file integrity validation", []string{"CC7.2", "CC8.1"}, []string{"3.2"}, []string{"CloudTrail.4"}))
	ctrl.set("LogFileValidationEnabled", t.LogFileValidationEnabled)
	fails = nil
	if !aws.ToBool(t.LogFileValidationEnabled) {
		fails = append(fails, "log file validation is off: deleted or edited log files cannot be detected")
	}
	ctrl.judge(fails, "CloudTrail writes signed digest files, so edited or deleted logs are detectable")

	c.selectorControl(base, sel)
	c.encryptionControl(base, f)
	c.deliveryControl(base, t, st)
}

func stoppedAt(t *time.Time) string {
	if t == nil {
		return ""
	}
	return " since " + t.UTC().Format(time.RFC3339)
}

// with fills the identity and mappings of a control from a base (section, resource).
func with(base Control, id, title string, soc2, cis, sh []string) Control {
	base.ID, base.Title, base.SOC2, base.CIS, base.SecurityHub = id, title, soc2, cis, sh
	return base
}

func (c *collector) selectorControl(base Control, sel *cloudtrail.GetEventSelectorsOutput) {
	ctrl := c.add(with(base, "trail.event_selectors", "Management events, read and write", []string{"CC7.2"}, []string{"3.1"}, []string{"CloudTrail.1"}))
	ok := false
	for _, s := range sel.EventSelectors {
		ctrl.set("EventSelector", fmt.Sprintf("IncludeManagementEvents=%v ReadWriteType=%s ExcludeManagementEventSources=[%s]",
			aws.ToBool(s.IncludeManagementEvents), s.ReadWriteType, strings.Join(s.ExcludeManagementEventSources, ",")))
		if aws.ToBool(s.IncludeManagementEvents) && s.ReadWriteType == cttypes.ReadWriteTypeAll && len(s.ExcludeManagementEventSources) == 0 {
			ok = true
		}
	}
	for _, s := range sel.AdvancedEventSelectors {
		ctrl.set("AdvancedEventSelector", aws.ToString(s.Name)+": "+advancedText(s))
		if isAllManagement(s) {
			ok = true
		}
	}
	switch {
	case ok:
		ctrl.judge(nil, "management events are recorded, read and write, from every event source")
	case len(sel.EventSelectors) == 0 && len(sel.AdvancedEventSelectors) == 0:
		// moto gap: a new trail has no event selectors, where AWS returns its default one
		// (management events, read and write); none at all is AWS's default, not a narrowing.
		ctrl.set("EventSelector", "(none returned: the AWS default, all management events)")
		ctrl.judge(nil, "no selector narrows the trail: the default records all management events")
	default:
		ctrl.judge([]string{"no selector records all management events read and write: events the alarms and the change log need may be missing"}, "")
	}
}

func advancedText(s cttypes.AdvancedEventSelector) string {
	parts := make([]string, 0, len(s.FieldSelectors))
	for _, fs := range s.FieldSelectors {
		parts = append(parts, aws.ToString(fs.Field)+" in ["+strings.Join(fs.Equals, ",")+"]")
	}
	return strings.Join(parts, " and ")
}

func isAllManagement(s cttypes.AdvancedEventSelector) bool {
	if len(s.FieldSelectors) != 1 {
		return false
	}
	fs := s.FieldSelectors[0]
	return aws.ToString(fs.Field) == "eventCategory" && len(fs.Equals) == 1 && fs.Equals[0] == "Management"
}

func (c *collector) encryptionControl(base Control, f *trailFacts) {
	ctrl := c.add(with(base, "trail.encryption", "Log files encrypted at rest", []string{"CC6.1"}, nil, nil))
	ctrl.set("KmsKeyId", f.kmsKey)
	if f.kmsKey != "" {
		ctrl.CIS, ctrl.SecurityHub = []string{"3.7"}, []string{"CloudTrail.2"}
		ctrl.judge(nil, "CloudTrail encrypts log files with the customer managed key "+f.kmsKey)
		return
	}
	// Without a trail key the log files are encrypted by the bucket's default encryption, which
	// the log bucket's own control checks; CIS 3.7 / CloudTrail.2 are not claimed, since they ask
	// for SSE-KMS on the trail.
	ctrl.judge(nil, "log files are encrypted by the log bucket's default encryption (see log_bucket.encryption); "+
		"SSE-KMS on the trail is not set, so CIS 3.7 / CloudTrail.2 are not evidenced")
}

func (c *collector) deliveryControl(base Control, t cttypes.Trail, st *cloudtrail.GetTrailStatusOutput) {
	ctrl := c.add(with(base, "trail.cloudwatch_logs", "Events delivered to CloudWatch Logs", []string{"CC7.2", "CC7.3"}, []string{"3.4"}, []string{"CloudTrail.5"}))
	ctrl.set("CloudWatchLogsLogGroupArn", t.CloudWatchLogsLogGroupArn)
	ctrl.set("CloudWatchLogsRoleArn", t.CloudWatchLogsRoleArn)
	ctrl.set("LatestCloudWatchLogsDeliveryTime", st.LatestCloudWatchLogsDeliveryTime)
	ctrl.set("LatestCloudWatchLogsDeliveryError", st.LatestCloudWatchLogsDeliveryError)
	var fails []string
	if aws.ToString(t.CloudWatchLogsLogGroupArn) == "" || aws.ToString(t.CloudWatchLogsRoleArn) == "" {
		fails = append(fails, "the trail does not stream to CloudWatch Logs: the alarm pack sees no events")
	}
	if e := aws.ToString(st.LatestCloudWatchLogsDeliveryError); e != "" {
		fails = append(fails, "the last delivery to CloudWatch Logs failed: "+e)
	}
	if last := st.LatestCloudWatchLogsDeliveryTime; last != nil && aws.ToBool(st.IsLogging) && c.now().Sub(*last) > deliveryStaleAfter {
		fails = append(fails, fmt.Sprintf("the latest delivery to CloudWatch Logs was at %s, over %s ago", last.UTC().Format(time.RFC3339), deliveryStaleAfter))
	}
	ctrl.judge(fails, "the trail streams its events to "+logGroupName(aws.ToString(t.CloudWatchLogsLogGroupArn)))
}
