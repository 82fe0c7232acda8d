package alarmpack_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

// The full catalog with a created topic: every alarm exists with exactly one filter, the plan
// after apply is empty, and import rebuilds the same state.
func TestAccAlarmPack_fullCatalogAndImport(t *testing.T) {
	logGroup := createLogGroup(t)
	prefix := acctest.RandomName("p") + "-"
	config := packConfig(logGroup, prefix, createTopic)
	checks := []resource.TestCheckFunc{
		resource.TestCheckResourceAttr(address, "alarms.%", "17"),
		resource.TestCheckResourceAttr(address, "notification.cloudwatch_can_publish", "true"),
		resource.TestCheckResourceAttr(address, "alarms.root_account_usage.security_hub", "CloudWatch.1"),
		resource.TestCheckResourceAttr(address, "alarms.root_account_usage.threshold", "1"),
		resource.TestCheckResourceAttr(address, "alarms.root_account_usage.alarm_actions.#", "1"),
		resource.TestCheckResourceAttrPair(address, "alarms.root_account_usage.alarm_actions.0", address, "notification.topic_arn"),
		exactlyOneFilterPerAlarm(t, logGroup, prefix),
	}
	for _, id := range alarmcatalog.IDs() {
		checks = append(checks, resource.TestCheckResourceAttr(address, "alarms."+id+".alarm_name", prefix+id))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, logGroup, prefix),
		Steps: []resource.TestStep{
			{Config: config, Check: resource.ComposeAggregateTestCheckFunc(checks...)},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     logGroup + ":" + prefix,
				ImportStateVerify: true,
			},
		},
	})
}

// exactlyOneFilterPerAlarm guards against the emulator's append-on-put: the pack must own one
// filter per alarm, never duplicates.
func exactlyOneFilterPerAlarm(t *testing.T, logGroup, prefix string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		counts := filterCounts(t, logGroup, prefix)
		for name, n := range counts {
			if n != 1 {
				return errorf("filter %s exists %d times, want exactly once", name, n)
			}
		}
		return nil
	}
}

func filterCounts(t *testing.T, logGroup, prefix string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	pages := cloudwatchlogs.NewDescribeMetricFiltersPaginator(acctest.Client(t).CloudWatchLogs(""), &cloudwatchlogs.DescribeMetricFiltersInput{
		LogGroupName: aws.String(logGroup), FilterNamePrefix: aws.String(prefix),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatalf("listing filters: %v", err)
		}
		for _, f := range page.MetricFilters {
			counts[aws.ToString(f.FilterName)]++
		}
	}
	return counts
}

func checkDestroyed(t *testing.T, logGroup, prefix string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := len(filterCounts(t, logGroup, prefix)); n != 0 {
			return errorf("%d metric filters with prefix %s survive the destroy", n, prefix)
		}
		if names := alarmNames(t, prefix); len(names) != 0 {
			return errorf("alarms survive the destroy: %s", strings.Join(names, ", "))
		}
		return nil
	}
}

var _ = plancheck.ExpectEmptyPlan
