// Package conns builds the AWS SDK configuration once per provider instance and hands out
// cached, per-region service clients to every resource.
package conns

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
)

// Config is everything the provider block can say about how to reach AWS.
type Config struct {
	Region                 string
	Profile                string
	SharedConfigFiles      []string
	SharedCredentialsFiles []string
	// EndpointURL sends every service to one endpoint (an emulator such as moto or LocalStack).
	EndpointURL string
	AssumeRole  *AssumeRole
	MaxRetries  int
	// MaxBackoff caps the wait between retries; zero means 20 s. Tests shorten it.
	MaxBackoff  time.Duration
	DefaultTags map[string]string
	// ProviderVersion goes into the User-Agent so AWS-side logs show which tool made a call.
	ProviderVersion string
	// HTTPClient lets tests route calls through a proxy; nil means the SDK default.
	HTTPClient *http.Client
	// RecordCalls is set by the provider for its own clients: their calls, and no test helper's
	// out-of-band changes, go to the file SOC2_AWS_CALL_LOG names (see CallLogEnv).
	RecordCalls bool
	// SkipRegionValidation accepts a home region missing from the known regions of its partition.
	SkipRegionValidation bool
}

// AssumeRole describes the role the provider switches to after loading base credentials.
type AssumeRole struct {
	RoleARN     string
	ExternalID  string
	SessionName string
	Duration    time.Duration
}

// AWSClient is the provider's handle on one AWS account: identity, home region and a client cache.
type AWSClient struct {
	awsConfig   aws.Config
	endpointURL string

	AccountID   string
	Partition   string
	CallerARN   string
	HomeRegion  string
	DefaultTags map[string]string

	mu      sync.Mutex
	clients map[clientKey]any
}

type clientKey struct {
	service string
	region  string
}

// DefaultMaxRetries keeps a baseline apply alive through the bursts of throttling that AWS
// applies to control-plane APIs (CloudTrail, Config and IAM throttle at low rates).
const DefaultMaxRetries = 10

// New loads the SDK configuration and resolves the caller's identity with one STS call; it makes
// no other call, so an account guard can act on the identity before anything is touched.
func New(ctx context.Context, c Config) (*AWSClient, error) {
	awsConfig, err := loadAWSConfig(ctx, c)
	if err != nil {
		return nil, err
	}
	if awsConfig.Region == "" {
		return nil, errors.New("no AWS region: set region in the provider block, or AWS_REGION, or a region in the shared config profile")
	}
	if err := checkRegion(c, awsConfig.Region); err != nil {
		return nil, err
	}
	// Resolved before the STS call so that missing credentials are reported as such, with the ways
	// to provide them, rather than as the last failure of the SDK's chain (an IMDS timeout).
	if awsConfig.Credentials != nil {
		if _, err := awsConfig.Credentials.Retrieve(ctx); err != nil {
			return nil, credentialsError(c, err)
		}
	}

	client := &AWSClient{
		awsConfig:   awsConfig,
		endpointURL: c.EndpointURL,
		HomeRegion:  awsConfig.Region,
		DefaultTags: c.DefaultTags,
		clients:     map[clientKey]any{},
	}

	out, err := client.STS("").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, fmt.Errorf("resolving the caller identity with STS GetCallerIdentity: %w", err)
	}
	client.AccountID = aws.ToString(out.Account)
	client.CallerARN = aws.ToString(out.Arn)
	client.Partition = "aws"
	if parsed, err := arn.Parse(client.CallerARN); err == nil {
		client.Partition = parsed.Partition
	}
	return client, nil
}

func loadAWSConfig(ctx context.Context, c Config) (aws.Config, error) {
	maxRetries := c.MaxRetries
	if maxRetries < 0 {
		maxRetries = DefaultMaxRetries
	}
	maxBackoff := c.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = 20 * time.Second
	}
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = maxRetries + 1
				o.MaxBackoff = maxBackoff
				// The client-side retry quota would abandon retries during exactly the throttling
				// bursts a multi-region apply provokes; max_retries is the bound users set.
				o.RateLimiter = ratelimit.None
			})
		}),
		config.WithAPIOptions([]func(*middleware.Stack) error{
			awsmiddleware.AddUserAgentKeyValue("terraform-provider-soc2", userAgentVersion(c.ProviderVersion)),
			logCalls,
		}),
	}
	if path := os.Getenv(CallLogEnv); c.RecordCalls && path != "" {
		opts = append(opts, config.WithAPIOptions([]func(*middleware.Stack) error{recordCalls(path)}))
	}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	if c.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.Profile))
	}
	if len(c.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(c.SharedConfigFiles))
	}
	if len(c.SharedCredentialsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(c.SharedCredentialsFiles))
	}
	if c.EndpointURL != "" {
		opts = append(opts, config.WithBaseEndpoint(c.EndpointURL))
	}

	awsConfig, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	// Set after loading: the loader would try to add AWS_CA_BUNDLE to the client's transport,
	// which it can only do for the SDK's own client type, and a caller's client owns its TLS.
	if c.HTTPClient != nil {
		awsConfig.HTTPClient = c.HTTPClient
	}

	if ar := c.AssumeRole; ar != nil && ar.RoleARN != "" {
		stsClient := sts.NewFromConfig(awsConfig)
		provider := stscreds.NewAssumeRoleProvider(stsClient, ar.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			if ar.ExternalID != "" {
				o.ExternalID = aws.String(ar.ExternalID)
			}
			o.RoleSessionName = ar.SessionName
			if o.RoleSessionName == "" {
				o.RoleSessionName = "terraform-provider-soc2"
			}
			if ar.Duration > 0 {
				o.Duration = ar.Duration
			}
		})
		awsConfig.Credentials = aws.NewCredentialsCache(provider)
	}
	return awsConfig, nil
}

func userAgentVersion(v string) string {
	if v == "" {
		return "dev"
	}
	return v
}

// CheckAccount refuses an account that the allow list omits or the deny list names. The error
// names the caller's account and the list, so the operator sees at once which credentials are wrong.
func (c *AWSClient) CheckAccount(allowed, forbidden []string) error {
	if len(allowed) > 0 && !slices.Contains(allowed, c.AccountID) {
		return fmt.Errorf("the credentials belong to AWS account %s (%s), which is not in allowed_account_ids [%s]; nothing was changed. Use credentials for an allowed account or correct allowed_account_ids",
			c.AccountID, c.CallerARN, strings.Join(allowed, ", "))
	}
	if slices.Contains(forbidden, c.AccountID) {
		return fmt.Errorf("the credentials belong to AWS account %s (%s), which is listed in forbidden_account_ids [%s]; nothing was changed. Use credentials for another account",
			c.AccountID, c.CallerARN, strings.Join(forbidden, ", "))
	}
	return nil
}

// UsesCustomEndpoint reports whether calls go to an emulator rather than AWS.
func (c *AWSClient) UsesCustomEndpoint() bool { return c.endpointURL != "" }

// Tags merges the provider's default_tags under the resource's own tags (resource wins).
func (c *AWSClient) Tags(resourceTags map[string]string) map[string]string {
	merged := make(map[string]string, len(c.DefaultTags)+len(resourceTags))
	for k, v := range c.DefaultTags {
		merged[k] = v
	}
	for k, v := range resourceTags {
		merged[k] = v
	}
	return merged
}

// OwnTags is the inverse of Tags for reading: the tags AWS holds minus those default_tags
// supplies, unless the resource's configuration sets that key itself. Default tags live in the
// provider block, so they must not show up as the resource's own (and as drift) after import.
func (c *AWSClient) OwnTags(actual, configured map[string]string) map[string]string {
	own := make(map[string]string, len(actual))
	for k, v := range actual {
		if dv, isDefault := c.DefaultTags[k]; isDefault && dv == v {
			if _, set := configured[k]; !set {
				continue
			}
		}
		own[k] = v
	}
	return own
}
