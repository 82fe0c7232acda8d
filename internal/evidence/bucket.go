package evidence

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// bucketRegion asks S3 where the bucket lives: S3 answers requests for a bucket only from its region.
func (c *collector) bucketRegion(ctx context.Context, bucket string) (string, error) {
	out, err := c.client.S3("").GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return "", fmt.Errorf("locating bucket %s with S3 GetBucketLocation: %w", bucket, err)
	}
	switch r := string(out.LocationConstraint); r {
	case "":
		return "us-east-1", nil
	case "EU":
		return "eu-west-1", nil
	default:
		return r, nil
	}
}

type bucketFacts struct {
	versioning *s3.GetBucketVersioningOutput
	pab        *s3types.PublicAccessBlockConfiguration
	sse        []s3types.ServerSideEncryptionRule
	ownership  []s3types.OwnershipControlsRule
	lifecycle  []s3types.LifecycleRule
	lock       *s3types.ObjectLockConfiguration
	policy     string
}

// readBucket reads every hardened setting; a setting that is not there (no policy, no lifecycle)
// is recorded as absent, which the controls judge; any other error stops the binder.
func readBucket(ctx context.Context, api *s3.Client, bucket string) (*bucketFacts, error) {
	b := aws.String(bucket)
	f := &bucketFacts{}
	var err error
	wrap := func(op string, err error) error {
		return fmt.Errorf("reading log bucket %s with S3 %s: %w", bucket, op, err)
	}
	if f.versioning, err = api.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b}); err != nil {
		return nil, wrap("GetBucketVersioning", err)
	}
	if out, err := api.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b}); err == nil {
		f.pab = out.PublicAccessBlockConfiguration
	} else if !framework.HasCode(err, "NoSuchPublicAccessBlockConfiguration") {
		return nil, wrap("GetPublicAccessBlock", err)
	}
	if out, err := api.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b}); err == nil && out.ServerSideEncryptionConfiguration != nil {
		f.sse = out.ServerSideEncryptionConfiguration.Rules
	} else if err != nil && !framework.HasCode(err, "ServerSideEncryptionConfigurationNotFoundError") {
		return nil, wrap("GetBucketEncryption", err)
	}
	if out, err := api.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b}); err == nil && out.OwnershipControls != nil {
		f.ownership = out.OwnershipControls.Rules
	} else if err != nil && !framework.HasCode(err, "OwnershipControlsNotFoundError") {
		return nil, wrap("GetBucketOwnershipControls", err)
	}
	if out, err := api.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b}); err == nil {
		f.lifecycle = out.Rules
	} else if !framework.HasCode(err, "NoSuchLifecycleConfiguration") {
		return nil, wrap("GetBucketLifecycleConfiguration", err)
	}
	if out, err := api.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: b}); err == nil {
		f.lock = out.ObjectLockConfiguration
	} else if !framework.HasCode(err, "ObjectLockConfigurationNotFoundError") {
		return nil, wrap("GetObjectLockConfiguration", err)
	}
	if out, err := api.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b}); err == nil {
		f.policy = aws.ToString(out.Policy)
	} else if !framework.HasCode(err, "NoSuchBucketPolicy") {
		return nil, wrap("GetBucketPolicy", err)
	}
	return f, nil
}

func (c *collector) logBucket(ctx context.Context, tr *trailFacts) error {
	region, err := c.bucketRegion(ctx, tr.bucket)
	if err != nil {
		return err
	}
	f, err := readBucket(ctx, c.client.S3(region), tr.bucket)
	if err != nil {
		return err
	}
	arn := fmt.Sprintf("arn:%s:s3:::%s", c.client.Partition, tr.bucket)
	c.baseline = append(c.baseline, arn)
	base := Control{Section: SectionLogBucket, Resource: arn, Region: region}

	ctrl := c.add(with(base, "log_bucket.versioning", "Versioning", []string{"CC7.2", "CC8.1"}, nil, []string{"S3.14"}))
	ctrl.set("Status", string(f.versioning.Status))
	ctrl.set("MFADelete", string(f.versioning.MFADelete))
	var fails []string
	if f.versioning.Status != s3types.BucketVersioningStatusEnabled {
		fails = append(fails, fmt.Sprintf("versioning is %s, not Enabled: an overwritten or deleted log file cannot be recovered", orNone(string(f.versioning.Status))))
	}
	ctrl.judge(fails, "every log file version is kept")

	c.publicAccessControl(base, f)
	c.encryptionBucketControl(base, f)
	c.ownershipControl(base, f)
	c.retentionControl(base, f)
	c.policyControl(base, f, tr)
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

func (c *collector) publicAccessControl(base Control, f *bucketFacts) {
	ctrl := c.add(with(base, "log_bucket.public_access_block", "Public access blocked", []string{"CC6.1", "CC6.6"}, []string{"2.1.5", "3.3"}, []string{"S3.8", "CloudTrail.6"}))
	if f.pab == nil {
		ctrl.set("PublicAccessBlock", "(not set)")
		ctrl.judge([]string{"the bucket has no public access block: a policy or ACL could make the logs public"}, "")
		return
	}
	var fails []string
	for _, s := range []struct {
		name string
		v    *bool
	}{
		{"BlockPublicAcls", f.pab.BlockPublicAcls}, {"IgnorePublicAcls", f.pab.IgnorePublicAcls},
		{"BlockPublicPolicy", f.pab.BlockPublicPolicy}, {"RestrictPublicBuckets", f.pab.RestrictPublicBuckets},
	} {
		ctrl.set(s.name, s.v)
		if !aws.ToBool(s.v) {
			fails = append(fails, s.name+" is off")
		}
	}
	ctrl.judge(fails, "all four public access block settings are on")
}

func (c *collector) encryptionBucketControl(base Control, f *bucketFacts) {
	ctrl := c.add(with(base, "log_bucket.encryption", "Default encryption", []string{"CC6.1"}, []string{"2.1.1"}, nil))
	var fails []string
	if len(f.sse) == 0 || f.sse[0].ApplyServerSideEncryptionByDefault == nil {
		fails = append(fails, "the bucket has no default encryption")
	}
	for _, r := range f.sse {
		if d := r.ApplyServerSideEncryptionByDefault; d != nil {
			ctrl.set("SSEAlgorithm", string(d.SSEAlgorithm))
			ctrl.set("KMSMasterKeyID", d.KMSMasterKeyID)
		}
		ctrl.set("BucketKeyEnabled", r.BucketKeyEnabled)
	}
	ctrl.judge(fails, "new objects are encrypted at rest by default")
}

func (c *collector) ownershipControl(base Control, f *bucketFacts) {
	ctrl := c.add(with(base, "log_bucket.object_ownership", "ACLs disabled (bucket owner enforced)", []string{"CC6.1"}, nil, []string{"S3.12"}))
	enforced := false
	for _, r := range f.ownership {
		ctrl.set("ObjectOwnership", string(r.ObjectOwnership))
		enforced = enforced || r.ObjectOwnership == s3types.ObjectOwnershipBucketOwnerEnforced
	}
	var fails []string
	if !enforced {
		fails = append(fails, "object ownership is not BucketOwnerEnforced: ACLs still grant access beside the policy")
	}
	ctrl.judge(fails, "ACLs are disabled; only the bucket policy grants access")
}

func (c *collector) retentionControl(base Control, f *bucketFacts) {
	ctrl := c.add(with(base, "log_bucket.retention", "Retention (lifecycle, object lock)", []string{"CC7.2"}, nil, []string{"S3.13"}))
	enabled := 0
	for _, r := range f.lifecycle {
		desc := string(r.Status)
		if r.Expiration != nil && r.Expiration.Days != nil {
			desc += fmt.Sprintf(", expire after %d days", *r.Expiration.Days)
		}
		if r.NoncurrentVersionExpiration != nil && r.NoncurrentVersionExpiration.NoncurrentDays != nil {
			desc += fmt.Sprintf(", noncurrent versions after %d days", *r.NoncurrentVersionExpiration.NoncurrentDays)
		}
		ctrl.set("LifecycleRule "+aws.ToString(r.ID), desc)
		if r.Status == s3types.ExpirationStatusEnabled {
			enabled++
		}
	}
	if f.lock != nil {
		ctrl.set("ObjectLockEnabled", string(f.lock.ObjectLockEnabled))
		if f.lock.Rule != nil && f.lock.Rule.DefaultRetention != nil {
			d := f.lock.Rule.DefaultRetention
			ctrl.set("ObjectLockDefaultRetention", fmt.Sprintf("%s %d days %d years", d.Mode, aws.ToInt32(d.Days), aws.ToInt32(d.Years)))
		}
	} else {
		ctrl.set("ObjectLockEnabled", "(not set)")
	}
	var fails []string
	if enabled == 0 {
		fails = append(fails, "no enabled lifecycle rule: retention of the logs is not defined")
	}
	ctrl.judge(fails, "the logs are kept for a defined retention period")
}

func (c *collector) policyControl(base Control, f *bucketFacts, tr *trailFacts) {
	ctrl := c.add(with(base, "log_bucket.policy", "Bucket policy: TLS only, CloudTrail may deliver", []string{"CC6.1", "CC6.6"}, []string{"2.1.2"}, []string{"S3.5"}))
	ctrl.Policy = prettyPolicy(f.policy)
	if f.policy == "" {
		ctrl.set("Policy", "(not set)")
		ctrl.judge([]string{"the bucket has no policy: plain-HTTP requests are not denied and CloudTrail's delivery is not scoped"}, "")
		return
	}
	bucketARN := "arn:" + c.client.Partition + ":s3:::" + tr.bucket
	object := bucketARN + "/" + strings.Trim(tr.keyPrefix+"/AWSLogs/"+c.client.AccountID+"/CloudTrail/x.json.gz", "/")
	root := "arn:" + c.client.Partition + ":iam::" + c.client.AccountID + ":root"
	insecure := policydoc.Evaluate(f.policy, policydoc.Request{Principal: root, Action: "s3:GetObject", Resource: object,
		Context: map[string][]string{"aws:SecureTransport": {"false"}}})
	deliver := policydoc.Evaluate(f.policy, policydoc.Request{Service: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: object,
		Context: map[string][]string{"s3:x-amz-acl": {"bucket-owner-full-control"}, "aws:SourceArn": {tr.arn}, "aws:SourceAccount": {c.client.AccountID}}})
	ctrl.set("Plain-HTTP GetObject by the account", insecure.String())
	ctrl.set("CloudTrail PutObject of the trail's logs", deliver.String())
	var fails []string
	if insecure != policydoc.ExplicitDeny {
		fails = append(fails, "the policy does not deny requests without TLS (aws:SecureTransport=false)")
	}
	if deliver != policydoc.Allowed {
		fails = append(fails, "the policy does not let CloudTrail deliver the trail's log files ("+deliver.String()+")")
	}
	ctrl.judge(fails, "requests without TLS are denied and CloudTrail may deliver the trail's logs")
}

func prettyPolicy(p string) string {
	if p == "" {
		return ""
	}
	return indentJSON(p)
}
