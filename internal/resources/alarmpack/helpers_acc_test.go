package alarmpack_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

type terraformState = terraform.State

const address = "soc2_alarm_pack.test"

// createLogGroup makes the log group a pack needs directly with the SDK, so these tests do not
// depend on soc2_cloudtrail_baseline, and removes it when the test ends.
func createLogGroup(t *testing.T) string {
	t.Helper()
	name := "/" + acctest.RandomName("alarms")
	logs := acctest.Client(t).CloudWatchLogs("")
	if _, err := logs.CreateLogGroup(context.Background(), &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)}); err != nil {
		t.Fatalf("creating log group %s: %v", name, err)
	}
	t.Cleanup(func() {
		_, _ = logs.DeleteLogGroup(context.Background(), &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(name)})
	})
	return name
}

// newPack is where every pack test starts: a log group of its own and a unique name prefix
// (from tag) for the pack's filters, metrics and alarms.
func newPack(t *testing.T, tag string) (logGroup, prefix string) {
	t.Helper()
	return createLogGroup(t), acctest.RandomName(tag) + "-"
}

// packConfig renders a pack on logGroup with prefix; body holds the other arguments.
func packConfig(logGroup, prefix, body string) string {
	return acctest.ProviderConfig() + fmt.Sprintf(`
resource "soc2_alarm_pack" "test" {
  log_group_name = %q
  name_prefix    = %q
%s
}
`, logGroup, prefix, body)
}

const createTopic = `  notification = {
    create_topic    = true
    email_endpoints = ["secops@example.com"]
  }
`

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

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func alarmNames(t *testing.T, prefix string) []string {
	t.Helper()
	var names []string
	pages := cloudwatch.NewDescribeAlarmsPaginator(acctest.Client(t).CloudWatch(""), &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatalf("listing alarms: %v", err)
		}
		for _, a := range page.MetricAlarms {
			names = append(names, aws.ToString(a.AlarmName))
		}
	}
	return names
}

// createTopicOutOfBand makes a topic the pack does not own, and removes it when the test ends.
func createTopicOutOfBand(t *testing.T) string {
	t.Helper()
	topic, err := acctest.Client(t).SNS("").CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(acctest.RandomName("topic"))})
	if err != nil {
		t.Fatalf("creating topic: %v", err)
	}
	t.Cleanup(func() {
		_, _ = acctest.Client(t).SNS("").DeleteTopic(context.Background(), &sns.DeleteTopicInput{TopicArn: topic.TopicArn})
	})
	return aws.ToString(topic.TopicArn)
}

// updateConfigs are the bodies of TestAccAlarmPack_updatesInPlace, each adding one change to the
// one before.
func updateConfigs(topicARN string) (base, tuned, hours, override, custom string) {
	notify := `  notification = { sns_topic_arn = "` + topicARN + `" }
`
	base = notify + `  exclude = ["organizations_changes"]
`
	tuned = base + `  profile = "tuned"
`
	hours = tuned + `  business_hours = { start = "09:30", end = "17:00", utc_offset = "+05:30" }
`
	override = hours + `  overrides = { unauthorized_api_calls = { threshold = 5, period = 600 } }
`
	custom = override + `  custom_alarms = [{
    id          = "public_access_block_changes"
    pattern     = "{ $.eventName = PutPublicAccessBlock }"
    description = "Public access block changed"
    controls    = ["CC6.1", "CC7.2"]
  }]
`
	return base, tuned, hours, override, custom
}
