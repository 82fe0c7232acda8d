// Package policies builds every IAM policy document the provider generates (the log bucket's
// bucket policy, the CloudWatch Logs delivery role's trust and permissions policies, the alarm
// topic's policy) and checks policies it is given (key policies, topic policies, its own bucket
// policy against the caller). Each builder is a pure function of its input and returns the
// canonical JSON (policydoc.Document.JSON); each statement cites the AWS page that requires it.
//
// The semantics of these documents are tested with a real IAM evaluation engine
// (semantics_test.go, cases in testdata/semantics.json), never with an emulator: no emulator
// evaluates conditions.
package policies

// AWS documentation every statement rests on.
const (
	docCloudTrailCWLRole    = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html"
	docCloudTrailBucket     = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html"
	docCloudTrailOrgBucket  = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-an-organizational-trail-by-using-the-aws-cli.html"
	docCloudTrailKMS        = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html"
	docConfigBucket         = "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html"
	docConfigKMS            = "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html"
	docS3AccessLogs         = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"
	docS3Actions            = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html"
	docS3TLS                = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"
	docS3BucketPolicies     = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html"
	docGlobalConditionKeys  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
	docCloudWatchAlarmSNS   = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html"
	docCloudWatchAlarmSNSKC = "https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger"
	docSNSEncryptedTopic    = "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services"
	docS3BucketKey          = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html"
	docS3RootEscape         = "https://repost.aws/knowledge-center/s3-accidentally-denied-access"
)
