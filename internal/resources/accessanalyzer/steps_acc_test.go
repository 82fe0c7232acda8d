package accessanalyzer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/accessanalyzer"
)

// TestAccAccessAnalyzer_findingsRule runs the EventBridge steps against the endpoint: moto and
// LocalStack serve EventBridge and SNS (Access Analyzer is the part they lack), so the rule, its
// target and its tags, and their restoration after out-of-band changes, are checked there too.
func TestAccAccessAnalyzer_findingsRule(t *testing.T) {
	acctest.PreCheckServices(t, "events", "sns")
	ctx := context.Background()
	client := acctest.Client(t)
	region := acctest.Region
	eb := client.EventBridge(region)
	f := accessanalyzer.FindingsRule{Name: acctest.RandomName("aa"), TopicARN: testTopic(t), Tags: map[string]string{"team": "security"}}
	rule := aws.String(accessanalyzer.RuleName(f.Name))
	t.Cleanup(func() {
		_, _ = eb.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: rule, Ids: []string{accessanalyzer.TargetID}})
		_, _ = eb.DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: rule})
	})
	find := func() accessanalyzer.RuleView {
		v, err := accessanalyzer.FindFindingsRule(ctx, client, region, f)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	if created, err := accessanalyzer.EnsureFindingsRule(ctx, client, region, f); err != nil || !created {
		t.Fatalf("create: created=%v err=%v", created, err)
	}
	made := find()
	if made.State != "ENABLED" || !made.PatternMatches || !made.TargetPresent || made.Tags["team"] != "security" {
		t.Fatalf("rule as created: %+v", made)
	}

	// Disabled, target removed, tag removed out of band: the finder sees each, apply restores each.
	if _, err := eb.DisableRule(ctx, &eventbridge.DisableRuleInput{Name: rule}); err != nil {
		t.Fatal(err)
	}
	if _, err := eb.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: rule, Ids: []string{accessanalyzer.TargetID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := eb.UntagResource(ctx, &eventbridge.UntagResourceInput{ResourceARN: aws.String(made.ARN), TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	if drifted := find(); drifted.State != "DISABLED" || drifted.TargetPresent || drifted.Tags["team"] != "" {
		t.Fatalf("drift not seen: %+v", drifted)
	}
	if created, err := accessanalyzer.EnsureFindingsRule(ctx, client, region, f); err != nil || created {
		t.Fatalf("restore: created=%v err=%v", created, err)
	}
	if restored := find(); restored.State != "ENABLED" || !restored.TargetPresent || restored.Tags["team"] != "security" || restored.ARN != made.ARN {
		t.Fatalf("not restored: %+v", restored)
	}

	// A narrowed event pattern (only public findings) is seen and restored too.
	narrowed := `{"source":["aws.access-analyzer"],"detail-type":["Access Analyzer Finding"],"detail":{"isPublic":[true]}}`
	if _, err := eb.PutRule(ctx, &eventbridge.PutRuleInput{Name: rule, EventPattern: aws.String(narrowed)}); err != nil {
		t.Fatal(err)
	}
	if find().PatternMatches {
		t.Fatal("narrowed pattern not seen")
	}
	if _, err := accessanalyzer.EnsureFindingsRule(ctx, client, region, f); err != nil {
		t.Fatal(err)
	}
	if !find().PatternMatches {
		t.Fatal("pattern not restored")
	}
}

// TestAccAccessAnalyzer_findingsRuleForwarding: a region other than the topic's forwards to the
// topic region's default bus as the generated role (IAM and EventBridge are emulated; whether AWS
// delivers across regions is not something an emulator shows).
func TestAccAccessAnalyzer_findingsRuleForwarding(t *testing.T) {
	acctest.PreCheckServices(t, "events", "sns", "iam")
	ctx := context.Background()
	client := acctest.Client(t)
	const region = "us-west-2"
	eb := client.EventBridge(region)
	f := accessanalyzer.FindingsRule{Name: acctest.RandomName("aa"), TopicARN: testTopic(t), Regions: []string{acctest.Region, region},
		Tags: map[string]string{"team": "security"}}
	rule := aws.String(accessanalyzer.RuleName(f.Name))
	t.Cleanup(func() {
		_, _ = eb.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: rule, Ids: []string{accessanalyzer.TargetID}})
		_, _ = eb.DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: rule})
		_ = accessanalyzer.DeleteForwardingRole(ctx, client, f)
	})
	if _, err := accessanalyzer.EnsureFindingsRule(ctx, client, region, f); err != nil {
		t.Fatal(err)
	}
	v, err := accessanalyzer.FindFindingsRule(ctx, client, region, f)
	if err != nil || v.State != "ENABLED" || !v.TargetPresent {
		t.Fatalf("forwarding rule %+v, %v", v, err)
	}
	roleARN, inSync, err := accessanalyzer.ForwardingRole(ctx, client, f)
	if err != nil || !inSync || !strings.HasSuffix(roleARN, ":role/"+f.Name+"-fwd") {
		t.Fatalf("forwarding role %s in sync %v: %v", roleARN, inSync, err)
	}
	// The target loses its role out of band: seen, and restored.
	targets, err := eb.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: rule})
	if err != nil || len(targets.Targets) != 1 {
		t.Fatalf("targets %+v, %v", targets, err)
	}
	bare := targets.Targets[0]
	bare.RoleArn = nil
	if _, err := eb.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: rule, Targets: []ebtypes.Target{bare}}); err != nil {
		t.Fatal(err)
	}
	if v, _ := accessanalyzer.FindFindingsRule(ctx, client, region, f); v.TargetPresent {
		t.Fatal("a target without the role is not the forwarding target")
	}
	if _, err := accessanalyzer.EnsureFindingsRule(ctx, client, region, f); err != nil {
		t.Fatal(err)
	}
	if v, _ := accessanalyzer.FindFindingsRule(ctx, client, region, f); !v.TargetPresent {
		t.Fatal("forwarding target not restored")
	}
}
