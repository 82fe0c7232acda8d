package accessanalyzer

// Exports for the acceptance tests of package accessanalyzer_test, which may import acctest (this
// package may not: acctest reaches it through the provider registry).

import (
	"context"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

const TargetID = targetID

func RuleName(name string) string { return ruleName(name) }

// FindingsRule names the findings rule of an analyzer and the topic it targets.
type FindingsRule struct {
	Name, TopicARN string
	// Regions with a rule; a region other than the topic's forwards through the role.
	Regions []string
	Tags    map[string]string
}

// RuleView is what FindFindingsRule reports.
type RuleView struct {
	ARN, State                    string
	PatternMatches, TargetPresent bool
	Tags                          map[string]string
}

func (f FindingsRule) desired() desired {
	return desired{Name: f.Name, TopicARN: f.TopicARN, Regions: f.Regions, Tags: f.Tags}
}

func FindFindingsRule(ctx context.Context, c *conns.AWSClient, region string, f FindingsRule) (RuleView, error) {
	r, err := findRule(ctx, c.EventBridge(region), region, ruleName(f.Name))
	if err != nil {
		return RuleView{}, err
	}
	return RuleView{ARN: r.ARN, State: r.State, PatternMatches: samePattern(r.Pattern, eventPattern()),
		TargetPresent: r.targetPresent(f.desired().ruleTarget(c, region)), Tags: r.Tags}, nil
}

// EnsureFindingsRule runs the forwarding role, rule and tag steps as apply does, against what the
// region has.
func EnsureFindingsRule(ctx context.Context, c *conns.AWSClient, region string, f FindingsRule) (bool, error) {
	if f.desired().forwards() {
		if err := ensureForwardRole(ctx, c, f.desired()); err != nil {
			return false, err
		}
	}
	have, err := findRule(ctx, c.EventBridge(region), region, ruleName(f.Name))
	if err != nil && !framework.NotFound(err) {
		return false, err
	}
	created, err := ensureRule(ctx, c.EventBridge(region), region, f.desired(), f.desired().ruleTarget(c, region), have)
	if err != nil || created {
		return created, err
	}
	return false, ensureTags(ctx, c, region, f.Tags, regionFound{Rule: have}, regionUndo{})
}

// ForwardingRole reports the forwarding role's ARN and whether its policies are exactly the
// generated ones; DeleteForwardingRole removes it.
func ForwardingRole(ctx context.Context, c *conns.AWSClient, f FindingsRule) (string, bool, error) {
	role, err := findForwardRole(ctx, c.IAM(), f.Name)
	if err != nil {
		return "", false, err
	}
	trust, _ := policies.EventsForwardTrust(f.desired().forwardInput(c))
	policy, _ := policies.EventsForwardDelivery(f.desired().forwardInput(c))
	return role.ARN, role.inSync(trust, policy), nil
}

func DeleteForwardingRole(ctx context.Context, c *conns.AWSClient, f FindingsRule) error {
	return deleteForwardRole(ctx, c, f.Name)
}
