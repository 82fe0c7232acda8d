package cloudtrailbaseline

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// deliveryPolicyName is the inline policy of the CloudWatch Logs delivery role.
const deliveryPolicyName = "cloudtrail-cloudwatch-logs-delivery"

// configSLRPath is the path of AWS Config's service-linked role.
const configSLRPath = "/aws-service-role/config.amazonaws.com/"

// defaultDeliveryFrequency is the snapshot frequency when none is configured.
const defaultDeliveryFrequency = "TwentyFour_Hours"

// trailSpec is the trail the configuration asks for.
type trailSpec struct {
	Name          string
	S3BucketName  string
	S3KeyPrefix   string
	KMSKeyARN     string
	Organization  bool
	LogGroupARN   string
	RoleARN       string
	DataResources []string
	// Advanced is the advanced selector set of s3_data_events; nil keeps classic selectors.
	Advanced []cttypes.AdvancedEventSelector
	Tags     map[string]string
}

// cloudWatchSpec is the log group and delivery role the configuration asks for.
type cloudWatchSpec struct {
	LogGroupName    string
	RetentionInDays int64
	KMSKeyARN       string
	RoleName        string
	TrustPolicy     string
	RolePolicy      string
	Tags            map[string]string
}

// channelSpec is the delivery channel every recorded region gets.
type channelSpec struct {
	Bucket      string
	Prefix      string
	Frequency   string
	SNSTopicARN string
}

// desiredTags is the configured tags merged over default_tags: what every owned object carries.
func desiredTags(c *conns.AWSClient, m resourceModel) map[string]string {
	return c.Tags(stringMap(m.Tags))
}

func desiredTrail(c *conns.AWSClient, m resourceModel) trailSpec {
	spec := trailSpec{
		Name:          m.Name.ValueString(),
		S3BucketName:  m.S3BucketName.ValueString(),
		S3KeyPrefix:   m.S3KeyPrefix.ValueString(),
		KMSKeyARN:     m.KMSKeyARN.ValueString(),
		Organization:  m.OrganizationTrail.ValueBool(),
		DataResources: dataEventResources(c.Partition, framework.KnownStrings(m.S3DataEventBuckets)),
		Tags:          desiredTags(c, m),
	}
	if m.S3DataEvents != nil {
		spec.Advanced = buildAdvancedSelectors(c.Partition, s3DataEventsSpecOf(m))
	}
	if cw := m.CloudWatchLogs; cw != nil {
		spec.LogGroupARN = arns.LogGroupStreams(c.Partition, c.HomeRegion, c.AccountID, cw.LogGroupName.ValueString())
		spec.RoleARN = arns.Role(c.Partition, c.AccountID, roleNameFor(spec.Name))
	}
	return spec
}

// s3DataEventsSpecOf is the s3_data_events block of m, with the trail's bucket excluded.
func s3DataEventsSpecOf(m resourceModel) s3DataEventsSpec {
	ev := m.S3DataEvents
	return s3DataEventsSpec{
		Read:    ev.Read.ValueBool(),
		Write:   ev.Write.ValueBool(),
		Exclude: excludedBuckets(framework.KnownStrings(ev.ExcludeBuckets), m.S3BucketName.ValueString()),
	}
}

func desiredCloudWatch(c *conns.AWSClient, m resourceModel) (cloudWatchSpec, error) {
	cw := m.CloudWatchLogs
	trust, err := policies.CloudTrailLogsTrust(c.Partition)
	if err != nil {
		return cloudWatchSpec{}, err
	}
	delivery, err := deliveryPolicy(c, cw.LogGroupName.ValueString(), m.OrganizationID.ValueString())
	if err != nil {
		return cloudWatchSpec{}, err
	}
	return cloudWatchSpec{
		LogGroupName:    cw.LogGroupName.ValueString(),
		RetentionInDays: cw.RetentionInDays.ValueInt64(),
		KMSKeyARN:       cw.KMSKeyARN.ValueString(),
		RoleName:        roleNameFor(m.Name.ValueString()),
		TrustPolicy:     trust,
		RolePolicy:      delivery,
		Tags:            desiredTags(c, m),
	}, nil
}

// deliveryPolicy is the delivery role's permissions policy for the group; an organization trail
// (orgID set) also writes the member accounts' streams, named <org-id>_*.
func deliveryPolicy(c *conns.AWSClient, group, orgID string) (string, error) {
	return policies.CloudTrailLogsDelivery(policies.DeliveryInput{
		Partition: c.Partition, Region: c.HomeRegion, AccountID: c.AccountID, LogGroup: group, OrganizationID: orgID,
	})
}

func desiredChannel(m resourceModel) channelSpec {
	cr := m.ConfigRecorder
	return channelSpec{
		Bucket:      m.S3BucketName.ValueString(),
		Prefix:      cr.S3KeyPrefix.ValueString(),
		Frequency:   cr.DeliveryFrequency.ValueString(),
		SNSTopicARN: cr.SNSTopicARN.ValueString(),
	}
}

// roleNameFor derives the delivery role's name from the trail's, within IAM's 64 characters; a
// hash keeps long names distinct.
func roleNameFor(trailName string) string {
	name := "soc2-cloudtrail-" + trailName
	if len(name) <= 64 {
		return name
	}
	sum := sha256.Sum256([]byte(trailName))
	return name[:55] + "-" + hex.EncodeToString(sum[:])[:8]
}

// keyID extracts the key id from a key ARN or returns a bare id unchanged.
func keyID(s string) string {
	if i := strings.LastIndex(s, ":key/"); i >= 0 {
		return s[i+len(":key/"):]
	}
	if strings.HasPrefix(s, "arn:") || strings.HasPrefix(s, "alias/") {
		return ""
	}
	return s
}

// regionOfARN is the region of an ARN, or fallback for a non-ARN or a regionless one.
func regionOfARN(s, fallback string) string {
	if a, err := arn.Parse(s); err == nil && a.Region != "" {
		return a.Region
	}
	return fallback
}

func inRegions(regions []string, region string) bool {
	for _, r := range regions {
		if r == region {
			return true
		}
	}
	return false
}
