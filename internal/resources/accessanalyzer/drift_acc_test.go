package accessanalyzer_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccAccessAnalyzer_drift changes each hardened setting out of band; the plan names the
// region's attribute and apply restores it.
func TestAccAccessAnalyzer_drift(t *testing.T) {
	preCheckAnalyzer(t)
	basic := basicAnalyzer(t)
	name, cfg := basic.Name, testAccAccessAnalyzerConfig_basic(basic)
	ctx := context.Background()
	aa := func(t *testing.T) *accessanalyzer.Client { return acctest.Client(t).AccessAnalyzer(acctest.Region) }
	eb := func(t *testing.T) *eventbridge.Client { return acctest.Client(t).EventBridge(acctest.Region) }
	rule := aws.String(name + "-findings")
	region := "analyzers." + acctest.Region + "."
	must := func(t *testing.T, err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	resource.Test(t, acctest.Case(t, checkDestroyed(t, name), []resource.TestStep{
		{Config: cfg},
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			_, err := eb(t).DisableRule(ctx, &eventbridge.DisableRuleInput{Name: rule})
			must(t, err)
		}, address, region+"rule_state"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			_, err := eb(t).PutRule(ctx, &eventbridge.PutRuleInput{Name: rule,
				EventPattern: aws.String(`{"source":["aws.access-analyzer"],"detail-type":["Access Analyzer Finding"],"detail":{"isPublic":[true]}}`)})
			must(t, err)
		}, address, region+"rule_matches_findings"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			_, err := eb(t).RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: rule, Ids: []string{"soc2-alarm-topic"}})
			must(t, err)
		}, address, region+"target_present"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			_, err := aa(t).DeleteArchiveRule(ctx, &accessanalyzer.DeleteArchiveRuleInput{AnalyzerName: aws.String(name), RuleName: aws.String("trusted-org")})
			must(t, err)
		}, address, "archive_rules", region+"archive_rules_in_sync"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			out, err := aa(t).GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String(name)})
			must(t, err)
			_, err = aa(t).UntagResource(ctx, &accessanalyzer.UntagResourceInput{ResourceArn: out.Analyzer.Arn, TagKeys: []string{"team"}})
			must(t, err)
		}, address, "tags_all.team"),
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			_, err := aa(t).DeleteAnalyzer(ctx, &accessanalyzer.DeleteAnalyzerInput{AnalyzerName: aws.String(name)})
			must(t, err)
		}, address, region+"status"),
	}))
}
