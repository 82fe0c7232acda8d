package accessanalyzer

// Exports for the acceptance tests of package accessanalyzer_test, which may import acctest (this
// package may not: acctest reaches it through the provider registry).

import (
	"context"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

const TargetID = targetID

func RuleName(name string) string { return ruleName(name) }

// FindingsRule names the findings rule of an analyzer and the topic it targets.
type FindingsRule struct {
	Name, TopicARN string
	Tags           map[string]string
}

// RuleView is what FindFindingsRule reports.
type RuleView struct {
	ARN, State                    string
	PatternMatches, TargetPresent bool
	Tags                          map[string]string
}

func (f FindingsRule) desired() desired {
	return desired{Name: f.Name, TopicARN: f.TopicARN, Tags: f.Tags}
}

func FindFindingsRule(ctx context.Context, c *conns.AWSClient, region string, f FindingsRule) (RuleView, error) {
	r, err := findRule(ctx, c.EventBridge(region), region, ruleName(f.Name))
	if err != nil {
		return RuleView{}, err
	}
	return RuleView{ARN: r.ARN, State: r.State, PatternMatches: samePattern(r.Pattern, eventPattern()),
		TargetPresent: r.targetPresent(f.TopicARN), Tags: r.Tags}, nil
}

// EnsureFindingsRule runs the rule and tag steps as apply does, against what the region has.
func EnsureFindingsRule(ctx context.Context, c *conns.AWSClient, region string, f FindingsRule) (bool, error) {
	have, err := findRule(ctx, c.EventBridge(region), region, ruleName(f.Name))
	if err != nil && !framework.NotFound(err) {
		return false, err
	}
	created, err := ensureRule(ctx, c.EventBridge(region), region, f.desired(), have)
	if err != nil || created {
		return created, err
	}
	return false, ensureTags(ctx, c, region, f.Tags, regionFound{Rule: have}, regionUndo{})
}
