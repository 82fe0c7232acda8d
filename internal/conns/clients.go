package conns

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cloudwatchschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// Each accessor takes a region; "" means the provider's home region. Clients are built once per
// (service, region) and shared, because SDK clients are safe for concurrent use and building one
// resolves endpoints and credentials again.

func (c *AWSClient) S3(region string) *s3.Client {
	return cachedClient(c, "s3", region, s3.NewFromConfig, func(o *s3.Options) {
		// Emulators serve every bucket from one host; virtual-hosted addressing would need DNS.
		o.UsePathStyle = c.endpointURL != ""
	})
}

func (c *AWSClient) CloudTrail(region string) *cloudtrail.Client {
	return cachedClient(c, "cloudtrail", region, cloudtrail.NewFromConfig)
}

func (c *AWSClient) CloudWatch(region string) *cloudwatch.Client {
	return cachedClient(c, "cloudwatch", region, cloudwatch.NewFromConfig, func(o *cloudwatch.Options) {
		// The SDK default is RPC-v2 CBOR, which moto does not speak; AWS still accepts the
		// Query protocol, so one wire format serves real accounts and emulators alike.
		o.Protocol = awsquery.New(cloudwatchschemas.GraniteServiceVersion20100801)
	})
}

func (c *AWSClient) CloudWatchLogs(region string) *cloudwatchlogs.Client {
	return cachedClient(c, "logs", region, cloudwatchlogs.NewFromConfig)
}

func (c *AWSClient) ConfigService(region string) *configservice.Client {
	return cachedClient(c, "config", region, configservice.NewFromConfig)
}

// IAM is global; the region only selects the signing region for partitions with one IAM endpoint.
func (c *AWSClient) IAM() *iam.Client {
	return cachedClient(c, "iam", "", iam.NewFromConfig)
}

func (c *AWSClient) KMS(region string) *kms.Client {
	return cachedClient(c, "kms", region, kms.NewFromConfig)
}

func (c *AWSClient) SNS(region string) *sns.Client {
	return cachedClient(c, "sns", region, sns.NewFromConfig)
}

func (c *AWSClient) STS(region string) *sts.Client {
	return cachedClient(c, "sts", region, sts.NewFromConfig)
}

func (c *AWSClient) EC2(region string) *ec2.Client {
	return cachedClient(c, "ec2", region, ec2.NewFromConfig)
}

// cachedClient returns the client of service in region, building it with newClient (a service's
// NewFromConfig) and optFns on first use.
func cachedClient[T, O any](c *AWSClient, service, region string, newClient func(aws.Config, ...func(*O)) T, optFns ...func(*O)) T {
	if region == "" {
		region = c.HomeRegion
	}
	key := clientKey{service: service, region: region}

	c.mu.Lock()
	defer c.mu.Unlock()
	if existing, ok := c.clients[key]; ok {
		return existing.(T)
	}
	cfg := c.awsConfig.Copy()
	cfg.Region = region
	client := newClient(cfg, optFns...)
	c.clients[key] = client
	return client
}
