package logbucket

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// observed is the bucket's configuration as S3 reports it, one field per enforced setting.
type observed struct {
	VersioningStatus string
	MFADelete        string

	BlockPublicACLs, BlockPublicPolicy, IgnorePublicACLs, RestrictPublicBuckets bool

	ObjectOwnership string
	SSEAlgorithm    string
	SSEKMSKeyID     string
	BucketKey       bool
	Policy          string // "" when the bucket has none
	Lifecycle       []ruleValues
	LoggingBucket   string
	LoggingPrefix   string
	LoggingEnabled  bool
	LockEnabled     bool
	LockMode        string
	LockDays        int64
	Tags            map[string]string
}

// ruleValues is a lifecycle rule in plain Go; zero means the rule does not set that part.
type ruleValues struct {
	ID, Status, Prefix                                         string
	Expiration, NoncurrentExpiration, Transition, NoncurrentTr int64
	AbortMultipart                                             int64
}

var errBucketGone = errors.New("bucket not found")

// observe reads every setting in parallel: the ten Get calls are independent, and a refresh of
// a baseline with several buckets should not pay their latency one after another.
func observe(ctx context.Context, client *s3.Client, bucket string) (*observed, error) {
	if _, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		if isNotFound(err) {
			return nil, errBucketGone
		}
		return nil, fmt.Errorf("S3 HeadBucket %s: %w", bucket, err)
	}

	o := &observed{Tags: map[string]string{}}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	run := func(name string, f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("S3 %s %s: %w", name, bucket, err))
				mu.Unlock()
			}
		}()
	}
	b := aws.String(bucket)

	run("GetBucketVersioning", func() error {
		out, err := client.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
		if err != nil {
			return err
		}
		o.VersioningStatus = string(out.Status)
		if o.VersioningStatus == "" {
			o.VersioningStatus = "Disabled"
		}
		o.MFADelete = string(out.MFADelete)
		if o.MFADelete == "" {
			o.MFADelete = string(s3types.MFADeleteStatusDisabled)
		}
		return nil
	})
	run("GetPublicAccessBlock", func() error {
		out, err := client.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
		if hasCode(err, "NoSuchPublicAccessBlockConfiguration") {
			return nil
		}
		if err != nil {
			return err
		}
		if c := out.PublicAccessBlockConfiguration; c != nil {
			o.BlockPublicACLs = aws.ToBool(c.BlockPublicAcls)
			o.BlockPublicPolicy = aws.ToBool(c.BlockPublicPolicy)
			o.IgnorePublicACLs = aws.ToBool(c.IgnorePublicAcls)
			o.RestrictPublicBuckets = aws.ToBool(c.RestrictPublicBuckets)
		}
		return nil
	})
	run("GetBucketOwnershipControls", func() error {
		out, err := client.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
		if hasCode(err, "OwnershipControlsNotFoundError") {
			return nil
		}
		if err != nil {
			return err
		}
		if c := out.OwnershipControls; c != nil && len(c.Rules) > 0 {
			o.ObjectOwnership = string(c.Rules[0].ObjectOwnership)
		}
		return nil
	})
	run("GetBucketEncryption", func() error {
		out, err := client.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
		if hasCode(err, "ServerSideEncryptionConfigurationNotFoundError") {
			return nil
		}
		if err != nil {
			return err
		}
		if c := out.ServerSideEncryptionConfiguration; c != nil && len(c.Rules) > 0 {
			rule := c.Rules[0]
			if d := rule.ApplyServerSideEncryptionByDefault; d != nil {
				o.SSEAlgorithm = string(d.SSEAlgorithm)
				o.SSEKMSKeyID = aws.ToString(d.KMSMasterKeyID)
			}
			o.BucketKey = aws.ToBool(rule.BucketKeyEnabled)
		}
		return nil
	})
	run("GetBucketPolicy", func() error {
		out, err := client.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
		if hasCode(err, "NoSuchBucketPolicy") {
			return nil
		}
		if err != nil {
			return err
		}
		o.Policy = aws.ToString(out.Policy)
		return nil
	})
	run("GetBucketLifecycleConfiguration", func() error {
		out, err := client.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
		if hasCode(err, "NoSuchLifecycleConfiguration") {
			return nil
		}
		if err != nil {
			return err
		}
		for _, r := range out.Rules {
			o.Lifecycle = append(o.Lifecycle, ruleFromAWS(r))
		}
		return nil
	})
	run("GetBucketLogging", func() error {
		out, err := client.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: b})
		if err != nil {
			return err
		}
		if l := out.LoggingEnabled; l != nil {
			o.LoggingEnabled = true
			o.LoggingBucket = aws.ToString(l.TargetBucket)
			o.LoggingPrefix = aws.ToString(l.TargetPrefix)
		}
		return nil
	})
	run("GetObjectLockConfiguration", func() error {
		out, err := client.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b})
		if hasCode(err, "ObjectLockConfigurationNotFoundError") {
			return nil
		}
		if err != nil {
			return err
		}
		if c := out.ObjectLockConfiguration; c != nil {
			o.LockEnabled = c.ObjectLockEnabled == s3types.ObjectLockEnabledEnabled
			if c.Rule != nil && c.Rule.DefaultRetention != nil {
				d := c.Rule.DefaultRetention
				o.LockMode = string(d.Mode)
				// moto reports the unset one of Days and Years as 0 rather than omitting it.
				o.LockDays = int64(aws.ToInt32(d.Days))
				if years := int64(aws.ToInt32(d.Years)); o.LockDays == 0 && years > 0 {
					o.LockDays = years * 365
				}
			}
		}
		return nil
	})
	run("GetBucketTagging", func() error {
		out, err := client.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
		if hasCode(err, "NoSuchTagSet", "NoSuchTagSetError") {
			return nil
		}
		if err != nil {
			return err
		}
		tags := map[string]string{}
		for _, t := range out.TagSet {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		mu.Lock()
		o.Tags = tags
		mu.Unlock()
		return nil
	})
	wg.Wait()
	if len(errs) > 0 {
		if isNotFound(errs[0]) {
			return nil, errBucketGone
		}
		return nil, errors.Join(errs...)
	}
	return o, nil
}

func ruleFromAWS(r s3types.LifecycleRule) ruleValues {
	// A rule written out of band may still use the legacy top-level prefix.
	v := ruleValues{ID: aws.ToString(r.ID), Status: string(r.Status), Prefix: aws.ToString(r.Prefix)} //nolint:staticcheck // see above
	if f := r.Filter; f != nil {
		if f.Prefix != nil {
			v.Prefix = aws.ToString(f.Prefix)
		} else if f.And != nil {
			v.Prefix = aws.ToString(f.And.Prefix)
		}
	}
	if e := r.Expiration; e != nil {
		v.Expiration = int64(aws.ToInt32(e.Days))
	}
	if e := r.NoncurrentVersionExpiration; e != nil {
		v.NoncurrentExpiration = int64(aws.ToInt32(e.NoncurrentDays))
	}
	for _, t := range r.Transitions {
		if t.StorageClass == s3types.TransitionStorageClassGlacier {
			v.Transition = int64(aws.ToInt32(t.Days))
		}
	}
	for _, t := range r.NoncurrentVersionTransitions {
		if t.StorageClass == s3types.TransitionStorageClassGlacier {
			v.NoncurrentTr = int64(aws.ToInt32(t.NoncurrentDays))
		}
	}
	if a := r.AbortIncompleteMultipartUpload; a != nil {
		v.AbortMultipart = int64(aws.ToInt32(a.DaysAfterInitiation))
	}
	return v
}

func hasCode(err error, codes ...string) bool {
	var apiErr smithy.APIError
	if err == nil || !errors.As(err, &apiErr) {
		return false
	}
	for _, c := range codes {
		if apiErr.ErrorCode() == c {
			return true
		}
	}
	return false
}

func isNotFound(err error) bool {
	return hasCode(err, "NoSuchBucket", "NotFound")
}
