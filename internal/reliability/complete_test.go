package reliability

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// completeDir is the example every reliability test applies: bucket, trail with CloudWatch Logs
// and recorders in three regions, and the full alarm pack.
const completeDir = "../../examples/complete"

// completeRegions are the regions examples/complete touches; inventories scan them.
var completeRegions = []string{"us-east-1", "us-west-2", "eu-west-1"}

func (e *env) completeVariables(name string) config.Variables {
	return config.Variables{
		"endpoint_url":        config.StringVariable(e.proxy.URL()),
		"allowed_account_ids": config.ListVariable(config.StringVariable(e.account)),
		"name":                config.StringVariable(name),
		"region":              config.StringVariable(acctest.Region),
	}
}

func (e *env) completeStep(name string) resource.TestStep {
	return resource.TestStep{
		// The example declares required_providers, so the provider is given per step.
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		ConfigDirectory:          config.StaticDirectory(completeDir),
		ConfigVariables:          e.completeVariables(name),
	}
}

// checkNothingLeft is a CheckDestroy: the test's account must hold none of the objects the
// provider creates, in any region the example touches.
func (e *env) checkNothingLeft(s *terraform.State) error {
	return e.checkNothingLeftIn(completeRegions)(s)
}

// checkNothingLeftIn is checkNothingLeft over the given regions.
func (e *env) checkNothingLeftIn(regions []string) func(*terraform.State) error {
	return func(*terraform.State) error {
		left, err := inventory(context.Background(), e.client, regions)
		if err != nil {
			return err
		}
		if len(left) > 0 {
			return fmt.Errorf("%d objects orphaned after destroy: %s", len(left), strings.Join(left, ", "))
		}
		return nil
	}
}

func (e *env) inventoryCount(t *testing.T) int {
	t.Helper()
	found, err := inventory(context.Background(), e.client, completeRegions)
	if err != nil {
		t.Fatal(err)
	}
	return len(found)
}
