package logbucket

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// Finders: one per AWS object the bucket consists of. Each returns a framework.NotFoundError
// when the object does not exist (a bucket without a policy, say); any other error is wrapped
// with the call and the bucket. S3 has no modelled error types for most of these, hence codes.

// bucketGoneCodes are what S3 answers for a bucket that does not exist (HeadBucket has no
// body, so only the HTTP status survives as "NotFound").
var bucketGoneCodes = []string{"NoSuchBucket", "NotFound"}

// bucketGone reports whether err says the bucket itself no longer exists.
func bucketGone(err error) bool { return framework.HasCode(err, bucketGoneCodes...) }

// s3Err wraps a failed call, turning the "no such configuration" codes into a NotFoundError.
func s3Err(op, bucket, what string, err error, absentCodes ...string) error {
	if err == nil {
		return nil
	}
	if framework.HasCode(err, absentCodes...) {
		return framework.NewNotFound(fmt.Sprintf("%s of bucket %s", what, bucket), err)
	}
	return wrap(op, bucket, err)
}

func wrap(op, bucket string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("S3 %s on bucket %s: %w", op, bucket, err)
}

// configured is a configuration S3 returned, or a NotFoundError for the bucket's what when S3
// answered without one.
func configured[T any](v *T, what, bucket string) (*T, error) {
	if v == nil {
		return nil, framework.NewNotFound(what+" of bucket "+bucket, nil)
	}
	return v, nil
}

func findBucket(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	if bucketGone(err) {
		return framework.NewNotFound("bucket "+bucket, err)
	}
	return wrap("HeadBucket", bucket, err)
}

func findVersioning(ctx context.Context, c *s3.Client, bucket string) (*s3.GetBucketVersioningOutput, error) {
	out, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)})
	return out, wrap("GetBucketVersioning", bucket, err)
}

func findPublicAccessBlock(ctx context.Context, c *s3.Client, bucket string) (*s3types.PublicAccessBlockConfiguration, error) {
	out, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetPublicAccessBlock", bucket, "public access block", err, "NoSuchPublicAccessBlockConfiguration"); err != nil {
		return nil, err
	}
	return configured(out.PublicAccessBlockConfiguration, "public access block", bucket)
}

func findOwnership(ctx context.Context, c *s3.Client, bucket string) (s3types.ObjectOwnership, error) {
	out, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetBucketOwnershipControls", bucket, "ownership controls", err, "OwnershipControlsNotFoundError"); err != nil {
		return "", err
	}
	if out.OwnershipControls == nil || len(out.OwnershipControls.Rules) == 0 {
		return "", framework.NewNotFound("ownership controls of bucket "+bucket, nil)
	}
	return out.OwnershipControls.Rules[0].ObjectOwnership, nil
}

func findEncryption(ctx context.Context, c *s3.Client, bucket string) (*s3types.ServerSideEncryptionRule, error) {
	out, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetBucketEncryption", bucket, "default encryption", err, "ServerSideEncryptionConfigurationNotFoundError"); err != nil {
		return nil, err
	}
	if c := out.ServerSideEncryptionConfiguration; c == nil || len(c.Rules) == 0 {
		return nil, framework.NewNotFound("default encryption of bucket "+bucket, nil)
	}
	return &out.ServerSideEncryptionConfiguration.Rules[0], nil
}

func findPolicy(ctx context.Context, c *s3.Client, bucket string) (string, error) {
	out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetBucketPolicy", bucket, "bucket policy", err, "NoSuchBucketPolicy"); err != nil {
		return "", err
	}
	return aws.ToString(out.Policy), nil
}

func findLifecycle(ctx context.Context, c *s3.Client, bucket string) ([]s3types.LifecycleRule, error) {
	out, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetBucketLifecycleConfiguration", bucket, "lifecycle configuration", err, "NoSuchLifecycleConfiguration"); err != nil {
		return nil, err
	}
	return out.Rules, nil
}

// findLogging returns the server access logging target; NotFound when logging is off.
func findLogging(ctx context.Context, c *s3.Client, bucket string) (*s3types.LoggingEnabled, error) {
	out, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		return nil, wrap("GetBucketLogging", bucket, err)
	}
	return configured(out.LoggingEnabled, "server access logging", bucket)
}

func findObjectLock(ctx context.Context, c *s3.Client, bucket string) (*s3types.ObjectLockConfiguration, error) {
	out, err := c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetObjectLockConfiguration", bucket, "object lock configuration", err, "ObjectLockConfigurationNotFoundError"); err != nil {
		return nil, err
	}
	return configured(out.ObjectLockConfiguration, "object lock configuration", bucket)
}

func findTags(ctx context.Context, c *s3.Client, bucket string) (map[string]string, error) {
	out, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)})
	if err = s3Err("GetBucketTagging", bucket, "tag set", err, "NoSuchTagSet", "NoSuchTagSetError"); err != nil {
		return nil, err
	}
	tags := make(map[string]string, len(out.TagSet))
	for _, t := range out.TagSet {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

// findKeyPolicy reads the key policy ("default" is the only policy name KMS supports).
func findKeyPolicy(ctx context.Context, c *kms.Client, keyARN string) (string, error) {
	out, err := c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if framework.HasCode(err, "NotFoundException") {
		return "", framework.NewNotFound("KMS key "+keyARN, err)
	}
	if err != nil {
		return "", fmt.Errorf("KMS GetKeyPolicy %s: %w", keyARN, err)
	}
	return aws.ToString(out.Policy), nil
}
