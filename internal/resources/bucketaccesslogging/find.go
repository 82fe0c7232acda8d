package bucketaccesslogging

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

func noSuchBucket(err error) bool { return framework.HasCode(err, "NoSuchBucket") }

func bucketNotFound(err error, bucket string) error {
	return framework.AsNotFound(err, "bucket "+bucket, noSuchBucket)
}

// findLogging reads a bucket's server access logging.
func findLogging(ctx context.Context, c *s3.Client, bucket string) (logging, error) {
	out, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		return logging{}, fmt.Errorf("(S3 GetBucketLogging) bucket %s: %w", bucket, bucketNotFound(err, bucket))
	}
	le := out.LoggingEnabled
	if le == nil {
		return logging{}, nil
	}
	l := logging{Enabled: true, Bucket: aws.ToString(le.TargetBucket), Prefix: aws.ToString(le.TargetPrefix)}
	if f := le.TargetObjectKeyFormat; f != nil && f.PartitionedPrefix != nil {
		l.Partitioned = f.PartitionedPrefix.PartitionDateSource == partitionDateSource
	}
	return l, nil
}

// findRegion returns the region of a bucket this account owns. ExpectedBucketOwner makes S3
// refuse a bucket of another account (AccessDenied), which S3 logging could not use either.
func findRegion(ctx context.Context, c *s3.Client, account, bucket string) (string, error) {
	in := &s3.GetBucketLocationInput{Bucket: aws.String(bucket)}
	if account != "" {
		in.ExpectedBucketOwner = aws.String(account)
	}
	out, err := c.GetBucketLocation(ctx, in)
	if err != nil {
		return "", fmt.Errorf("(S3 GetBucketLocation) bucket %s: %w", bucket, bucketNotFound(err, bucket))
	}
	// S3 reports us-east-1 as an empty constraint and eu-west-1 by its legacy name EU.
	switch out.LocationConstraint {
	case "":
		return "us-east-1", nil
	case s3types.BucketLocationConstraintEu:
		return "eu-west-1", nil
	}
	return string(out.LocationConstraint), nil
}

// findTags reads a bucket's tags; a bucket without tags has an empty set.
func findTags(ctx context.Context, c *s3.Client, bucket string) (map[string]string, error) {
	out, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)})
	if framework.HasCode(err, "NoSuchTagSet", "NoSuchTagSetError") {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("(S3 GetBucketTagging) bucket %s: %w", bucket, bucketNotFound(err, bucket))
	}
	tags := make(map[string]string, len(out.TagSet))
	for _, t := range out.TagSet {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

// bucketEntry is one bucket of ListBuckets; Region is empty when S3 did not report it.
type bucketEntry struct {
	Name   string
	Region string
}

// listBuckets lists every general purpose bucket of the account.
func listBuckets(ctx context.Context, c *s3.Client) ([]bucketEntry, error) {
	var out []bucketEntry
	p := s3.NewListBucketsPaginator(c, &s3.ListBucketsInput{})
	err := framework.EachPage(ctx, p.HasMorePages, p.NextPage, func(page *s3.ListBucketsOutput) bool {
		for _, b := range page.Buckets {
			out = append(out, bucketEntry{Name: aws.ToString(b.Name), Region: aws.ToString(b.BucketRegion)})
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("(S3 ListBuckets): %w", err)
	}
	return out, nil
}

// findDefaultRetention returns the target's Object Lock default retention, nil when it has none.
func findDefaultRetention(ctx context.Context, c *s3.Client, bucket string) (*s3types.DefaultRetention, error) {
	out, err := c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(bucket)})
	if framework.HasCode(err, "ObjectLockConfigurationNotFoundError") {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("(S3 GetObjectLockConfiguration) bucket %s: %w", bucket, bucketNotFound(err, bucket))
	}
	if cfg := out.ObjectLockConfiguration; cfg != nil && cfg.Rule != nil {
		return cfg.Rule.DefaultRetention, nil
	}
	return nil, nil
}

// findPolicy reads a bucket policy; a bucket without one is a NotFoundError.
func findPolicy(ctx context.Context, c *s3.Client, bucket string) (string, error) {
	out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if err != nil {
		err = framework.AsNotFound(err, "bucket policy of "+bucket, func(err error) bool {
			return framework.HasCode(err, "NoSuchBucketPolicy", "NoSuchBucket")
		})
		return "", fmt.Errorf("(S3 GetBucketPolicy) bucket %s: %w", bucket, err)
	}
	return aws.ToString(out.Policy), nil
}

// logDeliveryGroup is the grantee of the legacy ACL-based log delivery.
const logDeliveryGroup = "http://acs.amazonaws.com/groups/s3/LogDelivery"

// findLogDeliveryGrant reports whether the bucket ACL lets the Log Delivery group write, the
// legacy alternative to a bucket policy (only possible while ACLs are enabled).
func findLogDeliveryGrant(ctx context.Context, c *s3.Client, bucket string) (bool, error) {
	out, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(bucket)})
	if err != nil {
		return false, fmt.Errorf("(S3 GetBucketAcl) bucket %s: %w", bucket, bucketNotFound(err, bucket))
	}
	for _, g := range out.Grants {
		if g.Grantee != nil && aws.ToString(g.Grantee.URI) == logDeliveryGroup &&
			(g.Permission == s3types.PermissionWrite || g.Permission == s3types.PermissionFullControl) {
			return true, nil
		}
	}
	return false, nil
}

// findDefaultEncryption returns the target's default encryption algorithm, "" when it has none.
func findDefaultEncryption(ctx context.Context, c *s3.Client, bucket string) (s3types.ServerSideEncryption, error) {
	out, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)})
	if framework.HasCode(err, "ServerSideEncryptionConfigurationNotFoundError") {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("(S3 GetBucketEncryption) bucket %s: %w", bucket, bucketNotFound(err, bucket))
	}
	if cfg := out.ServerSideEncryptionConfiguration; cfg != nil {
		for _, r := range cfg.Rules {
			if d := r.ApplyServerSideEncryptionByDefault; d != nil {
				return d.SSEAlgorithm, nil
			}
		}
	}
	return "", nil
}
