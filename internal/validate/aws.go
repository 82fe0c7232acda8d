package validate

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	regionPattern    = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$`)
	accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)
)

// RegionName returns "" when name looks like an AWS region code (us-east-1, us-gov-west-1).
func RegionName(name string) string {
	return mismatch(regionPattern, name, "not an AWS region code; use the form us-east-1, eu-west-2 or ap-southeast-1")
}

// mismatch is problem when re does not match v, "" when it does.
func mismatch(re *regexp.Regexp, v, problem string) string {
	if re.MatchString(v) {
		return ""
	}
	return problem
}

// Region checks the shape of a region code; whether the account has it enabled is checked where
// the account is known.
func Region() validator.String {
	return StringFunc("an AWS region code such as us-east-1", RegionName)
}

// AccountID accepts exactly twelve digits, the only form AWS account ids take.
func AccountID() validator.String {
	return StringFunc("a 12-digit AWS account id", func(v string) string {
		return mismatch(accountIDPattern, v, "an AWS account id is exactly 12 digits, e.g. \"123456789012\" (keep leading zeros; quote it)")
	})
}

// EndpointURL accepts an absolute http(s) URL with a host, the form AWS_ENDPOINT_URL takes.
func EndpointURL() validator.String {
	return StringFunc("an absolute http:// or https:// URL", EndpointURLProblem)
}

// EndpointURLProblem is the check behind EndpointURL, shared with the AWS_ENDPOINT_URL fallback.
func EndpointURLProblem(v string) string {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "not an absolute http:// or https:// URL; use e.g. \"http://127.0.0.1:4566\""
	}
	if _, port, err := net.SplitHostPort(u.Host); err == nil && port == "" {
		return "the URL has an empty port; use e.g. \"http://127.0.0.1:4566\""
	}
	return ""
}

// ARN checks that a value is an ARN of the given service whose resource starts with one of the
// prefixes ("role/", "key/", "alias/"); an empty prefix list accepts any resource.
func ARN(service string, resourcePrefixes ...string) validator.String {
	desc := "an ARN of service " + service
	return StringFunc(desc, func(v string) string { return ARNProblem(v, service, resourcePrefixes...) })
}

// ARNProblem is the check behind ARN, for callers that validate list elements or nested values.
func ARNProblem(v, service string, resourcePrefixes ...string) string {
	example := exampleARN(service, resourcePrefixes)
	parsed, err := arn.Parse(v)
	if err != nil {
		return fmt.Sprintf("not an ARN; expected the form %s", example)
	}
	if parsed.Service != service {
		return fmt.Sprintf("an ARN of service %q where %q is required; expected the form %s", parsed.Service, service, example)
	}
	if !strings.HasPrefix(parsed.Partition, "aws") {
		return fmt.Sprintf("unknown partition %q; expected aws, aws-cn or aws-us-gov", parsed.Partition)
	}
	if parsed.AccountID != "" && !accountIDPattern.MatchString(parsed.AccountID) {
		return fmt.Sprintf("account %q in the ARN is not 12 digits; expected the form %s", parsed.AccountID, example)
	}
	if len(resourcePrefixes) > 0 {
		ok := false
		for _, p := range resourcePrefixes {
			if strings.HasPrefix(parsed.Resource, p) && len(parsed.Resource) > len(p) {
				ok = true
			}
		}
		if !ok {
			return fmt.Sprintf("resource %q must start with %s and name something; expected the form %s",
				parsed.Resource, strings.Join(quoteAll(resourcePrefixes), " or "), example)
		}
	}
	return ""
}

func exampleARN(service string, prefixes []string) string {
	resource := "NAME"
	if len(prefixes) > 0 {
		resource = prefixes[0] + "NAME"
	}
	switch service {
	case "iam":
		return "arn:aws:iam::123456789012:" + resource
	case "s3":
		return "arn:aws:s3:::" + resource
	default:
		return "arn:aws:" + service + ":us-east-1:123456789012:" + resource
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
