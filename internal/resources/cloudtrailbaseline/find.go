package cloudtrailbaseline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// Every finder returns a framework.NotFoundError for an object that does not exist.

// trailView is what AWS reports about the trail, in the terms the schema uses.
type trailView struct {
	ARN                       string
	HomeRegion                string
	S3BucketName              string
	S3KeyPrefix               string
	KMSKeyID                  string
	Organization              bool
	MultiRegion               bool
	GlobalServiceEvents       bool
	LogFileValidation         bool
	Logging                   bool
	CloudWatchLogsLogGroupARN string
	CloudWatchLogsRoleARN     string
	Selectors                 selectorSummary
	AdvancedSelectors         []cttypes.AdvancedEventSelector
	Tags                      map[string]string
}

// findTrail reads the trail, its status, selectors and tags.
func (r *baselineResource) findTrail(ctx context.Context, name string) (*trailView, error) {
	ct := r.Client.CloudTrail("")
	out, err := ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(name)})
	if err != nil {
		err = framework.AsNotFound(err, "trail "+name, framework.IsA[*cttypes.TrailNotFoundException])
		return nil, fmt.Errorf("reading trail %s (CloudTrail GetTrail): %w", name, err)
	}
	v := trailViewOf(out.Trail, r.Client.HomeRegion)
	status, err := ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading the status of trail %s (CloudTrail GetTrailStatus): %w", name, err)
	}
	v.Logging = aws.ToBool(status.IsLogging)
	sel, err := ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading the event selectors of trail %s (CloudTrail GetEventSelectors): %w", name, err)
	}
	v.Selectors = summariseSelectors(sel.EventSelectors, sel.AdvancedEventSelectors)
	v.AdvancedSelectors = sel.AdvancedEventSelectors
	tags, err := ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{v.ARN}})
	if err != nil {
		return nil, fmt.Errorf("reading the tags of trail %s (CloudTrail ListTags): %w", name, err)
	}
	for _, rt := range tags.ResourceTagList {
		for _, tag := range rt.TagsList {
			v.Tags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
	}
	return v, nil
}

func trailViewOf(t *cttypes.Trail, homeRegion string) *trailView {
	v := &trailView{
		ARN:                       aws.ToString(t.TrailARN),
		HomeRegion:                aws.ToString(t.HomeRegion),
		S3BucketName:              aws.ToString(t.S3BucketName),
		S3KeyPrefix:               aws.ToString(t.S3KeyPrefix),
		KMSKeyID:                  aws.ToString(t.KmsKeyId),
		Organization:              aws.ToBool(t.IsOrganizationTrail),
		MultiRegion:               aws.ToBool(t.IsMultiRegionTrail),
		GlobalServiceEvents:       aws.ToBool(t.IncludeGlobalServiceEvents),
		LogFileValidation:         aws.ToBool(t.LogFileValidationEnabled),
		CloudWatchLogsLogGroupARN: aws.ToString(t.CloudWatchLogsLogGroupArn),
		CloudWatchLogsRoleARN:     aws.ToString(t.CloudWatchLogsRoleArn),
		Tags:                      map[string]string{},
	}
	if v.HomeRegion == "" {
		v.HomeRegion = homeRegion
	}
	return v
}

// findLogGroup reads a log group by its exact name.
func (r *baselineResource) findLogGroup(ctx context.Context, name string) (*logstypes.LogGroup, error) {
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(r.Client.CloudWatchLogs(""), &cloudwatchlogs.DescribeLogGroupsInput{
		LogGroupNamePrefix: aws.String(name),
	})
	var found *logstypes.LogGroup
	err := framework.EachPage(ctx, p.HasMorePages, p.NextPage, func(page *cloudwatchlogs.DescribeLogGroupsOutput) bool {
		if i := slices.IndexFunc(page.LogGroups, func(g logstypes.LogGroup) bool { return aws.ToString(g.LogGroupName) == name }); i >= 0 {
			found = &page.LogGroups[i]
		}
		return found == nil
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("reading log group %s (CloudWatch Logs DescribeLogGroups): %w", name, err)
	case found == nil:
		return nil, framework.NewNotFound("log group "+name, nil)
	}
	return found, nil
}

// findLogGroupTags reads the tags of a log group.
func (r *baselineResource) findLogGroupTags(ctx context.Context, name string) (map[string]string, error) {
	c := r.Client
	out, err := c.CloudWatchLogs("").ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{
		ResourceArn: aws.String(arns.LogGroup(c.Partition, c.HomeRegion, c.AccountID, name)),
	})
	if err != nil {
		err = framework.AsNotFound(err, "log group "+name, framework.IsA[*logstypes.ResourceNotFoundException])
		return nil, fmt.Errorf("reading the tags of log group %s (CloudWatch Logs ListTagsForResource): %w", name, err)
	}
	if out.Tags == nil {
		return map[string]string{}, nil
	}
	return out.Tags, nil
}

// roleView is the delivery role as IAM reports it; RolePolicy is "" when the inline policy is gone.
type roleView struct {
	ARN         string
	TrustPolicy string
	RolePolicy  string
	Tags        map[string]string
}

// findRole reads a role, its tags (GetRole returns them) and the delivery policy.
func (r *baselineResource) findRole(ctx context.Context, name string) (*roleView, error) {
	out, err := r.Client.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		err = framework.AsNotFound(err, "role "+name, framework.IsA[*iamtypes.NoSuchEntityException])
		return nil, fmt.Errorf("reading role %s (IAM GetRole): %w", name, err)
	}
	v := &roleView{
		ARN:         aws.ToString(out.Role.Arn),
		TrustPolicy: policydoc.Decode(aws.ToString(out.Role.AssumeRolePolicyDocument)),
		Tags:        iamTagMap(out.Role.Tags),
	}
	// A role without its delivery policy reads with RolePolicy "" (drift the plan restores).
	if v.RolePolicy, err = r.findRolePolicy(ctx, name); framework.IgnoreNotFound(err) != nil {
		return nil, err
	}
	return v, nil
}

func (r *baselineResource) findRolePolicy(ctx context.Context, role string) (string, error) {
	out, err := r.Client.IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(deliveryPolicyName)})
	if err != nil {
		err = framework.AsNotFound(err, "policy "+deliveryPolicyName+" of role "+role, framework.IsA[*iamtypes.NoSuchEntityException])
		return "", fmt.Errorf("reading policy %s of role %s (IAM GetRolePolicy): %w", deliveryPolicyName, role, err)
	}
	return policydoc.Decode(aws.ToString(out.PolicyDocument)), nil
}

func iamTagMap(tags []iamtypes.Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// findConfigRole finds the AWS Config service-linked role by its path, because its name differs
// between AWS (AWSServiceRoleForConfig) and emulators; the ARN is always the one IAM reports.
func (r *baselineResource) findConfigRole(ctx context.Context) (string, error) {
	p := iam.NewListRolesPaginator(r.Client.IAM(), &iam.ListRolesInput{PathPrefix: aws.String(configSLRPath)})
	var arn *string
	err := framework.EachPage(ctx, p.HasMorePages, p.NextPage, func(page *iam.ListRolesOutput) bool {
		for _, role := range page.Roles {
			if strings.EqualFold(aws.ToString(role.RoleName), "AWSServiceRoleForConfig") {
				arn = aws.String(aws.ToString(role.Arn))
				return false
			}
		}
		return true
	})
	switch {
	case err != nil:
		return "", fmt.Errorf("looking for the AWS Config service-linked role (IAM ListRoles): %w", err)
	case arn == nil:
		return "", framework.NewNotFound("the AWS Config service-linked role", nil)
	}
	return *arn, nil
}

// regionView is what one region holds: its recorder (at most one) and delivery channel; nil
// fields are absent objects (a region without them is a region still to be set up, not an error).
type regionView struct {
	recorder *cfgtypes.ConfigurationRecorder
	status   *cfgtypes.ConfigurationRecorderStatus
	channel  *cfgtypes.DeliveryChannel
}

// findRegion reads a region's recorder, its status and the delivery channel.
func (r *baselineResource) findRegion(ctx context.Context, region string) (regionView, error) {
	var v regionView
	cs := r.Client.ConfigService(region)
	recs, err := cs.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return v, fmt.Errorf("%s: reading the Config recorder (DescribeConfigurationRecorders): %w", region, err)
	}
	for i := range recs.ConfigurationRecorders {
		// Service-linked recorders (owned by another AWS service) do not count against the
		// one-per-region limit and are not ours to adopt.
		if recs.ConfigurationRecorders[i].ServicePrincipal == nil {
			v.recorder = &recs.ConfigurationRecorders[i]
			break
		}
	}
	if v.recorder != nil {
		st, err := cs.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{
			ConfigurationRecorderNames: []string{aws.ToString(v.recorder.Name)},
		})
		if err != nil {
			return v, fmt.Errorf("%s: reading the recorder status (DescribeConfigurationRecorderStatus): %w", region, err)
		}
		if len(st.ConfigurationRecordersStatus) > 0 {
			v.status = &st.ConfigurationRecordersStatus[0]
		}
	}
	chans, err := cs.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
	if err != nil {
		return v, fmt.Errorf("%s: reading the delivery channel (DescribeDeliveryChannels): %w", region, err)
	}
	if len(chans.DeliveryChannels) > 0 {
		v.channel = &chans.DeliveryChannels[0]
	}
	return v, nil
}

// findKeyPolicy reads the default key policy of a key given by key or alias ARN, and returns
// the key's ARN too (GetKeyPolicy takes no alias).
func (r *baselineResource) findKeyPolicy(ctx context.Context, key string) (keyARN, policy string, err error) {
	client := r.Client.KMS(regionOfARN(key, r.Client.HomeRegion))
	keyARN = key
	if strings.Contains(key, ":alias/") {
		out, err := client.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(key)})
		if err != nil {
			err = framework.AsNotFound(err, "KMS key "+key, framework.IsA[*kmstypes.NotFoundException])
			return "", "", fmt.Errorf("resolving KMS key %s (KMS DescribeKey): %w", key, err)
		}
		keyARN = aws.ToString(out.KeyMetadata.Arn)
	}
	out, err := client.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if err != nil {
		err = framework.AsNotFound(err, "KMS key "+keyARN, framework.IsA[*kmstypes.NotFoundException])
		return keyARN, "", fmt.Errorf("reading the key policy of %s (KMS GetKeyPolicy): %w", keyARN, err)
	}
	return keyARN, aws.ToString(out.Policy), nil
}

// describeKey resolves a key or alias to the key's ARN and id.
func (r *baselineResource) describeKey(ctx context.Context, key string) (*kmstypes.KeyMetadata, error) {
	out, err := r.Client.KMS("").DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(key)})
	if err != nil {
		err = framework.AsNotFound(err, "KMS key "+key, framework.IsA[*kmstypes.NotFoundException])
		return nil, fmt.Errorf("resolving KMS key %s (KMS DescribeKey): %w", key, err)
	}
	return out.KeyMetadata, nil
}
