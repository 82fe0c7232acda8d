package validate

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	reservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// S3BucketNameProblem returns "" for a name S3 accepts for a general purpose bucket, else the rule
// it breaks and how to fix it. Checking here turns a failed CreateBucket into a plan-time error.
func S3BucketNameProblem(name string) string {
	if len(name) < 3 || len(name) > 63 {
		return fmt.Sprintf("a bucket name has 3 to 63 characters, this one has %d; shorten or lengthen it", len(name))
	}
	if p := charactersProblem(name); p != "" {
		return p
	}
	if !isLetterOrDigit(name[len(name)-1]) {
		return "a bucket name must end with a lowercase letter or a digit; drop the trailing '" + name[len(name)-1:] + "'"
	}
	if p := reservedPrefixProblem(name); p != "" {
		return p
	}
	for _, s := range reservedSuffixes {
		if strings.HasSuffix(name, s) {
			return fmt.Sprintf("S3 reserves the suffix %q for access points and other bucket types; choose a name that does not end with it", s)
		}
	}
	if addr, err := netip.ParseAddr(name); err == nil && addr.Is4() {
		return "a bucket name must not look like an IP address; use a name such as \"acme-soc2-logs\""
	}
	return ""
}

// S3BucketPrefixProblem applies the rules that concern the start of a name, plus the length limit
// that leaves room for the generated suffix.
func S3BucketPrefixProblem(prefix string, maxLength, generated int) string {
	if prefix == "" {
		return "the prefix is empty; give a stem such as \"acme-logs-\" or set bucket instead"
	}
	if len(prefix) > maxLength {
		return fmt.Sprintf("a bucket_prefix has at most %d characters (S3 allows 63 and %d are generated), this one has %d; shorten it",
			maxLength, generated, len(prefix))
	}
	if p := charactersProblem(prefix); p != "" {
		return p
	}
	return reservedPrefixProblem(prefix)
}

func charactersProblem(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isLetterOrDigit(c) && c != '.' && c != '-' {
			return fmt.Sprintf("character %q at position %d is not allowed: bucket names use only lowercase letters, digits, dots and hyphens", string(c), i+1)
		}
	}
	if !isLetterOrDigit(name[0]) {
		return "a bucket name must begin with a lowercase letter or a digit; drop the leading '" + name[:1] + "'"
	}
	if strings.Contains(name, "..") {
		return "a bucket name must not contain two adjacent dots; replace \"..\" with \".\" or \"-\""
	}
	if strings.Contains(name, ".-") || strings.Contains(name, "-.") {
		return "a dot next to a hyphen (\".-\" or \"-.\") is not a valid DNS label; use one or the other"
	}
	return ""
}

func reservedPrefixProblem(name string) string {
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(name, p) {
			return fmt.Sprintf("S3 reserves names beginning with %q; choose a name that does not start with it", p)
		}
	}
	return ""
}

func isLetterOrDigit(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') }

// S3BucketName checks a general purpose bucket name against every S3 naming rule, so a
// CreateBucket that S3 would refuse fails the plan instead.
func S3BucketName() validator.String {
	return StringFunc("a valid S3 bucket name", S3BucketNameProblem)
}

var logGroupNamePattern = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]{1,512}$`)

// LogGroupNameProblem returns "" for a name CloudWatch Logs accepts for a log group.
func LogGroupNameProblem(v string) string {
	return mismatch(logGroupNamePattern, v, "a log group name is 1-512 letters, digits and . - _ / #; use e.g. \"/soc2/cloudtrail\"")
}

// LogGroupName checks a CloudWatch Logs log group name.
func LogGroupName() validator.String {
	return StringFunc("a CloudWatch Logs log group name", LogGroupNameProblem)
}
