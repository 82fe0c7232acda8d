package policies

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// The documented least-privilege policy (docs/guides/iam-permissions.md) against the calls the
// provider really makes. With SOC2_AWS_CALL_LOG set, the provider appends "<service id>:<operation>"
// for every AWS call (internal/conns/logging.go); `make test` records the whole acceptance suite
// and then runs TestDocumentedPermissions on that file. Each recorded operation is mapped to the
// IAM actions it needs (operationPermissions) and each action is evaluated, on the resource the
// provider calls it on, against the guide's policy by the IAM engine of the policy-semantics layer.

const (
	guidePath    = "docs/guides/iam-permissions.md"
	guideSource  = "templates/guides/iam-permissions.md.tmpl"
	deployRole   = "arn:aws:iam::111122223333:role/terraform-deploy"
	permsAccount = "111122223333"
)

// The resources the provider calls each action on, named as in the examples (bucket
// acme-soc2-logs, trail soc2, log group /soc2/cloudtrail, the alarm pack's default prefix soc2-):
// the names the guide's `*soc2*` patterns are written for.
const (
	resBucket     = "arn:aws:s3:::acme-soc2-logs"
	resObject     = resBucket + "/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/file.json.gz"
	resTrail      = "arn:aws:cloudtrail:us-east-1:111122223333:trail/soc2"
	resLogGroup   = "arn:aws:logs:us-east-1:111122223333:log-group:/soc2/cloudtrail:*"
	resAlarm      = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:soc2-root_account_usage"
	resTopic      = "arn:aws:sns:us-east-1:111122223333:soc2-alarms"
	resRecorder   = "arn:aws:config:eu-west-1:111122223333:configuration-recorder/default/abcd1234"
	resDelivery   = "arn:aws:iam::111122223333:role/soc2-cloudtrail-soc2"
	resAggregator = "arn:aws:config:us-east-1:111122223333:config-aggregator/config-aggregator-abcd1234"
	resConfigSLR  = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
	resKey        = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	resAlias      = "arn:aws:kms:us-east-1:111122223333:alias/soc2-baseline"
	resDataBucket = "arn:aws:s3:::acme-customer-data" // a source of soc2_bucket_access_logging: any name
	resAnyActions = "*"                               // actions without a resource type in the Service Authorization Reference
)

// soc2_access_analyzer's objects, named as in its example (analyzer soc2-access-analyzer, in any region).
const (
	resAnalyzer    = "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/soc2-access-analyzer"
	resAnalyzerUA  = "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/soc2-access-analyzer-unused-access"
	resArchiveRule = resAnalyzer + "/archive-rule/trusted-org"
	resEventRule   = "arn:aws:events:eu-west-1:111122223333:rule/soc2-access-analyzer-findings"
	resAASLR       = "arn:aws:iam::111122223333:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer"
	resForwardRole = "arn:aws:iam::111122223333:role/soc2-access-analyzer-fwd"
)

// defaultKeyPolicy is the key policy AWS gives a key by default: it lets IAM policies of the
// account grant access to the key. A KMS request is allowed only when the key policy allows it, so
// the guide's KMS statement works only for keys whose policy delegates to IAM like this (or names
// the deploy role). https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
const defaultKeyPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",` +
	`"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`

// permission is one IAM action an operation needs, on the resource the provider calls it on, with
// the request context AWS sets for it (iam:PassedToService for PassRole, ...).
type permission struct {
	Action   string
	Resource string
	Context  map[string]string
}

func perm(action, resource string) permission { return permission{Action: action, Resource: resource} }

func passRole(role, service string) permission {
	return permission{Action: "iam:PassRole", Resource: role, Context: map[string]string{"iam:PassedToService": service}}
}

// operationPermissions maps every SDK operation the provider calls ("<service id>:<operation>", as
// recorded) to the IAM actions it needs. Most are "<prefix>:<Operation>"; S3 has many exceptions,
// and some operations need more than one action (tags given at creation need the tagging action
// too; a role handed to a service needs iam:PassRole, which is not an SDK operation).
// Source: the Service Authorization Reference,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
// (S3: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html, and
// the "Permissions" section of each S3 API page, e.g.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html). An operation recorded
// but missing here fails the test, so a new call cannot slip past the guide.
var operationPermissions = map[string][]permission{
	// S3: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
	// CreateBucket with ObjectLockEnabledForBucket also needs PutBucketObjectLockConfiguration and
	// PutBucketVersioning, and with ObjectOwnership PutBucketOwnershipControls
	// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
	"S3:CreateBucket": {perm("s3:CreateBucket", resBucket), perm("s3:PutBucketObjectLockConfiguration", resBucket),
		perm("s3:PutBucketVersioning", resBucket), perm("s3:PutBucketOwnershipControls", resBucket)},
	"S3:DeleteBucket":                    {perm("s3:DeleteBucket", resBucket)},
	"S3:HeadBucket":                      {perm("s3:ListBucket", resBucket)},
	"S3:ListObjectsV2":                   {perm("s3:ListBucket", resBucket)},
	"S3:ListObjectVersions":              {perm("s3:ListBucketVersions", resBucket)},
	"S3:GetBucketPolicy":                 {perm("s3:GetBucketPolicy", resBucket)},
	"S3:PutBucketPolicy":                 {perm("s3:PutBucketPolicy", resBucket)},
	"S3:DeleteBucketPolicy":              {perm("s3:DeleteBucketPolicy", resBucket)},
	"S3:GetBucketVersioning":             {perm("s3:GetBucketVersioning", resBucket)},
	"S3:PutBucketVersioning":             {perm("s3:PutBucketVersioning", resBucket)},
	"S3:GetBucketEncryption":             {perm("s3:GetEncryptionConfiguration", resBucket)},
	"S3:PutBucketEncryption":             {perm("s3:PutEncryptionConfiguration", resBucket)},
	"S3:DeleteBucketEncryption":          {perm("s3:PutEncryptionConfiguration", resBucket)},
	"S3:GetPublicAccessBlock":            {perm("s3:GetBucketPublicAccessBlock", resBucket)},
	"S3:PutPublicAccessBlock":            {perm("s3:PutBucketPublicAccessBlock", resBucket)},
	"S3:DeletePublicAccessBlock":         {perm("s3:PutBucketPublicAccessBlock", resBucket)},
	"S3:GetBucketOwnershipControls":      {perm("s3:GetBucketOwnershipControls", resBucket)},
	"S3:PutBucketOwnershipControls":      {perm("s3:PutBucketOwnershipControls", resBucket)},
	"S3:DeleteBucketOwnershipControls":   {perm("s3:PutBucketOwnershipControls", resBucket)},
	"S3:GetBucketLifecycleConfiguration": {perm("s3:GetLifecycleConfiguration", resBucket)},
	"S3:PutBucketLifecycleConfiguration": {perm("s3:PutLifecycleConfiguration", resBucket)},
	"S3:DeleteBucketLifecycle":           {perm("s3:PutLifecycleConfiguration", resBucket)},
	"S3:GetBucketLogging":                {perm("s3:GetBucketLogging", resBucket), perm("s3:GetBucketLogging", resDataBucket)},
	"S3:PutBucketLogging":                {perm("s3:PutBucketLogging", resBucket), perm("s3:PutBucketLogging", resDataBucket)},
	"S3:GetObjectLockConfiguration":      {perm("s3:GetBucketObjectLockConfiguration", resBucket)},
	"S3:PutObjectLockConfiguration":      {perm("s3:PutBucketObjectLockConfiguration", resBucket)},
	"S3:GetBucketTagging":                {perm("s3:GetBucketTagging", resBucket), perm("s3:GetBucketTagging", resDataBucket)},
	"S3:PutBucketTagging":                {perm("s3:PutBucketTagging", resBucket)},
	"S3:DeleteBucketTagging":             {perm("s3:PutBucketTagging", resBucket)},
	// DeleteObjects deletes versions (s3:DeleteObjectVersion) and, on a bucket with GOVERNANCE
	// retention, bypasses it (x-amz-bypass-governance-retention).
	"S3:DeleteObjects": {perm("s3:DeleteObject", resObject), perm("s3:DeleteObjectVersion", resObject),
		perm("s3:BypassGovernanceRetention", resObject)},
	"S3:DeleteObject": {perm("s3:DeleteObject", resObject), perm("s3:DeleteObjectVersion", resObject)},

	// CloudTrail: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html
	// A CloudWatchLogsRoleArn hands the delivery role to CloudTrail; TagsList at creation needs AddTags.
	"CloudTrail:CreateTrail": {perm("cloudtrail:CreateTrail", resTrail), perm("cloudtrail:AddTags", resTrail),
		passRole(resDelivery, "cloudtrail.amazonaws.com")},
	"CloudTrail:UpdateTrail":         {perm("cloudtrail:UpdateTrail", resTrail), passRole(resDelivery, "cloudtrail.amazonaws.com")},
	"CloudTrail:DeleteTrail":         {perm("cloudtrail:DeleteTrail", resTrail)},
	"CloudTrail:GetTrail":            {perm("cloudtrail:GetTrail", resTrail)},
	"CloudTrail:DescribeTrails":      {perm("cloudtrail:DescribeTrails", resAnyActions)},
	"CloudTrail:GetTrailStatus":      {perm("cloudtrail:GetTrailStatus", resTrail)},
	"CloudTrail:GetEventSelectors":   {perm("cloudtrail:GetEventSelectors", resTrail)},
	"CloudTrail:PutEventSelectors":   {perm("cloudtrail:PutEventSelectors", resTrail)},
	"CloudTrail:GetInsightSelectors": {perm("cloudtrail:GetInsightSelectors", resTrail)},
	"CloudTrail:PutInsightSelectors": {perm("cloudtrail:PutInsightSelectors", resTrail)},
	"CloudTrail:StartLogging":        {perm("cloudtrail:StartLogging", resTrail)},
	"CloudTrail:StopLogging":         {perm("cloudtrail:StopLogging", resTrail)},
	"CloudTrail:AddTags":             {perm("cloudtrail:AddTags", resTrail)},
	"CloudTrail:RemoveTags":          {perm("cloudtrail:RemoveTags", resTrail)},
	"CloudTrail:ListTags":            {perm("cloudtrail:ListTags", resTrail)},

	// CloudWatch Logs: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
	// CreateLogGroup with tags needs logs:TagResource
	// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html).
	"CloudWatch Logs:CreateLogGroup":        {perm("logs:CreateLogGroup", resLogGroup), perm("logs:TagResource", resLogGroup)},
	"CloudWatch Logs:DeleteLogGroup":        {perm("logs:DeleteLogGroup", resLogGroup)},
	"CloudWatch Logs:DescribeLogGroups":     {perm("logs:DescribeLogGroups", resAnyActions)},
	"CloudWatch Logs:PutRetentionPolicy":    {perm("logs:PutRetentionPolicy", resLogGroup)},
	"CloudWatch Logs:AssociateKmsKey":       {perm("logs:AssociateKmsKey", resLogGroup)},
	"CloudWatch Logs:DisassociateKmsKey":    {perm("logs:DisassociateKmsKey", resLogGroup)},
	"CloudWatch Logs:PutMetricFilter":       {perm("logs:PutMetricFilter", resLogGroup)},
	"CloudWatch Logs:DeleteMetricFilter":    {perm("logs:DeleteMetricFilter", resLogGroup)},
	"CloudWatch Logs:DescribeMetricFilters": {perm("logs:DescribeMetricFilters", resLogGroup)},
	"CloudWatch Logs:TagResource":           {perm("logs:TagResource", resLogGroup)},
	"CloudWatch Logs:UntagResource":         {perm("logs:UntagResource", resLogGroup)},
	"CloudWatch Logs:ListTagsForResource":   {perm("logs:ListTagsForResource", resLogGroup)},

	// CloudWatch: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
	// PutMetricAlarm with Tags needs cloudwatch:TagResource.
	"CloudWatch:PutMetricAlarm":      {perm("cloudwatch:PutMetricAlarm", resAlarm), perm("cloudwatch:TagResource", resAlarm)},
	"CloudWatch:DeleteAlarms":        {perm("cloudwatch:DeleteAlarms", resAlarm)},
	"CloudWatch:DescribeAlarms":      {perm("cloudwatch:DescribeAlarms", resAlarm)},
	"CloudWatch:TagResource":         {perm("cloudwatch:TagResource", resAlarm)},
	"CloudWatch:UntagResource":       {perm("cloudwatch:UntagResource", resAlarm)},
	"CloudWatch:ListTagsForResource": {perm("cloudwatch:ListTagsForResource", resAlarm)},

	// SNS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
	// CreateTopic with Tags needs sns:TagResource.
	"SNS:CreateTopic":              {perm("sns:CreateTopic", resTopic), perm("sns:TagResource", resTopic)},
	"SNS:DeleteTopic":              {perm("sns:DeleteTopic", resTopic)},
	"SNS:GetTopicAttributes":       {perm("sns:GetTopicAttributes", resTopic)},
	"SNS:SetTopicAttributes":       {perm("sns:SetTopicAttributes", resTopic)},
	"SNS:Subscribe":                {perm("sns:Subscribe", resTopic)},
	"SNS:Unsubscribe":              {perm("sns:Unsubscribe", resTopic)},
	"SNS:ListSubscriptionsByTopic": {perm("sns:ListSubscriptionsByTopic", resTopic)},
	"SNS:TagResource":              {perm("sns:TagResource", resTopic)},
	"SNS:UntagResource":            {perm("sns:UntagResource", resTopic)},
	"SNS:ListTagsForResource":      {perm("sns:ListTagsForResource", resTopic)},

	// AWS Config: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsconfig.html
	// PutConfigurationRecorder hands the service-linked role to Config.
	"Config Service:PutConfigurationRecorder": {perm("config:PutConfigurationRecorder", resRecorder),
		passRole(resConfigSLR, "config.amazonaws.com")},
	"Config Service:DescribeConfigurationRecorders":      {perm("config:DescribeConfigurationRecorders", resRecorder)},
	"Config Service:DescribeConfigurationRecorderStatus": {perm("config:DescribeConfigurationRecorderStatus", resRecorder)},
	"Config Service:StartConfigurationRecorder":          {perm("config:StartConfigurationRecorder", resRecorder)},
	"Config Service:StopConfigurationRecorder":           {perm("config:StopConfigurationRecorder", resRecorder)},
	"Config Service:DeleteConfigurationRecorder":         {perm("config:DeleteConfigurationRecorder", resRecorder)},
	"Config Service:PutDeliveryChannel":                  {perm("config:PutDeliveryChannel", resAnyActions)},
	"Config Service:DescribeDeliveryChannels":            {perm("config:DescribeDeliveryChannels", resAnyActions)},
	"Config Service:DeleteDeliveryChannel":               {perm("config:DeleteDeliveryChannel", resAnyActions)},
	// The organization aggregator: tags given at creation need config:TagResource; its role is
	// passed to Config.
	"Config Service:PutConfigurationAggregator": {perm("config:PutConfigurationAggregator", resAggregator),
		perm("config:TagResource", resAggregator), passRole(resDelivery, "config.amazonaws.com")},
	"Config Service:DescribeConfigurationAggregators": {perm("config:DescribeConfigurationAggregators", resAnyActions)},
	"Config Service:DeleteConfigurationAggregator":    {perm("config:DeleteConfigurationAggregator", resAggregator)},

	// IAM: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
	// CreateRole with Tags needs iam:TagRole.
	"IAM:CreateRole":             {perm("iam:CreateRole", resDelivery), perm("iam:TagRole", resDelivery), perm("iam:CreateRole", resForwardRole), perm("iam:TagRole", resForwardRole)},
	"IAM:GetRole":                {perm("iam:GetRole", resDelivery), perm("iam:GetRole", resForwardRole)},
	"IAM:DeleteRole":             {perm("iam:DeleteRole", resDelivery), perm("iam:DeleteRole", resForwardRole)},
	"IAM:UpdateAssumeRolePolicy": {perm("iam:UpdateAssumeRolePolicy", resDelivery), perm("iam:UpdateAssumeRolePolicy", resForwardRole)},
	"IAM:PutRolePolicy":          {perm("iam:PutRolePolicy", resDelivery), perm("iam:PutRolePolicy", resForwardRole)},
	"IAM:GetRolePolicy":          {perm("iam:GetRolePolicy", resDelivery), perm("iam:GetRolePolicy", resForwardRole)},
	"IAM:DeleteRolePolicy":       {perm("iam:DeleteRolePolicy", resDelivery), perm("iam:DeleteRolePolicy", resForwardRole)},
	"IAM:TagRole":                {perm("iam:TagRole", resDelivery), perm("iam:TagRole", resForwardRole)},
	"IAM:UntagRole":              {perm("iam:UntagRole", resDelivery), perm("iam:UntagRole", resForwardRole)},
	"IAM:ListRoleTags":           {perm("iam:ListRoleTags", resDelivery)},
	"IAM:ListRoles":              {perm("iam:ListRoles", resAnyActions)},
	// The aggregator's role gets one AWS managed policy, and only that one may be attached.
	"IAM:AttachRolePolicy": {{Action: "iam:AttachRolePolicy", Resource: resDelivery,
		Context: map[string]string{"iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"}}},
	"IAM:DetachRolePolicy": {{Action: "iam:DetachRolePolicy", Resource: resDelivery,
		Context: map[string]string{"iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"}}},
	"IAM:ListAttachedRolePolicies": {perm("iam:ListAttachedRolePolicies", resDelivery)},
	"IAM:CreateServiceLinkedRole": {{Action: "iam:CreateServiceLinkedRole", Resource: resConfigSLR,
		Context: map[string]string{"iam:AWSServiceName": "config.amazonaws.com"}}},

	// KMS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
	"KMS:DescribeKey":  {perm("kms:DescribeKey", resKey)},
	"KMS:GetKeyPolicy": {perm("kms:GetKeyPolicy", resKey)},
	// soc2_kms_key. CreateKey and ListAliases have no resource type; an alias operation is
	// authorized on both the alias and the key it points at
	// (https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html).
	"KMS:CreateKey":            {perm("kms:CreateKey", resAnyActions), perm("kms:TagResource", resKey)},
	"KMS:ListAliases":          {perm("kms:ListAliases", resAnyActions)},
	"KMS:CreateAlias":          {perm("kms:CreateAlias", resAlias), perm("kms:CreateAlias", resKey)},
	"KMS:UpdateAlias":          {perm("kms:UpdateAlias", resAlias), perm("kms:UpdateAlias", resKey)},
	"KMS:DeleteAlias":          {perm("kms:DeleteAlias", resAlias), perm("kms:DeleteAlias", resKey)},
	"KMS:PutKeyPolicy":         {perm("kms:PutKeyPolicy", resKey)},
	"KMS:EnableKey":            {perm("kms:EnableKey", resKey)},
	"KMS:EnableKeyRotation":    {perm("kms:EnableKeyRotation", resKey)},
	"KMS:GetKeyRotationStatus": {perm("kms:GetKeyRotationStatus", resKey)},
	"KMS:ScheduleKeyDeletion":  {perm("kms:ScheduleKeyDeletion", resKey)},
	"KMS:CancelKeyDeletion":    {perm("kms:CancelKeyDeletion", resKey)},
	"KMS:UpdateKeyDescription": {perm("kms:UpdateKeyDescription", resKey)},
	"KMS:ListResourceTags":     {perm("kms:ListResourceTags", resKey)},
	"KMS:TagResource":          {perm("kms:TagResource", resKey)},
	"KMS:UntagResource":        {perm("kms:UntagResource", resKey)},
	// soc2_bucket_access_logging reads the buckets of the account to find its sources and checks
	// the target before it turns logging on.
	"S3:ListBuckets":       {perm("s3:ListAllMyBuckets", resAnyActions)},
	"S3:GetBucketLocation": {perm("s3:GetBucketLocation", resBucket), perm("s3:GetBucketLocation", resDataBucket)},
	"S3:GetBucketAcl":      {perm("s3:GetBucketAcl", resBucket)},
	// soc2_account_public_access_block: S3 Control's account-level actions have no resource type;
	// DeletePublicAccessBlock is authorized by s3:PutAccountPublicAccessBlock
	// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html).
	"S3 Control:GetPublicAccessBlock":    {perm("s3:GetAccountPublicAccessBlock", resAnyActions)},
	"S3 Control:PutPublicAccessBlock":    {perm("s3:PutAccountPublicAccessBlock", resAnyActions)},
	"S3 Control:DeletePublicAccessBlock": {perm("s3:PutAccountPublicAccessBlock", resAnyActions)},

	// The evidence binder (data soc2_evidence, soc2-evidence): the change log reads the trail's log
	// group, or CloudTrail's event history, which has no resource type; the inventory's GetResources
	// has none either.
	// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html
	// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
	// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourcegroupstaggingapi.html
	"CloudTrail:LookupEvents":                  {perm("cloudtrail:LookupEvents", resAnyActions)},
	"CloudWatch Logs:FilterLogEvents":          {perm("logs:FilterLogEvents", resLogGroup)},
	"Resource Groups Tagging API:GetResources": {perm("tag:GetResources", resAnyActions)},

	// Access Analyzer: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiamaccessanalyzer.html
	// The first analyzer of an account creates Access Analyzer's service-linked role as the caller
	// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-using-service-linked-roles.html);
	// tags given at creation need the tagging action too.
	"AccessAnalyzer:CreateAnalyzer": {perm("access-analyzer:CreateAnalyzer", resAnalyzer), perm("access-analyzer:CreateAnalyzer", resAnalyzerUA),
		perm("access-analyzer:TagResource", resAnalyzer), {Action: "iam:CreateServiceLinkedRole", Resource: resAASLR,
			Context: map[string]string{"iam:AWSServiceName": "access-analyzer.amazonaws.com"}}},
	"AccessAnalyzer:GetAnalyzer":       {perm("access-analyzer:GetAnalyzer", resAnalyzer), perm("access-analyzer:GetAnalyzer", resAnalyzerUA)},
	"AccessAnalyzer:UpdateAnalyzer":    {perm("access-analyzer:UpdateAnalyzer", resAnalyzerUA)},
	"AccessAnalyzer:DeleteAnalyzer":    {perm("access-analyzer:DeleteAnalyzer", resAnalyzer), perm("access-analyzer:DeleteAnalyzer", resAnalyzerUA)},
	"AccessAnalyzer:ListArchiveRules":  {perm("access-analyzer:ListArchiveRules", resAnalyzer)},
	"AccessAnalyzer:ListFindings":      {perm("access-analyzer:ListFindings", resAnalyzer)}, // data.soc2_access_findings
	"AccessAnalyzer:CreateArchiveRule": {perm("access-analyzer:CreateArchiveRule", resArchiveRule)},
	"AccessAnalyzer:UpdateArchiveRule": {perm("access-analyzer:UpdateArchiveRule", resArchiveRule)},
	"AccessAnalyzer:DeleteArchiveRule": {perm("access-analyzer:DeleteArchiveRule", resArchiveRule)},
	"AccessAnalyzer:TagResource":       {perm("access-analyzer:TagResource", resAnalyzer)},
	"AccessAnalyzer:UntagResource":     {perm("access-analyzer:UntagResource", resAnalyzer)},
	// EventBridge: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
	// PutRule with Tags also needs events:TagResource.
	"EventBridge:DescribeRule":        {perm("events:DescribeRule", resEventRule)},
	"EventBridge:PutRule":             {perm("events:PutRule", resEventRule), perm("events:TagResource", resEventRule)},
	"EventBridge:DeleteRule":          {perm("events:DeleteRule", resEventRule)},
	"EventBridge:PutTargets":          {perm("events:PutTargets", resEventRule), passRole(resForwardRole, "events.amazonaws.com")},
	"EventBridge:RemoveTargets":       {perm("events:RemoveTargets", resEventRule)},
	"EventBridge:ListTargetsByRule":   {perm("events:ListTargetsByRule", resEventRule)},
	"EventBridge:ListTagsForResource": {perm("events:ListTagsForResource", resEventRule)},
	"EventBridge:TagResource":         {perm("events:TagResource", resEventRule)},
	"EventBridge:UntagResource":       {perm("events:UntagResource", resEventRule)},
	// Organizations (an ORGANIZATION analyzer, an organization trail or aggregator): no resource type.
	// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html
	"Organizations:DescribeOrganization":        {perm("organizations:DescribeOrganization", resAnyActions)},
	"Organizations:ListDelegatedAdministrators": {perm("organizations:ListDelegatedAdministrators", resAnyActions)},

	// EC2: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
	"EC2:DescribeRegions": {perm("ec2:DescribeRegions", resAnyActions)},

	// No permission: "No permissions are required to perform this operation"
	// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
	"STS:GetCallerIdentity": {},
	// With assume_role, the base credentials call AssumeRole to become the deploy role: the role's
	// trust policy allows that, not the deploy role's own policy.
	"STS:AssumeRole": {},
}

var callLine = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ]*:[A-Za-z0-9]+$`)

// TestDocumentedPermissions checks every operation recorded in SOC2_AWS_CALL_LOG against the guide.
func TestDocumentedPermissions(t *testing.T) {
	ops := recordedOperations(t)
	policy, statements := guidePolicy(t)

	var unmapped []string
	var needed []permission
	neededBy := map[string][]string{}
	for _, op := range ops {
		perms, ok := operationPermissions[op]
		if !ok {
			unmapped = append(unmapped, op)
			continue
		}
		for _, p := range perms {
			key := p.key()
			if _, seen := neededBy[key]; !seen {
				needed = append(needed, p)
			}
			neededBy[key] = append(neededBy[key], op)
		}
	}
	for _, op := range unmapped {
		t.Errorf("%s was called but has no entry in operationPermissions (internal/policies/permissions_test.go): "+
			"add it with the IAM action(s) the Service Authorization Reference lists for it "+
			"(https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html), "+
			"and the action(s) to the policy in %s", op, guideSource)
	}
	for _, problem := range denied(t, policy, statements, needed, neededBy) {
		t.Error(problem)
	}
	if !t.Failed() {
		t.Logf("permissions: %d recorded operations, all allowed by %s", len(ops), guidePath)
		fmt.Printf("permissions: %d recorded operations, all allowed by %s\n", len(ops), guidePath)
	}
}

// TestDocumentedPermissionsCoverMapping needs no recording: every action of every mapped
// operation is allowed by the guide, so the table and the guide cannot drift apart.
func TestDocumentedPermissionsCoverMapping(t *testing.T) {
	policy, statements := guidePolicy(t)
	var needed []permission
	neededBy := map[string][]string{}
	for op, perms := range operationPermissions {
		for _, p := range perms {
			if _, seen := neededBy[p.key()]; !seen {
				needed = append(needed, p)
			}
			neededBy[p.key()] = append(neededBy[p.key()], op)
		}
	}
	sort.Slice(needed, func(i, j int) bool { return needed[i].key() < needed[j].key() })
	for _, problem := range denied(t, policy, statements, needed, neededBy) {
		t.Error(problem)
	}
}

// TestDocumentedPermissionsCoverSourceCalls needs no recording either: every SDK operation the
// provider's code names (an <Operation>Input literal) is in operationPermissions.
func TestDocumentedPermissionsCoverSourceCalls(t *testing.T) {
	for _, op := range sourceOperations(t) {
		if _, ok := operationPermissions[op]; !ok {
			t.Errorf("the provider's code calls %s, which has no entry in operationPermissions: add it with its IAM action(s), "+
				"and the action(s) to the policy in %s", op, guideSource)
		}
	}
}

func (p permission) key() string {
	ctx := make([]string, 0, len(p.Context))
	for k, v := range p.Context {
		ctx = append(ctx, k+"="+v)
	}
	sort.Strings(ctx)
	return p.Action + " on " + p.Resource + strings.Join(ctx, ",")
}

// recordedOperations reads the distinct operations in the call log; without one the test skips,
// except under CI, where a missing file means the recording run did not happen.
func recordedOperations(t *testing.T) []string {
	t.Helper()
	path := os.Getenv(conns.CallLogEnv)
	if path == "" {
		t.Skipf("%s is not set, so no AWS calls were recorded; `make test` records the acceptance suite and runs this test on it", conns.CallLogEnv)
	}
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s=%s: %v; under CI the acceptance suite must have recorded its AWS calls there (run `make test`)", conns.CallLogEnv, path, err)
		}
		t.Skipf("%s=%s: %v (no AWS calls recorded yet; `make test` records them)", conns.CallLogEnv, path, err)
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !callLine.MatchString(line) {
			t.Fatalf("%s line %d is %q, not <service id>:<operation>", path, n, line)
		}
		seen[line] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 {
		t.Fatalf("%s records no AWS call: did the acceptance tests run (TF_ACC=1)?", path)
	}
	ops := make([]string, 0, len(seen))
	for op := range seen {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	return ops
}

type guideStatement struct {
	Sid       string
	Effect    string
	Action    stringOrList
	Resource  stringOrList
	Condition map[string]map[string]any
}

type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

var jsonBlock = regexp.MustCompile("(?s)```json\n(.*?)```")

// guidePolicy extracts the one JSON policy of the guide; the template it is generated from must
// hold the same block, so a guide not regenerated after an edit fails too.
func guidePolicy(t *testing.T) (string, []guideStatement) {
	t.Helper()
	root := filepath.Join("..", "..")
	extract := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		blocks := jsonBlock.FindAllStringSubmatch(string(b), -1)
		if len(blocks) != 1 {
			t.Fatalf("%s has %d ```json blocks, want exactly one (the policy)", rel, len(blocks))
		}
		return blocks[0][1]
	}
	policy := extract(guidePath)
	if extract(guideSource) != policy {
		t.Fatalf("the policy in %s differs from %s: run `make docs`", guidePath, guideSource)
	}
	var doc struct {
		Version   string
		Statement []guideStatement
	}
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		t.Fatalf("the policy in %s is not valid JSON: %v", guidePath, err)
	}
	sids := map[string]bool{}
	for _, s := range doc.Statement {
		if s.Sid == "" || sids[s.Sid] || s.Effect != "Allow" {
			t.Fatalf("statement %q of %s: every statement needs its own Sid and Effect Allow", s.Sid, guidePath)
		}
		sids[s.Sid] = true
	}
	return policy, doc.Statement
}

// denied evaluates each permission as an identity-policy request of the deploy role and explains
// every one the policy does not allow.
func denied(t *testing.T, policy string, statements []guideStatement, needed []permission, neededBy map[string][]string) []string {
	t.Helper()
	if len(needed) == 0 {
		return nil
	}
	engine := policySimDir(t)
	cases := make([]engineCase, len(needed))
	for i, p := range needed {
		ctx := map[string]any{}
		for k, v := range p.Context {
			ctx[k] = v
		}
		cases[i] = engineCase{ID: p.key(), Principal: deployRole, Action: p.Action, Resource: p.Resource,
			ResourceAccount: permsAccount, Context: ctx, IdentityPolicies: []json.RawMessage{json.RawMessage(policy)}}
		if strings.HasPrefix(p.Action, "kms:") {
			cases[i].ResourcePolicy = json.RawMessage(defaultKeyPolicy)
		}
	}
	var problems []string
	for i, r := range runEngine(t, engine, cases) {
		p := needed[i]
		switch {
		case r.Error != "":
			problems = append(problems, fmt.Sprintf("%s (needed by %s): the engine could not evaluate it: %s",
				p.key(), strings.Join(neededBy[p.key()], ", "), r.Error))
		case r.Decision != "Allowed":
			problems = append(problems, fmt.Sprintf("%s is needed by %s but the policy in %s does not allow it (%s): %s",
				p.Action, strings.Join(neededBy[p.key()], ", "), guidePath, r.Decision, fixFor(p, statements)))
		}
	}
	return problems
}

// fixFor names the statement to extend: one of the same service whose resources cover the
// resource, else any whose resources do, else a new one.
func fixFor(p permission, statements []guideStatement) string {
	prefix := p.Action[:strings.Index(p.Action, ":")+1]
	var sameService, anyService string
	for _, s := range statements {
		if len(s.Condition) > 0 || !s.Resource.covers(p.Resource) {
			continue
		}
		for _, a := range s.Action {
			if strings.HasPrefix(a, prefix) && sameService == "" {
				sameService = s.Sid
			}
		}
		if anyService == "" {
			anyService = s.Sid
		}
	}
	target := sameService
	if target == "" {
		target = anyService
	}
	if target != "" && len(p.Context) == 0 {
		return fmt.Sprintf("add %q to the Action list of statement %q in %s, then run `make docs`", p.Action, target, guideSource)
	}
	return fmt.Sprintf("add a statement to %s allowing %q on %q or a pattern covering it%s, say why in its table, then run `make docs`",
		guideSource, p.Action, p.Resource, conditionHint(p.Context))
}

func conditionHint(ctx map[string]string) string {
	if len(ctx) == 0 {
		return ""
	}
	var parts []string
	for k, v := range ctx {
		parts = append(parts, fmt.Sprintf("StringEquals %s = %s", k, v))
	}
	sort.Strings(parts)
	return ", with condition " + strings.Join(parts, ", ")
}

// covers reports whether any resource pattern matches the ARN, '*' matching any run of
// characters and '?' one, as IAM matches the Resource element.
func (patterns stringOrList) covers(resource string) bool {
	for _, pat := range patterns {
		if globMatch(pat, resource) {
			return true
		}
	}
	return false
}

func globMatch(pat, s string) bool {
	if pat == "" {
		return s == ""
	}
	switch pat[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if globMatch(pat[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && globMatch(pat[1:], s[1:])
	default:
		return s != "" && s[0] == pat[0] && globMatch(pat[1:], s[1:])
	}
}

// sdkPackages maps the SDK packages the provider imports to the service ids their calls record.
var sdkPackages = map[string]string{
	"s3": "S3", "cloudtrail": "CloudTrail", "cloudwatchlogs": "CloudWatch Logs", "cloudwatch": "CloudWatch",
	"configservice": "Config Service", "iam": "IAM", "sns": "SNS", "kms": "KMS", "sts": "STS", "ec2": "EC2",
	"s3control":                "S3 Control",
	"resourcegroupstaggingapi": "Resource Groups Tagging API",
	"accessanalyzer":           "AccessAnalyzer",
	"eventbridge":              "EventBridge",
	"organizations":            "Organizations",
}

var inputLiteral = regexp.MustCompile(`\b(s3control|s3|cloudtrail|cloudwatchlogs|cloudwatch|configservice|iam|sns|kms|sts|ec2|resourcegroupstaggingapi|accessanalyzer|eventbridge|organizations)\.([A-Z][A-Za-z0-9]+)Input\b`)

// sourceOperations lists the operations named in the provider's non-test code: the resources,
// the provider and the client factory. Test helpers, the service probe of the acceptance tests,
// the demo and the reliability inventory make calls of their own that a deploy role never needs.
func sourceOperations(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "internal")
	skip := map[string]bool{"acctest": true, "demo": true, "reliability": true}
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && skip[d.Name()] {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.HasPrefix(filepath.Base(path), "serviceprobe") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range inputLiteral.FindAllStringSubmatch(string(b), -1) {
			seen[sdkPackages[m[1]]+":"+m[2]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ops := make([]string, 0, len(seen))
	for op := range seen {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	if len(ops) == 0 {
		t.Fatal("found no SDK operation in internal/: the scan is broken")
	}
	return ops
}
