package cloudtrailbaseline_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Without regions, the plan records every region enabled for the account in the provider's
// partition, with global types only at home. Plan only: creating twenty recorders is not needed
// to prove the default.
func TestAccCloudTrailBaseline_defaultRegionsPlan(t *testing.T) {
	acctest.PreCheckServices(t, "cloudtrail", "config", "logs", "iam", "s3")
	all, err := acctest.Client(t).EnabledRegions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var want []knownvalue.Check
	for _, r := range all {
		if !strings.HasPrefix(r, "cn-") && !strings.HasPrefix(r, "us-gov-") {
			want = append(want, knownvalue.StringExact(r))
		}
	}
	regions := tfjsonpath.New("config_recorder").AtMapKey("regions")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_cloudtrail_baseline" "test" {
  name            = %q
  s3_bucket_name  = "acme-soc2-logs"
  config_recorder = {}
}
`, acctest.RandomName("plan")),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(address, regions, knownvalue.SetExact(want)),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("recorders").AtMapKey("us-east-1").AtMapKey("include_global_resource_types"), knownvalue.Bool(true)),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("recorders").AtMapKey("eu-west-1").AtMapKey("include_global_resource_types"), knownvalue.Bool(false)),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("config_recorder").AtMapKey("delivery_frequency"), knownvalue.StringExact("TwentyFour_Hours")),
			}},
		}},
	})
}
