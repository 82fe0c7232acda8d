package policies

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// Services a soc2_kms_key may serve; each decides statements of the key policy.
const (
	KeyServiceCloudTrail = "cloudtrail"
	KeyServiceConfig     = "config"
	KeyServiceLogs       = "logs"
	KeyServiceS3         = "s3"
	KeyServiceSNS        = "sns"
)

// keyServiceUses says, per service, what the key is used for; the resource documents it.
var keyServiceUses = map[string]string{
	KeyServiceCloudTrail: "CloudTrail encrypts the trail's log and digest files (SSE-KMS of the trail)",
	KeyServiceConfig:     "AWS Config delivers configuration snapshots and history to a bucket encrypted with the key",
	KeyServiceLogs:       "CloudWatch Logs encrypts the log group(s)",
	KeyServiceS3:         "the log bucket's default encryption (SSE-KMS with an S3 Bucket Key): CloudTrail's deliveries and the account's readers through S3",
	KeyServiceSNS:        "the alarm topic is encrypted: CloudWatch alarms publish to it, the account's publishers use it through SNS",
}

// KeyServiceNames lists the valid entries of services, sorted.
func KeyServiceNames() []string { return slices.Sorted(maps.Keys(keyServiceUses)) }

// KeyServiceUse describes what a service in services uses the key for.
func KeyServiceUse(service string) string { return keyServiceUses[service] }

// Stable statement ids of the key policy; a reader can tell which statement is which.
const (
	SidKeyRoot             = "EnableIAMPolicies"
	SidKeyAdmins           = "AllowKeyAdministrators"
	SidKeyCloudTrail       = "AllowCloudTrailToEncryptLogs"
	SidKeyCloudTrailRead   = "AllowCloudTrailToDescribeKey"
	SidKeyCloudTrailLogs   = "AllowAccountToDecryptCloudTrailLogs"
	SidKeyConfig           = "AWSConfigKMSPolicy"
	SidKeyLogs             = "AllowCloudWatchLogs"
	SidKeyS3Account        = "AllowAccountThroughS3"
	SidKeyS3CloudTrail     = "AllowCloudTrailDeliveryToEncryptedBucket"
	SidKeyCloudWatchAlarms = "AllowCloudWatchAlarmsToUseTheKey"
	SidKeySNSAccount       = "AllowAccountThroughSNS"
)

// KeyPolicyInput is what the key policy of soc2_kms_key depends on.
type KeyPolicyInput struct {
	Partition string
	Region    string
	AccountID string
	// Services are entries of KeyServiceNames.
	Services []string
	// AdminARNs are IAM principals that may manage (not use) the key.
	AdminARNs []string
	// LogGroupNames scope the CloudWatch Logs statement; empty means every log group of the
	// account in the key's region.
	LogGroupNames []string
}

// KeyAdminActions are the key administrators' actions: every management action, no use of the
// key for cryptography.
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators
var KeyAdminActions = policydoc.Values{
	"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
	"kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
	"kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
}

// KeyPolicy is the key policy of soc2_kms_key: the account root statement always (so IAM
// policies of the account govern the key and it can never become unmanageable), the
// administrators, then per service the statements its documentation requires.
func KeyPolicy(in KeyPolicyInput) (string, error) {
	if err := in.check(); err != nil {
		return "", err
	}
	// The account root may do everything: without it no IAM policy grants access to the key
	// and a lost administrator makes the key unmanageable.
	// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
	statements := []policydoc.Statement{{
		Sid: SidKeyRoot, Effect: policydoc.Allow,
		Principal: policydoc.AWSPrincipals(arns.AccountRoot(in.Partition, in.AccountID)),
		Action:    policydoc.Values{"kms:*"}, Resource: policydoc.Values{"*"},
	}}
	if admins := sortedUnique(in.AdminARNs); len(admins) > 0 {
		statements = append(statements, policydoc.Statement{
			Sid: SidKeyAdmins, Effect: policydoc.Allow, Principal: policydoc.AWSPrincipals(admins...),
			Action: KeyAdminActions, Resource: policydoc.Values{"*"},
		})
	}
	for _, service := range sortedUnique(in.Services) {
		statements = append(statements, keyServiceStatements(in, service)...)
	}
	return policydoc.Document{Statement: statements}.JSON()
}

func (in KeyPolicyInput) check() error {
	var errs []error
	if in.Partition == "" || in.Region == "" || in.AccountID == "" {
		errs = append(errs, fmt.Errorf("key policy: partition %q, region %q and account %q must all be set", in.Partition, in.Region, in.AccountID))
	}
	errs = append(errs, unknownNames("key policy", "service", in.Services, keyServiceUses)...)
	for _, a := range in.AdminARNs {
		if p, err := arn.Parse(a); err != nil || p.Service != "iam" {
			errs = append(errs, fmt.Errorf("key policy: administrator %q is not an IAM principal ARN", a))
		}
	}
	return errors.Join(errs...)
}

func keyServiceStatements(in KeyPolicyInput, service string) []policydoc.Statement {
	switch service {
	case KeyServiceCloudTrail:
		return cloudTrailKeyStatements(in)
	case KeyServiceConfig:
		return []policydoc.Statement{configKeyStatement(in)}
	case KeyServiceLogs:
		return []policydoc.Statement{logsKeyStatement(in)}
	case KeyServiceS3:
		return s3KeyStatements(in)
	case KeyServiceSNS:
		return snsKeyStatements(in)
	}
	return nil
}

// accountTrails matches every trail of the account, in any region: a multi-region trail's
// ARN names its home region, and the trail may be recreated under another name.
func accountTrails(in KeyPolicyInput) string {
	return fmt.Sprintf("arn:%s:cloudtrail:*:%s:trail/*", in.Partition, in.AccountID)
}

// cloudTrailKeyStatements: CloudTrail generates data keys with the trail ARN as encryption
// context (aws:cloudtrail:arn) and describes the key; the account's principals decrypt log
// files (which also lets a trail be created over a bucket with an S3 Bucket Key). aws:SourceArn
// limits CloudTrail to this account's trails, as the page recommends.
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
func cloudTrailKeyStatements(in KeyPolicyInput) []policydoc.Statement {
	trails := accountTrails(in)
	return []policydoc.Statement{
		{
			Sid: SidKeyCloudTrail, Effect: policydoc.Allow, Principal: policydoc.Service(cloudTrailService),
			Action: policydoc.Values{"kms:GenerateDataKey*"}, Resource: policydoc.Values{"*"},
			Condition: policydoc.When("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", trails).
				And("ArnLike", "aws:SourceArn", trails),
		},
		{
			Sid: SidKeyCloudTrailRead, Effect: policydoc.Allow, Principal: policydoc.Service(cloudTrailService),
			Action: policydoc.Values{"kms:DescribeKey"}, Resource: policydoc.Values{"*"},
			Condition: policydoc.When("ArnLike", "aws:SourceArn", trails),
		},
		{
			Sid: SidKeyCloudTrailLogs, Effect: policydoc.Allow, Principal: policydoc.Everyone(),
			Action: policydoc.Values{"kms:Decrypt", "kms:ReEncryptFrom"}, Resource: policydoc.Values{"*"},
			Condition: policydoc.When("StringEquals", "kms:CallerAccount", in.AccountID).
				And("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", trails),
		},
	}
}

// configKeyStatement: AWS Config delivers to an SSE-KMS bucket with this statement, scoped to
// the account by aws:SourceAccount.
// https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html
func configKeyStatement(in KeyPolicyInput) policydoc.Statement {
	return policydoc.Statement{
		Sid: SidKeyConfig, Effect: policydoc.Allow, Principal: policydoc.Service("config.amazonaws.com"),
		Action: policydoc.Values{"kms:Decrypt", "kms:GenerateDataKey"}, Resource: policydoc.Values{"*"},
		Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID),
	}
}

// logsKeyStatement: the regional CloudWatch Logs principal uses the key only for the named log
// groups (kms:EncryptionContext:aws:logs:arn), or every group of the account in the region.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
func logsKeyStatement(in KeyPolicyInput) policydoc.Statement {
	groups := []string{arns.LogGroup(in.Partition, in.Region, in.AccountID, "*")}
	if names := sortedUnique(in.LogGroupNames); len(names) > 0 {
		groups = groups[:0]
		for _, n := range names {
			groups = append(groups, arns.LogGroup(in.Partition, in.Region, in.AccountID, n))
		}
	}
	return policydoc.Statement{
		Sid: SidKeyLogs, Effect: policydoc.Allow, Principal: policydoc.Service(LogsServicePrincipal(in.Partition, in.Region)),
		Action:    policydoc.Values{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
		Resource:  policydoc.Values{"*"},
		Condition: policydoc.When("ArnLike", "kms:EncryptionContext:aws:logs:arn", groups...),
	}
}

// LogsServicePrincipal is CloudWatch Logs' regional service principal.
func LogsServicePrincipal(partition, region string) string {
	return regionalName(partition, "logs", region)
}

// regionalName is a service's regional name as kms:ViaService and regional service principals
// give it: <service>.<region>.amazonaws.com, with the .cn suffix in the China partition.
func regionalName(partition, service, region string) string {
	if partition == "aws-cn" {
		return service + "." + region + ".amazonaws.com.cn"
	}
	return service + "." + region + ".amazonaws.com"
}

// s3KeyStatements: with the key as a bucket's default encryption, S3 calls KMS on behalf of
// the writer and the reader. The account's principals use the key only through S3
// (kms:ViaService, kms:CallerAccount, as the AWS managed key aws/s3 allows); CloudTrail, which
// writes as a service principal, gets data keys for S3 objects (encryption context
// aws:s3:arn, the bucket's ARN with an S3 Bucket Key) of this account's trails only.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
func s3KeyStatements(in KeyPolicyInput) []policydoc.Statement {
	return []policydoc.Statement{
		{
			Sid: SidKeyS3Account, Effect: policydoc.Allow, Principal: policydoc.Everyone(),
			Action:   policydoc.Values{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
			Resource: policydoc.Values{"*"},
			Condition: policydoc.When("StringEquals", "kms:CallerAccount", in.AccountID).
				And("StringEquals", "kms:ViaService", regionalName(in.Partition, "s3", in.Region)),
		},
		{
			Sid: SidKeyS3CloudTrail, Effect: policydoc.Allow, Principal: policydoc.Service(cloudTrailService),
			Action: policydoc.Values{"kms:GenerateDataKey*"}, Resource: policydoc.Values{"*"},
			Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID).
				And("ArnLike", "aws:SourceArn", accountTrails(in)).
				And("StringLike", "kms:EncryptionContext:aws:s3:arn", fmt.Sprintf("arn:%s:s3:::*", in.Partition)),
		},
	}
}

// snsKeyStatements: CloudWatch alarms need GenerateDataKey* and Decrypt to publish to an
// encrypted topic (limited to this account's alarms in the key's region); the account's
// publishers use the key only through SNS.
// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#sns-what-permissions-for-sse
func snsKeyStatements(in KeyPolicyInput) []policydoc.Statement {
	return []policydoc.Statement{
		{
			Sid: SidKeyCloudWatchAlarms, Effect: policydoc.Allow, Principal: policydoc.Service(cloudWatchService),
			Action: policydoc.Values{"kms:Decrypt", "kms:GenerateDataKey*"}, Resource: policydoc.Values{"*"},
			Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID).
				And("ArnLike", "aws:SourceArn", alarmsOf(in.Partition, in.Region, in.AccountID)),
		},
		{
			Sid: SidKeySNSAccount, Effect: policydoc.Allow, Principal: policydoc.Everyone(),
			Action: policydoc.Values{"kms:Decrypt", "kms:GenerateDataKey*"}, Resource: policydoc.Values{"*"},
			Condition: policydoc.When("StringEquals", "kms:CallerAccount", in.AccountID).
				And("StringEquals", "kms:ViaService", regionalName(in.Partition, "sns", in.Region)),
		},
	}
}
