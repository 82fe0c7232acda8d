package accessanalyzer_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

func TestAccAccessAnalyzer_basic(t *testing.T) {
	preCheckAnalyzer(t)
	name := acctest.RandomName("aa")
	topic := testTopic(t)
	cfg := analyzerConfig{Name: name, Topic: topic, Regions: []string{acctest.Region}, Archive: archiveOrg, Tags: map[string]string{"team": "security"}}
	updated := cfg
	updated.Archive, updated.Tags = archiveOrgAndKeys, map[string]string{"team": "security", "env": "prod"}
	updated.Regions = []string{acctest.Region, "us-west-2"} // us-west-2 forwards to the topic's region
	region := "analyzers." + acctest.Region + "."
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: testAccAccessAnalyzerConfig_basic(cfg),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "id", name),
					resource.TestCheckResourceAttr(address, "type", "ACCOUNT"),
					resource.TestCheckResourceAttr(address, region+"status", "ACTIVE"),
					resource.TestCheckResourceAttr(address, region+"rule_state", "ENABLED"),
					resource.TestCheckResourceAttr(address, region+"target_present", "true"),
					resource.TestCheckResourceAttr(address, region+"archive_rules_in_sync", "true"),
					resource.TestCheckResourceAttr(address, region+"unused_access_status", "NOT_CONFIGURED"),
					resource.TestMatchResourceAttr(address, region+"analyzer_arn", acctest.ErrorRegexp(`^arn:aws:access-analyzer:us-east-1:\d{12}:analyzer/`+name+`$`)),
					resource.TestCheckResourceAttr(address, "tags_all.team", "security"),
					resource.TestCheckResourceAttr(address, "forwarding_role_arn", ""),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: address, ImportState: true, ImportStateId: name, ImportStateVerify: true},
			{
				Config: testAccAccessAnalyzerConfig_basic(updated),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(address, "archive_rules.%", "2"),
					resource.TestCheckResourceAttr(address, "tags_all.env", "prod"),
					resource.TestCheckResourceAttr(address, "analyzers.us-west-2.status", "ACTIVE"),
					resource.TestCheckResourceAttr(address, "analyzers.us-west-2.target_present", "true"),
					resource.TestMatchResourceAttr(address, "forwarding_role_arn", acctest.ErrorRegexp(`:role/`+name+`-fwd$`)),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
