package accessanalyzer

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// deleteRegion removes everything the resource owns in one region; absent objects are fine, so
// a half-made region can always be destroyed. Deleting an analyzer deletes its archive rules.
func deleteRegion(ctx context.Context, client *conns.AWSClient, region, name string) error {
	eb, aa := client.EventBridge(region), client.AccessAnalyzer(region)
	rule := aws.String(ruleName(name))
	// A rule with targets cannot be deleted; only this resource's target is removed, and a rule
	// someone else added targets to then fails to delete, naming them, rather than losing them.
	if _, err := eb.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: rule, Ids: []string{targetID}}); err != nil && !isRuleGone(err) {
		return fmt.Errorf("%s: removing the target of rule %s (EventBridge RemoveTargets): %w", region, *rule, err)
	}
	if _, err := eb.DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: rule}); err != nil && !isRuleGone(err) {
		return fmt.Errorf("%s: deleting rule %s (EventBridge DeleteRule): %w", region, *rule, err)
	}
	for _, analyzer := range []string{unusedName(name), name} {
		if _, err := aa.DeleteAnalyzer(ctx, &accessanalyzer.DeleteAnalyzerInput{AnalyzerName: aws.String(analyzer)}); err != nil && !isAnalyzerGone(err) {
			return fmt.Errorf("%s: deleting analyzer %s (Access Analyzer DeleteAnalyzer): %w", region, analyzer, err)
		}
	}
	return nil
}

// deleteRegions removes every region the state records, all at once.
func deleteRegions(ctx context.Context, client *conns.AWSClient, regions []string, name string) error {
	return framework.ForEachRegion(ctx, regions, func(ctx context.Context, region string) error {
		return deleteRegion(ctx, client, region, name)
	})
}
