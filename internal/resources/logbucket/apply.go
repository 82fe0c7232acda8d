package logbucket

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Each function below restores one enforced setting with the single call it needs, so an apply
// after drift touches only what drifted.

func putVersioning(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled},
	})
	return wrap("PutBucketVersioning", bucket, err)
}

func putPublicAccessBlock(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(bucket),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true),
			IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true),
		},
	})
	return wrap("PutPublicAccessBlock", bucket, err)
}

func putOwnership(ctx context.Context, c *s3.Client, bucket string) error {
	_, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{
		Bucket: aws.String(bucket),
		OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{{
			ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced,
		}}},
	})
	return wrap("PutBucketOwnershipControls", bucket, err)
}

func putEncryption(ctx context.Context, c *s3.Client, bucket, kmsKey string) error {
	rule := s3types.ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
		SSEAlgorithm: s3types.ServerSideEncryptionAes256,
	}}
	if kmsKey != "" {
		rule.ApplyServerSideEncryptionByDefault = &s3types.ServerSideEncryptionByDefault{
			SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(kmsKey),
		}
		rule.BucketKeyEnabled = aws.Bool(true)
	}
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
		Bucket:                            aws.String(bucket),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{rule}},
	})
	return wrap("PutBucketEncryption", bucket, err)
}

func putPolicy(ctx context.Context, c *s3.Client, bucket, policy string) error {
	_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(policy)})
	return wrap("PutBucketPolicy", bucket, err)
}

func putLifecycle(ctx context.Context, c *s3.Client, bucket string, rules []ruleValues) error {
	in := &s3.PutBucketLifecycleConfigurationInput{
		Bucket:                 aws.String(bucket),
		LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{},
	}
	for _, r := range rules {
		in.LifecycleConfiguration.Rules = append(in.LifecycleConfiguration.Rules, r.toAWS())
	}
	_, err := c.PutBucketLifecycleConfiguration(ctx, in)
	return wrap("PutBucketLifecycleConfiguration", bucket, err)
}

// putLogging turns server access logging on towards target, or off when target is "".
func putLogging(ctx context.Context, c *s3.Client, bucket, target, prefix string) error {
	status := &s3types.BucketLoggingStatus{}
	if target != "" {
		status.LoggingEnabled = &s3types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix)}
	}
	_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket), BucketLoggingStatus: status})
	return wrap("PutBucketLogging", bucket, err)
}

func putObjectLock(ctx context.Context, c *s3.Client, bucket, mode string, days int64) error {
	_, err := c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{
		Bucket: aws.String(bucket),
		ObjectLockConfiguration: &s3types.ObjectLockConfiguration{
			ObjectLockEnabled: s3types.ObjectLockEnabledEnabled,
			Rule: &s3types.ObjectLockRule{DefaultRetention: &s3types.DefaultRetention{
				Mode: s3types.ObjectLockRetentionMode(mode), Days: aws.Int32(int32(days)),
			}},
		},
	})
	return wrap("PutObjectLockConfiguration", bucket, err)
}

func putTags(ctx context.Context, c *s3.Client, bucket string, tags map[string]string) error {
	if len(tags) == 0 {
		_, err := c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: aws.String(bucket)})
		return wrap("DeleteBucketTagging", bucket, err)
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	set := make([]s3types.Tag, 0, len(keys))
	for _, k := range keys {
		set = append(set, s3types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	_, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(bucket), Tagging: &s3types.Tagging{TagSet: set}})
	return wrap("PutBucketTagging", bucket, err)
}

func wrap(op, bucket string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("S3 %s on bucket %s: %w", op, bucket, err)
}

// change is one enforced setting whose planned value differs from state, and the call that
// restores it.
type change struct {
	name  string
	apply func(context.Context, *s3.Client, string) error
}

func applyChanges(ctx context.Context, c *s3.Client, bucket string, changes []change) error {
	for _, ch := range changes {
		tflog.Info(ctx, "restoring log bucket setting", map[string]any{"bucket": bucket, "setting": ch.name})
		if err := ch.apply(ctx, c, bucket); err != nil {
			return err
		}
	}
	return nil
}
