package policies

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// Statement ids of the bucket policy. They are stable: import reads reader_arns, writers and
// admin_principal_arns back from them.
const (
	SidDenyInsecureTransport = "DenyInsecureTransport"
	SidDenyControlChanges    = "DenyDeletionAndControlChanges"
	SidDenyReads             = "DenyReadsExceptReaders"
	SidAllowReaders          = "AllowReaders"
)

// Writers a log bucket accepts, by the value the configuration uses.
const (
	WriterCloudTrail   = "cloudtrail"
	WriterConfig       = "config"
	WriterS3AccessLogs = "s3_access_logs"
)

// Writer describes one service that delivers logs into the bucket.
type Writer struct {
	// Principal is the service principal that delivers.
	Principal string
	// SidName makes the statement ids Allow<SidName>AclCheck and Allow<SidName>Write.
	SidName string
}

// Writers maps each writers value to its service.
var Writers = map[string]Writer{
	WriterCloudTrail:   {Principal: cloudTrailService, SidName: "CloudTrail"},
	WriterConfig:       {Principal: "config.amazonaws.com", SidName: "Config"},
	WriterS3AccessLogs: {Principal: "logging.s3.amazonaws.com", SidName: "S3ServerAccessLogs"},
}

// WriterNames lists the accepted writers values, sorted.
func WriterNames() []string { return slices.Sorted(maps.Keys(Writers)) }

// ControlActions are the S3 actions that destroy log evidence or change a control protecting
// it. Names are IAM action names, which differ from API names where one permission covers
// several calls (DeleteBucketEncryption is s3:PutEncryptionConfiguration, DeleteBucketLifecycle
// is s3:PutLifecycleConfiguration, DeletePublicAccessBlock is s3:PutBucketPublicAccessBlock,
// DeleteBucketOwnershipControls is s3:PutBucketOwnershipControls, DeleteBucketReplication is
// s3:PutReplicationConfiguration). Object ACL actions are left out on purpose: writers put
// objects with the bucket-owner-full-control ACL, and a deny that might apply to that header
// would stop log delivery; PutBucketOwnershipControls (denied) is what keeps ACLs disabled.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
var ControlActions = []string{
	"s3:BypassGovernanceRetention",
	"s3:DeleteBucket",
	"s3:DeleteBucketPolicy",
	"s3:DeleteObject",
	"s3:DeleteObjectVersion",
	"s3:PutBucketAcl",
	"s3:PutBucketLogging",
	"s3:PutBucketObjectLockConfiguration",
	"s3:PutBucketOwnershipControls",
	"s3:PutBucketPolicy",
	"s3:PutBucketPublicAccessBlock",
	"s3:PutBucketVersioning",
	"s3:PutEncryptionConfiguration",
	"s3:PutLifecycleConfiguration",
	"s3:PutObjectLegalHold",
	"s3:PutObjectRetention",
	"s3:PutReplicationConfiguration",
}

var (
	readActions   = []string{"s3:GetObject", "s3:GetObjectVersion"}
	readerActions = []string{"s3:GetBucketLocation", "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions"}
)

// LogBucketInput is everything the bucket policy depends on.
//
// Writers are scoped to the key layout each service documents, under any key prefix: the bucket
// does not know the prefix a trail or delivery channel is configured with, so CloudTrail may
// write <bucket>/AWSLogs/<account>/* and <bucket>/*/AWSLogs/<account>/* (plus the same with
// OrganizationID for an organization trail), Config the same with /Config/ after the account.
// S3 server access logs go under AccessLogsPrefix (the whole bucket when it is empty, still only
// from this account's buckets).
type LogBucketInput struct {
	Partition string
	AccountID string
	Bucket    string
	// Admins are aws:PrincipalArn patterns exempt from the control-change and read denies. They
	// come from configuration only: an exemption for whoever runs the plan would lock out the
	// next deploy identity.
	Admins []string
	// Readers are IAM ARNs allowed to read. An account root (arn:<p>:iam::<account>:root)
	// stands for every principal of that account.
	Readers []string
	// Writers are keys of Writers.
	Writers []string
	// OrganizationID, when set, lets an organization trail owned by AccountID write the member
	// accounts' logs under AWSLogs/<org-id>/.
	OrganizationID string
	// AccessLogsPrefix is the key prefix S3 server access logs are delivered under.
	AccessLogsPrefix string
}

// LogBucket is the log bucket's bucket policy.
func LogBucket(in LogBucketInput) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	stmts := []policydoc.Statement{denyInsecureTransport(in), denyControlChanges(in), denyReads(in)}
	if readers := sortedUnique(in.Readers); len(readers) > 0 {
		stmts = append(stmts, allowReaders(in, readers))
	}
	for _, name := range sortedUnique(in.Writers) {
		stmts = append(stmts, writerStatements(in, name)...)
	}
	return policydoc.Document{Statement: stmts}.JSON()
}

func (in LogBucketInput) validate() error {
	var errs []error
	if in.Partition == "" || in.AccountID == "" || in.Bucket == "" {
		errs = append(errs, fmt.Errorf("log bucket policy: partition, account and bucket are all required (got %q, %q, %q)", in.Partition, in.AccountID, in.Bucket))
	}
	errs = append(errs, unknownNames("log bucket policy", "writer", in.Writers, Writers)...)
	return errors.Join(errs...)
}

func (in LogBucketInput) bucketARN() string {
	return arns.Bucket(in.Partition, in.Bucket)
}
func (in LogBucketInput) objectsARN() string { return in.bucketARN() + "/*" }

// denyInsecureTransport refuses every request not made over TLS.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
func denyInsecureTransport(in LogBucketInput) policydoc.Statement {
	return policydoc.Statement{
		Sid: SidDenyInsecureTransport, Effect: policydoc.Deny, Principal: policydoc.Everyone(),
		Action: policydoc.Values{"s3:*"}, Resource: policydoc.Values{in.bucketARN(), in.objectsARN()},
		Condition: policydoc.When("Bool", "aws:SecureTransport", "false"),
	}
}

// denyControlChanges keeps evidence and its controls out of reach of every principal but the
// configured admins, including same-account roles whose identity policy allows s3:*: an explicit
// deny in a bucket policy overrides any allow. The bucket owner's root user can still delete
// the bucket policy, the escape hatch when no admin is left.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:PrincipalArn)
// https://repost.aws/knowledge-center/s3-accidentally-denied-access
func denyControlChanges(in LogBucketInput) policydoc.Statement {
	s := policydoc.Statement{
		Sid: SidDenyControlChanges, Effect: policydoc.Deny, Principal: policydoc.Everyone(),
		Action: ControlActions, Resource: policydoc.Values{in.bucketARN(), in.objectsARN()},
	}
	if admins := sortedUnique(in.Admins); len(admins) > 0 {
		s.Condition = policydoc.When("ArnNotLike", "aws:PrincipalArn", admins...)
	}
	return s
}

// denyReads refuses object reads to everyone but admins and readers, so a grant elsewhere (an
// identity policy with s3:*) cannot read the logs. A root reader stands for its whole account,
// which aws:PrincipalArn cannot express (it names the calling role, never the root): those
// accounts are exempt by aws:PrincipalAccount. Conditions AND, so the deny applies only to a
// principal matching neither list.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:PrincipalArn, aws:PrincipalAccount)
func denyReads(in LogBucketInput) policydoc.Statement {
	arns, accounts := splitReaders(in.Partition, in.Readers)
	exempt := sortedUnique(append(slices.Clone(in.Admins), arns...))
	s := policydoc.Statement{
		Sid: SidDenyReads, Effect: policydoc.Deny, Principal: policydoc.Everyone(),
		Action: readActions, Resource: policydoc.Values{in.objectsARN()},
	}
	if len(exempt) > 0 {
		s.Condition = policydoc.When("ArnNotLike", "aws:PrincipalArn", exempt...)
	}
	if len(accounts) > 0 {
		s.Condition = s.Condition.And("StringNotEquals", "aws:PrincipalAccount", accounts...)
	}
	return s
}

// splitReaders separates account roots (exempted by account) from other principals.
func splitReaders(partition string, readers []string) (arns, accounts []string) {
	for _, r := range sortedUnique(readers) {
		if account, ok := rootAccount(partition, r); ok {
			accounts = append(accounts, account)
			continue
		}
		arns = append(arns, r)
	}
	return arns, accounts
}

// rootAccount returns the account of arn:<partition>:iam::<account>:root or a bare account id.
func rootAccount(partition, principal string) (string, bool) {
	if isAccountID(principal) {
		return principal, true
	}
	prefix, suffix := "arn:"+partition+":iam::", ":root"
	if !strings.HasPrefix(principal, prefix) || !strings.HasSuffix(principal, suffix) {
		return "", false
	}
	account := strings.TrimSuffix(strings.TrimPrefix(principal, prefix), suffix)
	return account, isAccountID(account)
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// allowReaders grants the readers what reading logs needs; cross-account readers also need it
// in their own identity policies.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
func allowReaders(in LogBucketInput, readers []string) policydoc.Statement {
	return policydoc.Statement{
		Sid: SidAllowReaders, Effect: policydoc.Allow, Principal: policydoc.AWSPrincipals(readers...),
		Action: readerActions, Resource: policydoc.Values{in.bucketARN(), in.objectsARN()},
	}
}

func writerStatements(in LogBucketInput, name string) []policydoc.Statement {
	switch name {
	case WriterCloudTrail:
		return cloudTrailWriter(in)
	case WriterConfig:
		return configWriter(in)
	case WriterS3AccessLogs:
		return []policydoc.Statement{accessLogsWriter(in)}
	}
	return nil
}

// cloudTrailWriter follows the documented CloudTrail bucket policy: GetBucketAcl on the bucket
// and PutObject under AWSLogs/<account>/ (and AWSLogs/<org-id>/ for an organization trail) with
// the bucket-owner-full-control ACL, both only for this account's trails. The documented
// condition is aws:SourceArn equal to the trail ARN; the bucket does not know its trails'
// names or regions, so ArnLike on arn:<p>:cloudtrail:*:<account>:trail/* keeps the documented
// protection (only this account's trails, an organization trail being owned by the
// management account) without naming them.
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-an-organizational-trail-by-using-the-aws-cli.html
func cloudTrailWriter(in LogBucketInput) []policydoc.Statement {
	w := Writers[WriterCloudTrail]
	trails := arns.Trail(in.Partition, "*", in.AccountID, "*")
	ids := []string{in.AccountID}
	if in.OrganizationID != "" {
		ids = append(ids, in.OrganizationID)
	}
	var keys policydoc.Values
	for _, id := range ids {
		keys = append(keys, in.bucketARN()+"/AWSLogs/"+id+"/*", in.bucketARN()+"/*/AWSLogs/"+id+"/*")
	}
	return []policydoc.Statement{
		{
			Sid: "Allow" + w.SidName + "AclCheck", Effect: policydoc.Allow, Principal: policydoc.Service(w.Principal),
			Action: policydoc.Values{"s3:GetBucketAcl"}, Resource: policydoc.Values{in.bucketARN()},
			Condition: policydoc.When("ArnLike", "aws:SourceArn", trails),
		},
		{
			Sid: "Allow" + w.SidName + "Write", Effect: policydoc.Allow, Principal: policydoc.Service(w.Principal),
			Action: policydoc.Values{"s3:PutObject"}, Resource: keys,
			Condition: policydoc.When("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control").
				And("ArnLike", "aws:SourceArn", trails),
		},
	}
}

// configWriter follows the documented AWS Config bucket policy: GetBucketAcl and ListBucket on
// the bucket, PutObject under AWSLogs/<account>/Config/ with bucket-owner-full-control, all
// only on behalf of this account (AWS:SourceAccount).
// https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
func configWriter(in LogBucketInput) []policydoc.Statement {
	w := Writers[WriterConfig]
	source := policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID)
	return []policydoc.Statement{
		{
			Sid: "Allow" + w.SidName + "AclCheck", Effect: policydoc.Allow, Principal: policydoc.Service(w.Principal),
			Action: policydoc.Values{"s3:GetBucketAcl", "s3:ListBucket"}, Resource: policydoc.Values{in.bucketARN()},
			Condition: source,
		},
		{
			Sid: "Allow" + w.SidName + "Write", Effect: policydoc.Allow, Principal: policydoc.Service(w.Principal),
			Action: policydoc.Values{"s3:PutObject"},
			Resource: policydoc.Values{
				in.bucketARN() + "/AWSLogs/" + in.AccountID + "/Config/*",
				in.bucketARN() + "/*/AWSLogs/" + in.AccountID + "/Config/*",
			},
			Condition: policydoc.When("StringEquals", "aws:SourceAccount", in.AccountID).
				And("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
		},
	}
}

// accessLogsWriter follows the documented server access logging grant: the logging service
// principal may put objects under the target prefix for source buckets of this account
// (aws:SourceArn of a bucket, aws:SourceAccount). Resource is a single string: moto's
// PutBucketLogging only recognises that form (policydoc.Values renders one value so).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
func accessLogsWriter(in LogBucketInput) policydoc.Statement {
	w := Writers[WriterS3AccessLogs]
	return policydoc.Statement{
		Sid: "Allow" + w.SidName + "Write", Effect: policydoc.Allow, Principal: policydoc.Service(w.Principal),
		Action: policydoc.Values{"s3:PutObject"}, Resource: policydoc.Values{in.bucketARN() + "/" + in.AccessLogsPrefix + "*"},
		Condition: policydoc.When("ArnLike", "aws:SourceArn", arns.Bucket(in.Partition, "*")).
			And("StringEquals", "aws:SourceAccount", in.AccountID),
	}
}

// unknownNames is an error for each of names that is not a key of known, naming the policy, what
// the name stands for, and the names it may be.
func unknownNames[V any](policy, what string, names []string, known map[string]V) []error {
	var errs []error
	for _, name := range names {
		if _, ok := known[name]; !ok {
			errs = append(errs, fmt.Errorf("%s: unknown %s %q (want one of %s)", policy, what, name, strings.Join(slices.Sorted(maps.Keys(known)), ", ")))
		}
	}
	return errs
}

func sortedUnique(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}
