package alarmpack_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

type terraformState = terraform.State

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
