package accessanalyzer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

const address = "soc2_access_analyzer.test"

// preCheckAnalyzer skips where the endpoint lacks Access Analyzer: neither moto (5.2.x) nor
// LocalStack's free edition implements it. On real AWS (`make testacc EMULATOR=external`)
// nothing is skipped.
func preCheckAnalyzer(t *testing.T) {
	t.Helper()
	acctest.PreCheckServices(t, "accessanalyzer", "events", "sns", "ec2")
}

// analyzerConfig is one soc2_access_analyzer.
type analyzerConfig struct {
	Name, Type, Topic string
	Regions           []string
	UnusedAge         int
	Archive           string // HCL of archive_rules' value, "" for none
	Tags              map[string]string
}

func testAccAccessAnalyzerConfig_basic(c analyzerConfig) string {
	var b strings.Builder
	b.WriteString(acctest.ProviderConfig())
	fmt.Fprintf(&b, "resource \"soc2_access_analyzer\" \"test\" {\n  name          = %q\n  sns_topic_arn = %q\n", c.Name, c.Topic)
	if c.Type != "" {
		fmt.Fprintf(&b, "  type = %q\n", c.Type)
	}
	if c.Regions != nil {
		fmt.Fprintf(&b, "  regions = %s\n", acctest.HCLList(c.Regions))
	}
	if c.UnusedAge != 0 {
		fmt.Fprintf(&b, "  unused_access_age_days = %d\n", c.UnusedAge)
	}
	if c.Archive != "" {
		fmt.Fprintf(&b, "  archive_rules = %s\n", c.Archive)
	}
	b.WriteString(acctest.HCLTags(c.Tags))
	b.WriteString("}\n")
	return b.String()
}

const archiveOrg = `{
    trusted-org = { filter = { "condition.aws:PrincipalOrgID" = { eq = ["o-abc123def4"] } } }
  }`

const archiveOrgAndKeys = `{
    trusted-org = { filter = { "condition.aws:PrincipalOrgID" = { eq = ["o-abc123def4"] } } }
    not-public  = { filter = { isPublic = { eq = ["false"] }, resourceType = { eq = ["AWS::KMS::Key"] } } }
  }`

// basicAnalyzer is the analyzer the create and drift tests start from: one region, an archive
// rule and a tag, its findings sent to a topic of its own.
func basicAnalyzer(t *testing.T) analyzerConfig {
	t.Helper()
	return analyzerConfig{Name: acctest.RandomName("aa"), Topic: testTopic(t), Regions: []string{acctest.Region}, Archive: archiveOrg,
		Tags: map[string]string{"team": "security"}}
}

// testTopic creates an SNS topic in the test region for the rules to target.
func testTopic(t *testing.T) string {
	t.Helper()
	out, err := acctest.Client(t).SNS(acctest.Region).CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(acctest.RandomName("aa-topic"))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = acctest.Client(t).SNS(acctest.Region).DeleteTopic(context.Background(), &sns.DeleteTopicInput{TopicArn: out.TopicArn})
	})
	return aws.ToString(out.TopicArn)
}

// checkDestroyed fails if the analyzer or its rule survived destroy.
func checkDestroyed(t *testing.T, name string) func(*terraform.State) error {
	return func(*terraform.State) error {
		ctx := context.Background()
		c := acctest.Client(t)
		if _, err := c.AccessAnalyzer(acctest.Region).GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String(name)}); err == nil {
			return fmt.Errorf("analyzer %s still exists", name)
		}
		if _, err := c.EventBridge(acctest.Region).DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String(name + "-findings")}); err == nil {
			return fmt.Errorf("rule %s-findings still exists", name)
		}
		if _, err := c.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name + "-fwd")}); err == nil {
			return fmt.Errorf("forwarding role %s-fwd still exists", name)
		}
		return nil
	}
}
