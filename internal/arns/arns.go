// Package arns builds the ARNs of the objects the provider manages, in one place, from their
// documented formats (Service Authorization Reference, "Resource types defined by ..." of each
// service). Parsing stays with github.com/aws/aws-sdk-go-v2/aws/arn.
package arns

import "github.com/aws/aws-sdk-go-v2/aws/arn"

// Bucket is an S3 bucket: arn:<partition>:s3:::<bucket>.
func Bucket(partition, bucket string) string {
	return arn.ARN{Partition: partition, Service: "s3", Resource: bucket}.String()
}

// Objects matches every object of a bucket: arn:<partition>:s3:::<bucket>/*.
func Objects(partition, bucket string) string { return Bucket(partition, bucket) + "/*" }

// ObjectPrefix is the data-event selector value for a bucket's objects: arn:...:s3:::<bucket>/.
func ObjectPrefix(partition, bucket string) string { return Bucket(partition, bucket) + "/" }

// Trail is a CloudTrail trail.
func Trail(partition, region, account, name string) string {
	return arn.ARN{Partition: partition, Service: "cloudtrail", Region: region, AccountID: account, Resource: "trail/" + name}.String()
}

// LogGroup is a CloudWatch Logs log group, without the ":*" suffix (tagging APIs take this form).
func LogGroup(partition, region, account, name string) string {
	return arn.ARN{Partition: partition, Service: "logs", Region: region, AccountID: account, Resource: "log-group:" + name}.String()
}

// LogGroupStreams is a log group in the ":*" form CloudTrail's CloudWatchLogsLogGroupArn requires.
func LogGroupStreams(partition, region, account, name string) string {
	return LogGroup(partition, region, account, name) + ":*"
}

// LogStream is a log stream (or stream-name pattern) of a log group.
func LogStream(partition, region, account, group, stream string) string {
	return LogGroup(partition, region, account, group) + ":log-stream:" + stream
}

// Role is an IAM role (IAM is global: no region).
func Role(partition, account, name string) string {
	return arn.ARN{Partition: partition, Service: "iam", AccountID: account, Resource: "role/" + name}.String()
}

// AccountRoot is the root principal of an account.
func AccountRoot(partition, account string) string {
	return arn.ARN{Partition: partition, Service: "iam", AccountID: account, Resource: "root"}.String()
}

// Alarm is a CloudWatch alarm.
func Alarm(partition, region, account, name string) string {
	return arn.ARN{Partition: partition, Service: "cloudwatch", Region: region, AccountID: account, Resource: "alarm:" + name}.String()
}

// Topic is an SNS topic.
func Topic(partition, region, account, name string) string {
	return arn.ARN{Partition: partition, Service: "sns", Region: region, AccountID: account, Resource: name}.String()
}

// KMSKey is a KMS key by key id.
func KMSKey(partition, region, account, keyID string) string {
	return arn.ARN{Partition: partition, Service: "kms", Region: region, AccountID: account, Resource: "key/" + keyID}.String()
}
