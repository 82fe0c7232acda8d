package alarmpack

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

var (
	// Filter and alarm names share the prefix; ':' and '*' are not allowed in filter names, and
	// ':' is the import separator.
	namePrefixPattern = regexp.MustCompile(`^[A-Za-z0-9._/#-]{0,64}$`)
	customIDPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	namespacePattern  = regexp.MustCompile(`^[A-Za-z0-9._/#: -]{1,255}$`)
	topicNamePattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	emailPattern      = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

func namePrefixProblem(v string) string {
	if !namePrefixPattern.MatchString(v) {
		return "use at most 64 letters, digits and . - _ / # (no ':' or '*', which filter names reject), e.g. \"soc2-\""
	}
	return ""
}

func sortedCatalogIDs() []string {
	ids := alarmcatalog.IDs()
	sort.Strings(ids)
	return ids
}

func customIDProblem(v string) string {
	if !customIDPattern.MatchString(v) {
		return "an id is 1-64 lower-case letters, digits and underscores starting with a letter, e.g. \"public_access_block_changes\""
	}
	return ""
}

func namespaceProblem(v string) string {
	if strings.HasPrefix(v, "AWS/") {
		return "namespaces starting with AWS/ are reserved for AWS services; use e.g. \"SOC2/CloudTrail\""
	}
	if !namespacePattern.MatchString(v) {
		return "a namespace is 1-255 letters, digits, spaces and . - _ / # :; use e.g. \"SOC2/CloudTrail\""
	}
	return ""
}

func emailProblem(v string) string {
	if !emailPattern.MatchString(v) {
		return "not an e-mail address; use e.g. \"secops@example.com\""
	}
	return ""
}

var periodValidator = validate.Int64Func("a multiple of 60 seconds between 60 and 86400", periodProblem)

// periodProblem enforces whole minutes: metric filters publish at one-minute resolution, so a
// shorter or fractional period would evaluate empty data points.
func periodProblem(p int64) string {
	switch {
	case p < 60 || p > 86400:
		return "the period must be between 60 and 86400 seconds; use e.g. 300"
	case p%60 != 0:
		lower := p / 60 * 60
		return fmt.Sprintf("the period must be a multiple of 60 seconds; use %d or %d", lower, lower+60)
	}
	return ""
}
