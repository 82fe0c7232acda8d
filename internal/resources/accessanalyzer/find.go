package accessanalyzer

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

func isAnalyzerGone(err error) bool { return framework.IsA[*aatypes.ResourceNotFoundException](err) }
func isRuleGone(err error) bool     { return framework.IsA[*ebtypes.ResourceNotFoundException](err) }

// findAnalyzer reads one analyzer (with its tags, which GetAnalyzer returns).
func findAnalyzer(ctx context.Context, c *accessanalyzer.Client, region, name string) (*aatypes.AnalyzerSummary, error) {
	out, err := c.GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String(name)})
	if err != nil {
		err = framework.AsNotFound(err, fmt.Sprintf("%s: Access Analyzer analyzer %s", region, name), isAnalyzerGone)
		return nil, fmt.Errorf("%s: reading analyzer %s (Access Analyzer GetAnalyzer): %w", region, name, err)
	}
	if out.Analyzer == nil {
		return nil, framework.NewNotFound(fmt.Sprintf("%s: Access Analyzer analyzer %s", region, name), nil)
	}
	return out.Analyzer, nil
}

// findArchiveRules reads every archive rule of an analyzer.
func findArchiveRules(ctx context.Context, c *accessanalyzer.Client, region, analyzer string) (map[string]archiveRule, error) {
	rules := map[string]archiveRule{}
	pages := accessanalyzer.NewListArchiveRulesPaginator(c, &accessanalyzer.ListArchiveRulesInput{AnalyzerName: aws.String(analyzer)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: listing archive rules of %s (Access Analyzer ListArchiveRules): %w", region, analyzer, err)
		}
		for _, r := range page.ArchiveRules {
			rules[aws.ToString(r.RuleName)] = fromCriteria(r.Filter)
		}
	}
	return rules, nil
}

// findRule reads a region's findings rule, its targets and its tags.
func findRule(ctx context.Context, c *eventbridge.Client, region, name string) (*ruleFound, error) {
	out, err := c.DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String(name)})
	if err != nil {
		err = framework.AsNotFound(err, fmt.Sprintf("%s: EventBridge rule %s", region, name), isRuleGone)
		return nil, fmt.Errorf("%s: reading rule %s (EventBridge DescribeRule): %w", region, name, err)
	}
	rule := &ruleFound{ARN: aws.ToString(out.Arn), State: string(out.State), Pattern: aws.ToString(out.EventPattern), Tags: map[string]string{}}
	targets, err := c.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("%s: listing targets of rule %s (EventBridge ListTargetsByRule): %w", region, name, err)
	}
	rule.Targets = targets.Targets
	tags, err := c.ListTagsForResource(ctx, &eventbridge.ListTagsForResourceInput{ResourceARN: out.Arn})
	if err != nil {
		return nil, fmt.Errorf("%s: listing tags of rule %s (EventBridge ListTagsForResource): %w", region, name, err)
	}
	for _, t := range tags.Tags {
		rule.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return rule, nil
}

// findRegion reads every object the resource owns in one region; a missing object is a nil
// field, never an error.
func findRegion(ctx context.Context, client *conns.AWSClient, region, name string) (regionFound, error) {
	var found regionFound
	aa := client.AccessAnalyzer(region)
	a, err := findAnalyzer(ctx, aa, region, name)
	if err != nil && !framework.NotFound(err) {
		return found, err
	}
	found.Analyzer = a
	if a != nil {
		if found.Archive, err = findArchiveRules(ctx, aa, region, name); err != nil {
			return found, err
		}
	}
	if found.Unused, err = findAnalyzer(ctx, aa, region, unusedName(name)); err != nil && !framework.NotFound(err) {
		return found, err
	}
	if found.Rule, err = findRule(ctx, client.EventBridge(region), region, ruleName(name)); err != nil && !framework.NotFound(err) {
		return found, err
	}
	return found, nil
}

// findRegions reads every region at once.
func findRegions(ctx context.Context, client *conns.AWSClient, regions []string, name string) (map[string]regionFound, error) {
	results := map[string]regionFound{}
	var mu sync.Mutex
	err := framework.ForEachRegion(ctx, regions, func(ctx context.Context, region string) error {
		f, err := findRegion(ctx, client, region, name)
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			results[region] = f
		}
		return err
	})
	return maps.Clone(results), err
}

// targetPresent reports whether the rule still sends where want says (ARN and role).
func (f *ruleFound) targetPresent(want ebtypes.Target) bool {
	if f == nil {
		return false
	}
	for _, t := range f.Targets {
		if aws.ToString(t.Id) == targetID && aws.ToString(t.Arn) == aws.ToString(want.Arn) && aws.ToString(t.RoleArn) == aws.ToString(want.RoleArn) {
			return true
		}
	}
	return false
}

// topicARN is the ARN of the rule's alarm-topic target, "" when it has none (for import).
func (f *ruleFound) topicARN() string {
	if f == nil {
		return ""
	}
	for _, t := range f.Targets {
		if a, err := arn.Parse(aws.ToString(t.Arn)); err == nil && aws.ToString(t.Id) == targetID && a.Service == "sns" {
			return a.String()
		}
	}
	return ""
}
