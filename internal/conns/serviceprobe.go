package conns

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

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
	"cloudtrail": probe(inHome((*AWSClient).CloudTrail), (*cloudtrail.Client).DescribeTrails, cloudtrail.DescribeTrailsInput{}),
	"cloudwatch": probe(inHome((*AWSClient).CloudWatch), (*cloudwatch.Client).DescribeAlarms, cloudwatch.DescribeAlarmsInput{MaxRecords: aws.Int32(1)}),
	"config":     probe(inHome((*AWSClient).ConfigService), (*configservice.Client).DescribeConfigurationRecorders, configservice.DescribeConfigurationRecordersInput{}),
	"ec2":        probe(inHome((*AWSClient).EC2), (*ec2.Client).DescribeRegions, ec2.DescribeRegionsInput{}),
	"iam":        probe((*AWSClient).IAM, (*iam.Client).ListRoles, iam.ListRolesInput{MaxItems: aws.Int32(1)}),
	"kms":        probe(inHome((*AWSClient).KMS), (*kms.Client).ListKeys, kms.ListKeysInput{Limit: aws.Int32(1)}),
	"logs":       probe(inHome((*AWSClient).CloudWatchLogs), (*cloudwatchlogs.Client).DescribeLogGroups, cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(1)}),
	"s3":         probe(inHome((*AWSClient).S3), (*s3.Client).ListBuckets, s3.ListBucketsInput{MaxBuckets: aws.Int32(1)}),
	"sns":        probe(inHome((*AWSClient).SNS), (*sns.Client).ListTopics, sns.ListTopicsInput{}),
	"sts":        probe(inHome((*AWSClient).STS), (*sts.Client).GetCallerIdentity, sts.GetCallerIdentityInput{}),
}

// ProbeServiceNames lists the services ProbeService knows, sorted.
func ProbeServiceNames() []string {
	return slices.Sorted(maps.Keys(serviceProbes))
}

// ProbeService makes one cheap read-only call to service (a name from ProbeServiceNames) in the
// home region and returns its error, nil when the service answered normally.
func (c *AWSClient) ProbeService(ctx context.Context, service string) error {
	run, ok := serviceProbes[service]
	if !ok {
		return fmt.Errorf("no probe for service %q; known: %v", service, ProbeServiceNames())
	}
	return run(ctx, c)
}

// probe is a service's probe: the call made with input on the client that client returns.
// Each run passes its own copy of input, so concurrent probes share nothing.
func probe[C, In, Out, Opt any](client func(*AWSClient) C, call func(C, context.Context, *In, ...func(*Opt)) (Out, error), input In) func(context.Context, *AWSClient) error {
	return func(ctx context.Context, c *AWSClient) error {
		in := input
		_, err := call(client(c), ctx, &in)
		return err
	}
}

// inHome adapts a regional client accessor to the home region's client.
func inHome[C any](regional func(*AWSClient, string) C) func(*AWSClient) C {
	return func(c *AWSClient) C { return regional(c, "") }
}

// ServiceAnswered reports whether err (from ProbeService) came back as an HTTP response: the
// endpoint is up and refused the call, as an emulator does for a service it lacks. A transport
// failure (nothing listening, timeout) is not an answer.
func ServiceAnswered(err error) bool {
	var respErr *smithyhttp.ResponseError
	return err == nil || errors.As(err, &respErr)
}
