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

// AWS pages the gap messages of KeyPolicyGaps point the user to.
const (
	docCloudTrailKMS     = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html"
	docConfigKMS         = "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html"
	docS3AccessLogs      = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"
	docSNSEncryptedTopic = "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services"
)
