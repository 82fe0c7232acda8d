package main

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// Deleting the root-activity alarm is the quiet way to blind a SOC 2 account: nothing breaks,
// and nobody hears about the next root sign-in. The plan shows alarms["root_account_usage"]
// coming back; apply recreates that one alarm and touches nothing else.
func init() {
	register(step{order: 30, name: "alarm pack", output: "alarm_name_prefix", run: deleteRootAlarm})
}

func deleteRootAlarm(ctx context.Context, client *conns.AWSClient, prefix string) (string, error) {
	name := prefix + "root_account_usage"
	if _, err := client.CloudWatch("").DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{name}}); err != nil {
		return "", fmt.Errorf("deleting alarm %s: %w", name, err)
	}
	return fmt.Sprintf("deleted CloudWatch alarm %s (root account usage, CIS 4.3 / CloudWatch.1)", name), nil
}
