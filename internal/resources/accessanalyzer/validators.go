package accessanalyzer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

const (
	minUnusedAge = 1
	maxUnusedAge = 365
)

// archiveFilterKeys are the keys Access Analyzer accepts in an archive rule's filter; `status`
// is a findings filter only. Condition keys are written condition.<policy condition key>.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
var archiveFilterKeys = []string{
	"error", "findingType", "isPublic", "principal.AWS", "principal.Federated", "resource",
	"resourceControlPolicyRestriction", "resourceOwnerAccount", "resourceType",
}

const conditionPrefix = "condition."

var filterKeysDoc = "`" + strings.Join(archiveFilterKeys, "`, `") + "` and `" + conditionPrefix +
	"<condition key>`, e.g. `condition.aws:PrincipalOrgID`; " +
	"https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html"

// filterKeyProblem explains why key cannot be used in an archive rule, or returns "".
func filterKeyProblem(key string) string {
	if slices.Contains(archiveFilterKeys, key) || (strings.HasPrefix(key, conditionPrefix) && len(key) > len(conditionPrefix)) {
		return ""
	}
	if key == "status" {
		return `"status" filters findings lists but Access Analyzer refuses it in archive rules (archived findings are status ARCHIVED by definition); remove it`
	}
	return fmt.Sprintf("%q is not an Access Analyzer archive-rule filter key; use one of %s", key, filterKeysDoc)
}

// analyzerNamePattern is CreateAnalyzer's analyzerName pattern; the suffixed names of the
// unused-access analyzer and the rule must fit AWS's 255 and 64 character limits too.
var analyzerNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

// maxNameLength keeps "<name>-findings" within EventBridge's 64-character rule names.
const maxNameLength = 64 - len(ruleSuffix)

func nameProblem(name string) string {
	if !analyzerNamePattern.MatchString(name) {
		return fmt.Sprintf("%q is not an analyzer name: start with a letter and use only letters, digits, '_', '.' and '-', e.g. \"soc2-access-analyzer\"", name)
	}
	if len(name) > maxNameLength {
		return fmt.Sprintf("%q is %d characters; use at most %d, so that the EventBridge rule %q fits EventBridge's 64", name, len(name), maxNameLength, ruleName(name))
	}
	return ""
}

func typeProblem(t string) string {
	if t == "ACCOUNT" || t == "ORGANIZATION" {
		return ""
	}
	return fmt.Sprintf("%q is not an analyzer type; use \"ACCOUNT\" or \"ORGANIZATION\" (the unused-access analyzer follows from unused_access_age_days)", t)
}

func unusedAgeProblem(days int64) string {
	if days >= minUnusedAge && days <= maxUnusedAge {
		return ""
	}
	return fmt.Sprintf("%d days is outside the %d–%d Access Analyzer accepts for unusedAccessAge; use e.g. 90, or remove unused_access_age_days to go without the (paid) unused-access analyzer", days, minUnusedAge, maxUnusedAge)
}
