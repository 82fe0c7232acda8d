package policies

import (
	"fmt"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// AccessLogsPrincipal is the service principal that delivers S3 server access logs.
const AccessLogsPrincipal = "logging.s3.amazonaws.com"

// AccessLogsDelivery is one delivery of server access logs from a source bucket into a target
// bucket, as the target bucket's policy sees it.
type AccessLogsDelivery struct {
	Partition    string
	AccountID    string
	SourceBucket string
	// SourceRegion is part of the object key when Partitioned.
	SourceRegion string
	TargetBucket string
	TargetPrefix string
	// Partitioned is the date-based key format (TargetObjectKeyFormat PartitionedPrefix).
	Partitioned bool
}

// ObjectKey is the key of a log object S3 writes for this delivery. Simple format:
// [prefix]YYYY-mm-DD-HH-MM-SS-UniqueString; partitioned format:
// [prefix][SourceAccountId]/[SourceRegion]/[SourceBucket]/YYYY/MM/DD/YYYY-mm-DD-HH-MM-SS-UniqueString.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html#server-log-keyname-format
func (d AccessLogsDelivery) ObjectKey() string {
	const stamp = "2026-01-02-03-04-05-0123456789ABCDEF"
	if d.Partitioned {
		return fmt.Sprintf("%s%s/%s/%s/2026/01/02/%s", d.TargetPrefix, d.AccountID, d.SourceRegion, d.SourceBucket, stamp)
	}
	return d.TargetPrefix + stamp
}

// Request is the PutObject that the logging service makes for this delivery. AWS documents that
// the service sends aws:SourceArn (the source bucket) and aws:SourceAccount (its owner), and
// recommends that the target's policy condition on them.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
func (d AccessLogsDelivery) Request() policydoc.Request {
	return policydoc.Request{
		Service:  AccessLogsPrincipal,
		Action:   "s3:PutObject",
		Resource: arns.Bucket(d.Partition, d.TargetBucket) + "/" + d.ObjectKey(),
		Context: map[string][]string{
			"aws:SourceArn":     {arns.Bucket(d.Partition, d.SourceBucket)},
			"aws:SourceAccount": {d.AccountID},
		},
	}
}

// AccessLogsTargetProblem returns "" when the target bucket's policy lets the logging service
// write this delivery's log objects, else why not. It only reads the policy: a target without a
// policy statement may still accept logs through an ACL grant to the Log Delivery group, which
// the caller checks separately.
func AccessLogsTargetProblem(policy string, d AccessLogsDelivery) string {
	req := d.Request()
	switch policydoc.Evaluate(policy, req) {
	case policydoc.Allowed:
		return ""
	case policydoc.ExplicitDeny:
		return fmt.Sprintf("the bucket policy of %s explicitly denies %s s3:PutObject on %s (aws:SourceArn %s)",
			d.TargetBucket, AccessLogsPrincipal, req.Resource, req.Context["aws:SourceArn"][0])
	}
	return fmt.Sprintf("the bucket policy of %s has no statement allowing %s s3:PutObject on %s with aws:SourceArn %s and aws:SourceAccount %s",
		d.TargetBucket, AccessLogsPrincipal, req.Resource, req.Context["aws:SourceArn"][0], d.AccountID)
}
