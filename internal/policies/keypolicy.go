package policies

import (
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// KeyUser says which of the provider's resources uses a customer managed KMS key.
type KeyUser int

const (
	// KeyForTrail: the trail encrypts its log files with the key (SSE-KMS with the trail's key).
	KeyForTrail KeyUser = iota + 1
	// KeyForBucket: the log bucket's default encryption (SSE-KMS with an S3 Bucket Key), used
	// by the writers that deliver into it.
	KeyForBucket
	// KeyForAlarmTopic: the alarm topic is encrypted, and CloudWatch alarms publish to it.
	KeyForAlarmTopic
)

// KeyUse is what a key is used for and the resources that identify the requests AWS makes.
type KeyUse struct {
	User      KeyUser
	KeyARN    string
	AccountID string
	// TrailARN is the trail (KeyForTrail); BucketKey says its bucket uses an S3 Bucket Key.
	TrailARN  string
	BucketKey bool
	// BucketARN and Writers (keys of Writers) for KeyForBucket.
	BucketARN string
	Writers   []string
	// TopicARN for KeyForAlarmTopic.
	TopicARN string
}

// keyRequirement is one request AWS makes with the key and the gap to report when the key
// policy does not allow it.
type keyRequirement struct {
	gap string
	req policydoc.Request
}

// KeyPolicyGaps lists, in plain words, what the key policy lacks for the use: each requirement
// is the request the service documents making (its principal, action and context keys),
// evaluated against the key policy. Nil when nothing is missing.
func KeyPolicyGaps(keyPolicy string, use KeyUse) []string {
	var gaps []string
	if len(policydoc.Statements(keyPolicy)) == 0 {
		return []string{fmt.Sprintf("key %s: the key policy is empty or not a policy document", use.KeyARN)}
	}
	reqs, fixed := keyRequirements(use)
	gaps = append(gaps, fixed...)
	for _, r := range reqs {
		r.req.Resource = use.KeyARN
		if policydoc.Evaluate(keyPolicy, r.req) != policydoc.Allowed {
			gaps = append(gaps, r.gap)
		}
	}
	return gaps
}

// keyRequirements returns the requests to evaluate and gaps no key policy can fill.
func keyRequirements(use KeyUse) ([]keyRequirement, []string) {
	switch use.User {
	case KeyForTrail:
		return trailKeyRequirements(use), nil
	case KeyForBucket:
		return bucketKeyRequirements(use)
	case KeyForAlarmTopic:
		return topicKeyRequirements(use), nil
	}
	return nil, []string{fmt.Sprintf("key %s: unknown key use %d", use.KeyARN, use.User)}
}

// trailKeyRequirements: CloudTrail generates data keys with the trail ARN as encryption context
// and describes the key; readers of the account decrypt (and, with an S3 Bucket Key, creating
// or updating the trail needs kms:Decrypt).
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
func trailKeyRequirements(use KeyUse) []keyRequirement {
	source := map[string][]string{"aws:SourceArn": {use.TrailARN}, "aws:SourceAccount": {use.AccountID}}
	encrypt := map[string][]string{"kms:EncryptionContext:aws:cloudtrail:arn": {use.TrailARN}}
	for k, v := range source {
		encrypt[k] = v
	}
	reqs := []keyRequirement{
		{
			gap: fmt.Sprintf("key %s: no statement allows cloudtrail.amazonaws.com kms:GenerateDataKey* with encryption context aws:cloudtrail:arn = %s (\"Allow CloudTrail to encrypt logs\"); CloudTrail cannot write encrypted log files (%s)", use.KeyARN, use.TrailARN, docCloudTrailKMS),
			req: policydoc.Request{Service: cloudTrailService, Action: "kms:GenerateDataKey", Context: encrypt},
		},
		{
			gap: fmt.Sprintf("key %s: no statement allows cloudtrail.amazonaws.com kms:DescribeKey for trail %s (\"Allow CloudTrail to describe key\") (%s)", use.KeyARN, use.TrailARN, docCloudTrailKMS),
			req: policydoc.Request{Service: cloudTrailService, Action: "kms:DescribeKey", Context: source},
		},
	}
	if use.BucketKey {
		reqs = append(reqs, keyRequirement{
			gap: fmt.Sprintf("key %s: no statement lets principals of account %s kms:Decrypt log files of %s (\"Allow principals in the account to decrypt log files\"), which an S3 Bucket Key requires (%s)", use.KeyARN, use.AccountID, use.TrailARN, docCloudTrailKMS),
			req: policydoc.Request{
				Principal: fmt.Sprintf("arn:%s:iam::%s:role/soc2-key-probe", partitionOf(use.KeyARN), use.AccountID),
				Action:    "kms:Decrypt",
				Context: map[string][]string{
					"kms:CallerAccount":                        {use.AccountID},
					"kms:EncryptionContext:aws:cloudtrail:arn": {use.TrailARN},
				},
			},
		})
	}
	return reqs
}

// bucketKeyRequirements: S3 asks KMS for a data key on behalf of the writing service, with the
// bucket ARN as encryption context when an S3 Bucket Key is used; Config also decrypts. S3
// server access logging cannot deliver to an SSE-KMS bucket at all.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
// https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
func bucketKeyRequirements(use KeyUse) ([]keyRequirement, []string) {
	var reqs []keyRequirement
	var fixed []string
	context := func(extra map[string][]string) map[string][]string {
		c := map[string][]string{"kms:EncryptionContext:aws:s3:arn": {use.BucketARN}, "aws:SourceAccount": {use.AccountID}}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	writers := sortedUnique(use.Writers)
	if slices.Contains(writers, WriterCloudTrail) {
		trail := fmt.Sprintf("arn:%s:cloudtrail:%s:%s:trail/soc2-key-probe", partitionOf(use.KeyARN), regionOf(use.KeyARN), use.AccountID)
		reqs = append(reqs, keyRequirement{
			gap: fmt.Sprintf("key %s: no statement allows cloudtrail.amazonaws.com kms:GenerateDataKey* for objects of %s (S3 encrypts CloudTrail's deliveries with the bucket's key) (%s)", use.KeyARN, use.BucketARN, docCloudTrailKMS),
			req: policydoc.Request{Service: cloudTrailService, Action: "kms:GenerateDataKey", Context: context(map[string][]string{"aws:SourceArn": {trail}})},
		})
	}
	if slices.Contains(writers, WriterConfig) {
		for _, action := range []string{"kms:GenerateDataKey", "kms:Decrypt"} {
			reqs = append(reqs, keyRequirement{
				gap: fmt.Sprintf("key %s: no statement allows config.amazonaws.com %s for account %s (\"AWSConfigKMSPolicy\") (%s)", use.KeyARN, action, use.AccountID, docConfigKMS),
				req: policydoc.Request{Service: "config.amazonaws.com", Action: action, Context: context(nil)},
			})
		}
	}
	if slices.Contains(writers, WriterS3AccessLogs) {
		fixed = append(fixed, fmt.Sprintf("key %s: S3 server access logs cannot be delivered to %s while its default encryption is SSE-KMS; the target bucket must use SSE-S3 (%s)", use.KeyARN, use.BucketARN, docS3AccessLogs))
	}
	return reqs, fixed
}

// topicKeyRequirements: CloudWatch alarms need GenerateDataKey* and Decrypt on the key of an
// encrypted topic to publish to it.
// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
func topicKeyRequirements(use KeyUse) []keyRequirement {
	alarm := fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:soc2-key-probe", partitionOf(use.TopicARN), regionOf(use.TopicARN), use.AccountID)
	ctx := map[string][]string{"aws:SourceAccount": {use.AccountID}, "aws:SourceArn": {alarm}}
	var reqs []keyRequirement
	for _, action := range []string{"kms:GenerateDataKey", "kms:Decrypt"} {
		reqs = append(reqs, keyRequirement{
			gap: fmt.Sprintf("key %s: no statement allows cloudwatch.amazonaws.com %s; CloudWatch alarms cannot publish to the encrypted topic %s (%s)", use.KeyARN, action, use.TopicARN, docSNSEncryptedTopic),
			req: policydoc.Request{Service: cloudWatchService, Action: action, Context: ctx},
		})
	}
	return reqs
}

func partitionOf(s string) string {
	if a, err := arn.Parse(s); err == nil {
		return a.Partition
	}
	return "aws"
}

func regionOf(s string) string {
	if a, err := arn.Parse(s); err == nil {
		return a.Region
	}
	return ""
}
