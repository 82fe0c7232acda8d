package alarmpack_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

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
