package cloudtrailbaseline

import (
	"fmt"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

var (
	trailNameChars = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

// trailNameProblem applies CloudTrail's naming rules, so a bad name fails at plan time rather
// than halfway through an apply.
func trailNameProblem(v string) string {
	const fix = "use 3-128 letters, digits, periods, underscores or dashes that start and end with a letter or digit, e.g. \"soc2-audit\""
	switch {
	case len(v) < 3 || len(v) > 128:
		return fmt.Sprintf("a trail name has 3 to 128 characters, this one %d; %s", len(v), fix)
	case !trailNameChars.MatchString(v):
		return "a trail name may hold only letters, digits, periods, underscores and dashes; " + fix
	case !isAlnum(v[0]) || !isAlnum(v[len(v)-1]):
		return "a trail name must start and end with a letter or digit; " + fix
	case net.ParseIP(v) != nil:
		return "a trail name cannot be an IP address; " + fix
	}
	for i := 1; i < len(v); i++ {
		if isPunct(v[i-1]) && isPunct(v[i]) {
			return fmt.Sprintf("a trail name cannot have adjacent periods, underscores or dashes (%q); %s", v[i-1:i+1], fix)
		}
	}
	return ""
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isPunct(c byte) bool { return c == '.' || c == '_' || c == '-' }

// retentionValues are the retention periods CloudWatch Logs accepts.
var retentionValues = []int64{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// minRetentionDays is the floor the SOC 2 playbook sets for retained logs.
const minRetentionDays = 90

func retentionProblem(days int64) string {
	var allowed []string
	for _, d := range retentionValues {
		if d >= minRetentionDays {
			allowed = append(allowed, strconv.FormatInt(d, 10))
		}
	}
	list := strings.Join(allowed, ", ")
	if days < minRetentionDays {
		return fmt.Sprintf("SOC 2 log retention needs at least %d days (CC7.2 evidence); use one of %s", minRetentionDays, list)
	}
	if !slices.Contains(retentionValues, days) {
		return "CloudWatch Logs does not accept this retention; use one of " + list
	}
	return ""
}

var retentionValidator = validate.Int64Func("a CloudWatch Logs retention period of at least 90 days", retentionProblem)

// deliveryFrequencies are the snapshot delivery frequencies AWS Config accepts.
var deliveryFrequencies = []string{"One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"}

func deliveryFrequencyProblem(v string) string {
	if slices.Contains(deliveryFrequencies, v) {
		return ""
	}
	return "not a delivery frequency AWS Config accepts; use one of " + strings.Join(deliveryFrequencies, ", ")
}

func prefixProblem(v string) string {
	switch {
	case v == "":
		return "an empty prefix is not allowed; omit the attribute to write at the bucket root"
	case strings.HasPrefix(v, "/") || strings.HasSuffix(v, "/"):
		return "leave out leading and trailing slashes (AWS adds the separator); e.g. \"cloudtrail\""
	case strings.Contains(v, "AWSLogs"):
		return "a prefix may not contain \"AWSLogs\", which AWS appends itself; e.g. \"cloudtrail\""
	case len(v) > 200:
		return "a key prefix is at most 200 characters"
	}
	return ""
}

var (
	trailNameValidator    = validate.StringFunc("a CloudTrail trail name", trailNameProblem)
	bucketNameValidator   = validate.S3BucketName()
	deliveryFreqValidator = validate.StringFunc("an AWS Config delivery frequency", deliveryFrequencyProblem)
	prefixValidator       = validate.StringFunc("an S3 key prefix", prefixProblem)
	logGroupNameValidator = validate.LogGroupName()
	kmsKeyValidator       = validate.ARN("kms", "key/", "alias/")
	snsTopicValidator     = validate.ARN("sns")
)

// cloudTrailKMSDocs documents the key policy statements CloudTrail needs on its key.
const cloudTrailKMSDocs = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html"

// awsManagedKeyProblem refuses an AWS managed key (alias/aws/...). CloudTrail encrypts log files
// only with a key whose policy lets cloudtrail.amazonaws.com call kms:GenerateDataKey* and
// kms:DescribeKey (create-kms-key-policy-for-cloudtrail), and the policy of an AWS managed key
// allows only the service that owns it and cannot be changed
// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key).
func awsManagedKeyProblem(v string) string {
	_, alias, ok := strings.Cut(v, ":alias/")
	if !ok && strings.HasPrefix(v, "alias/") {
		alias, ok = strings.TrimPrefix(v, "alias/"), true
	}
	if !ok || !strings.HasPrefix(alias, "aws/") {
		return ""
	}
	return "an AWS managed key: its key policy admits only the AWS service that owns it and cannot be edited, so CloudTrail " +
		"cannot use it to encrypt log files (" + cloudTrailKMSDocs + "); create a customer managed key whose policy has the " +
		"statements this page lists and give its ARN, or omit kms_key_arn to keep S3 default encryption"
}

// insightTypes are the CloudTrail Insights types a trail accepts.
var insightTypes = []string{"ApiCallRateInsight", "ApiErrorRateInsight"}

func insightTypeProblem(v string) string {
	if slices.Contains(insightTypes, v) {
		return ""
	}
	return "not a CloudTrail Insights type; use " + strings.Join(insightTypes, " and/or ") + " (names are case-sensitive)"
}

var insightTypeValidator = validate.StringFunc("a CloudTrail Insights type", insightTypeProblem)
