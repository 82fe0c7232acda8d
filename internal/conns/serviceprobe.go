package conns

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// serviceProbes holds one cheap, read-only call per service the provider uses. Emulators differ in
// which services they emulate (LocalStack's free edition has no CloudTrail; moto has it), so callers
// ask the endpoint rather than keep a per-emulator list that would go stale.
var serviceProbes = map[string]func(ctx context.Context, c *AWSClient) error{
	"cloudtrail": func(ctx context.Context, c *AWSClient) error {
		_, err := c.CloudTrail("").DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
		return err
	},
	"cloudwatch": func(ctx context.Context, c *AWSClient) error {
		_, err := c.CloudWatch("").DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{MaxRecords: aws.Int32(1)})
		return err
	},
	"config": func(ctx context.Context, c *AWSClient) error {
		_, err := c.ConfigService("").DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		return err
	},
	"ec2": func(ctx context.Context, c *AWSClient) error {
		_, err := c.EC2("").DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
		return err
	},
	"iam": func(ctx context.Context, c *AWSClient) error {
		_, err := c.IAM().ListRoles(ctx, &iam.ListRolesInput{MaxItems: aws.Int32(1)})
		return err
	},
	"kms": func(ctx context.Context, c *AWSClient) error {
		_, err := c.KMS("").ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(1)})
		return err
	},
	"logs": func(ctx context.Context, c *AWSClient) error {
		_, err := c.CloudWatchLogs("").DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(1)})
		return err
	},
	"s3": func(ctx context.Context, c *AWSClient) error {
		_, err := c.S3("").ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1)})
		return err
	},
	"sns": func(ctx context.Context, c *AWSClient) error {
		_, err := c.SNS("").ListTopics(ctx, &sns.ListTopicsInput{})
		return err
	},
	"sts": func(ctx context.Context, c *AWSClient) error {
		_, err := c.STS("").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	},
}

// ProbeServiceNames lists the services ProbeService knows, sorted.
func ProbeServiceNames() []string {
	names := make([]string, 0, len(serviceProbes))
	for name := range serviceProbes {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// ProbeService makes one cheap read-only call to service (a name from ProbeServiceNames) in the
// home region and returns its error, nil when the service answered normally.
func (c *AWSClient) ProbeService(ctx context.Context, service string) error {
	probe, ok := serviceProbes[service]
	if !ok {
		return fmt.Errorf("no probe for service %q; known: %v", service, ProbeServiceNames())
	}
	return probe(ctx, c)
}

// ServiceAnswered reports whether err (from ProbeService) came back as an HTTP response: the
// endpoint is up and refused the call, as an emulator does for a service it lacks. A transport
// failure (nothing listening, timeout) is not an answer.
func ServiceAnswered(err error) bool {
	var respErr *smithyhttp.ResponseError
	return err == nil || errors.As(err, &respErr)
}
