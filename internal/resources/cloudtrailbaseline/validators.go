package cloudtrailbaseline

import (
	"context"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

var (
	trailNameChars  = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	bucketNameChars = regexp.MustCompile(`^[a-z0-9.-]+$`)
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

// bucketNameProblem applies the S3 rules for general purpose bucket names.
func bucketNameProblem(v string) string {
	const fix = "use 3-63 lower-case letters, digits, dots or hyphens that start and end with a letter or digit, e.g. \"acme-soc2-logs\""
	switch {
	case len(v) < 3 || len(v) > 63:
		return fmt.Sprintf("a bucket name has 3 to 63 characters, this one %d; %s", len(v), fix)
	case !bucketNameChars.MatchString(v):
		return "a bucket name may hold only lower-case letters, digits, dots and hyphens; " + fix
	case !isAlnum(v[0]) || !isAlnum(v[len(v)-1]):
		return "a bucket name must start and end with a letter or digit; " + fix
	case strings.Contains(v, ".."):
		return "a bucket name cannot contain two adjacent periods; " + fix
	case net.ParseIP(v) != nil:
		return "a bucket name cannot be an IP address; " + fix
	case strings.HasPrefix(v, "xn--") || strings.HasPrefix(v, "sthree-"):
		return "a bucket name cannot start with \"xn--\" or \"sthree-\"; " + fix
	case strings.HasSuffix(v, "-s3alias") || strings.HasSuffix(v, "--ol-s3"):
		return "a bucket name cannot end with \"-s3alias\" or \"--ol-s3\"; " + fix
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

type retentionValidator struct{}

func (retentionValidator) Description(context.Context) string {
	return "a CloudWatch Logs retention period of at least 90 days"
}
func (v retentionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (retentionValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	days := req.ConfigValue.ValueInt64()
	if problem := retentionProblem(days); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s = %d: %s", req.Path.String(), days, problem))
	}
}

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

func logGroupNameProblem(v string) string {
	if len(v) < 1 || len(v) > 512 || !regexp.MustCompile(`^[\.\-_/#A-Za-z0-9]+$`).MatchString(v) {
		return "a log group name has 1-512 letters, digits, and . - _ / #; e.g. \"/soc2/cloudtrail\""
	}
	return ""
}

var (
	trailNameValidator    = validate.StringFunc("a CloudTrail trail name", trailNameProblem)
	bucketNameValidator   = validate.StringFunc("an S3 bucket name", bucketNameProblem)
	deliveryFreqValidator = validate.StringFunc("an AWS Config delivery frequency", deliveryFrequencyProblem)
	prefixValidator       = validate.StringFunc("an S3 key prefix", prefixProblem)
	logGroupNameValidator = validate.StringFunc("a CloudWatch Logs log group name", logGroupNameProblem)
	kmsKeyValidator       = validate.ARN("kms", "key/", "alias/")
	snsTopicValidator     = validate.ARN("sns")
)
