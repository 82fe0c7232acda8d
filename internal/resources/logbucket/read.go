package logbucket

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// settingReader reads one enforced setting into o; each writes only its own fields, so they run
// concurrently.
type settingReader func(ctx context.Context, c *s3.Client, bucket string, o *observed) error

var settingReaders = []settingReader{
	readVersioning, readPublicAccessBlock, readOwnership, readEncryption, readPolicy,
	readLifecycle, readLogging, readObjectLock, readTags,
}

// observe reads every setting in parallel: the Get calls are independent, and a refresh of a
// baseline with several buckets should not pay their latency one after another. It returns a
// framework.NotFoundError when the bucket does not exist.
func observe(ctx context.Context, c *s3.Client, bucket string) (*observed, error) {
	if err := findBucket(ctx, c, bucket); err != nil {
		return nil, err
	}
	o := &observed{}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, read := range settingReaders {
		wg.Go(func() {
			if err := read(ctx, c, bucket, o); err != nil && !framework.NotFound(err) {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	err := errors.Join(errs...)
	if bucketGone(err) {
		return nil, framework.NewNotFound("bucket "+bucket, err)
	}
	return o, err
}

func readVersioning(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	out, err := findVersioning(ctx, c, bucket)
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
}

func readPublicAccessBlock(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	pab, err := findPublicAccessBlock(ctx, c, bucket)
	if err != nil {
		return err
	}
	o.BlockPublicACLs = aws.ToBool(pab.BlockPublicAcls)
	o.BlockPublicPolicy = aws.ToBool(pab.BlockPublicPolicy)
	o.IgnorePublicACLs = aws.ToBool(pab.IgnorePublicAcls)
	o.RestrictPublicBuckets = aws.ToBool(pab.RestrictPublicBuckets)
	return nil
}

func readOwnership(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	ownership, err := findOwnership(ctx, c, bucket)
	o.ObjectOwnership = string(ownership)
	return err
}

func readEncryption(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	rule, err := findEncryption(ctx, c, bucket)
	if err != nil {
		return err
	}
	if d := rule.ApplyServerSideEncryptionByDefault; d != nil {
		o.SSEAlgorithm = string(d.SSEAlgorithm)
		o.SSEKMSKeyID = aws.ToString(d.KMSMasterKeyID)
	}
	o.BucketKey = aws.ToBool(rule.BucketKeyEnabled)
	return nil
}

func readPolicy(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	policy, err := findPolicy(ctx, c, bucket)
	o.Policy = policy
	return err
}

func readLifecycle(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	rules, err := findLifecycle(ctx, c, bucket)
	for _, r := range rules {
		o.Lifecycle = append(o.Lifecycle, ruleFromAWS(r))
	}
	return err
}

func readLogging(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	l, err := findLogging(ctx, c, bucket)
	if err != nil {
		return err
	}
	o.LoggingEnabled = true
	o.LoggingBucket = aws.ToString(l.TargetBucket)
	o.LoggingPrefix = aws.ToString(l.TargetPrefix)
	return nil
}

func readObjectLock(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	lock, err := findObjectLock(ctx, c, bucket)
	if err != nil {
		return err
	}
	o.LockEnabled = lock.ObjectLockEnabled == s3types.ObjectLockEnabledEnabled
	if lock.Rule != nil && lock.Rule.DefaultRetention != nil {
		d := lock.Rule.DefaultRetention
		o.LockMode = string(d.Mode)
		// Emulator gap (moto 5.2.1): it reports the unset one of Days and Years as 0 instead of
		// omitting it; AWS sends only the one that is set. Reading either way is the same on AWS.
		o.LockDays = int64(aws.ToInt32(d.Days))
		if years := int64(aws.ToInt32(d.Years)); o.LockDays == 0 && years > 0 {
			o.LockDays = years * 365
		}
	}
	return nil
}

func readTags(ctx context.Context, c *s3.Client, bucket string, o *observed) error {
	tags, err := findTags(ctx, c, bucket)
	o.Tags = tags
	return err
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

// setObserved records what S3 reported in the enforced attributes. A policy equivalent to the one
// already in state (or planned) keeps that text, so AWS's reformatting never shows as drift.
func setObserved(m *model, o *observed) diag.Diagnostics {
	var diags diag.Diagnostics
	m.VersioningStatus = types.StringValue(o.VersioningStatus)
	m.MFADelete = types.StringValue(o.MFADelete)
	m.BlockPublicACLs = types.BoolValue(o.BlockPublicACLs)
	m.BlockPublicPolicy = types.BoolValue(o.BlockPublicPolicy)
	m.IgnorePublicACLs = types.BoolValue(o.IgnorePublicACLs)
	m.RestrictPublicBuckets = types.BoolValue(o.RestrictPublicBuckets)
	m.ObjectOwnership = framework.StringOrNull(o.ObjectOwnership)
	m.SSEAlgorithm = framework.StringOrNull(o.SSEAlgorithm)
	m.SSEKMSKeyARN = framework.StringOrNull(o.SSEKMSKeyID)
	m.BucketKeyEnabled = types.BoolValue(o.BucketKey)
	m.Policy = observedPolicy(o.Policy, m.Policy)

	rules, d := lifecycleValue(o.Lifecycle)
	diags.Append(d...)
	m.LifecycleRules = rules

	if o.LoggingEnabled {
		m.LoggingTargetBucket, m.LoggingTargetPrefix = types.StringValue(o.LoggingBucket), types.StringValue(o.LoggingPrefix)
	} else {
		m.LoggingTargetBucket, m.LoggingTargetPrefix = types.StringNull(), types.StringNull()
	}

	m.ObjectLockEnabled = types.BoolValue(o.LockEnabled)
	m.ObjectLockMode = framework.StringOrNull(o.LockMode)
	m.ObjectLockDays = optionalInt(o.LockDays)

	m.TagsAll = framework.ReadTagsAll(o.Tags)
	return diags
}

// observedPolicy is the policy value state records: null without a policy, else what AWS holds,
// with the text already known (state or plan) kept when equivalent.
func observedPolicy(live string, known types.String) types.String {
	if live == "" {
		return types.StringNull()
	}
	if !framework.Known(known) {
		return types.StringValue(policydoc.Compact(live))
	}
	return types.StringValue(policydoc.Preferred(live, known.ValueString()))
}
