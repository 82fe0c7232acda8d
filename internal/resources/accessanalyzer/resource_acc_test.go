package accessanalyzer_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

func TestAccAccessAnalyzer_basic(t *testing.T) {
	preCheckAnalyzer(t)
	cfg := basicAnalyzer(t)
	name := cfg.Name
	updated := cfg
	updated.Archive, updated.Tags = archiveOrgAndKeys, map[string]string{"team": "security", "env": "prod"}
	updated.Regions = []string{acctest.Region, "us-west-2"} // us-west-2 forwards to the topic's region
	resource.Test(t, acctest.Case(t, checkDestroyed(t, name), []resource.TestStep{
		{
			Config: testAccAccessAnalyzerConfig_basic(cfg),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "id", name),
				resource.TestCheckResourceAttr(address, "type", "ACCOUNT"),
				acctest.CheckAttrsUnder(address, "analyzers."+acctest.Region, map[string]string{
					"status": "ACTIVE", "rule_state": "ENABLED", "target_present": "true", "archive_rules_in_sync": "true",
					"unused_access_status": "NOT_CONFIGURED",
				}),
				resource.TestMatchResourceAttr(address, "analyzers."+acctest.Region+".analyzer_arn", acctest.ErrorRegexp(`^arn:aws:access-analyzer:us-east-1:\d{12}:analyzer/`+name+`$`)),
				resource.TestCheckResourceAttr(address, "tags_all.team", "security"),
				resource.TestCheckResourceAttr(address, "forwarding_role_arn", ""),
			),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		acctest.ImportStep(address, name),
		{
			Config: testAccAccessAnalyzerConfig_basic(updated),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "archive_rules.%", "2"),
				resource.TestCheckResourceAttr(address, "tags_all.env", "prod"),
				acctest.CheckAttrsUnder(address, "analyzers.us-west-2", map[string]string{"status": "ACTIVE", "target_present": "true"}),
				resource.TestMatchResourceAttr(address, "forwarding_role_arn", acctest.ErrorRegexp(`:role/`+name+`-fwd$`)),
			),
			ConfigPlanChecks: acctest.ExpectUpdateThenEmptyPlan(address),
		},
	}))
}
