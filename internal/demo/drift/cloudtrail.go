package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/configservice"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// Stopping the trail and a far-away region's Config recorder are the two quiet ways to stop
// producing evidence: nothing fails, the logs simply end. The plan shows `logging` and that
// region's `recorders[...].recording` changing back to true; apply restarts exactly those.
func init() {
	register(step{order: 20, name: "cloudtrail baseline: trail", output: "trail_name", run: stopTrail})
	register(step{order: 21, name: "cloudtrail baseline: recorder", output: "config_recorders", run: stopRemoteRecorder})
}

// recorderRegion is a recorded region other than the home one, where a stopped recorder is
// least likely to be noticed.
const recorderRegion = "us-west-2"

func stopTrail(ctx context.Context, client *conns.AWSClient, name string) (string, error) {
	if _, err := client.CloudTrail("").StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(name)}); err != nil {
		return "", fmt.Errorf("stopping trail %s: %w", name, err)
	}
	return fmt.Sprintf("stopped CloudTrail trail %s (StopLogging; CIS 3.1, CC7.2)", name), nil
}

func stopRemoteRecorder(ctx context.Context, client *conns.AWSClient, raw string) (string, error) {
	var recorders map[string]string
	if err := json.Unmarshal([]byte(raw), &recorders); err != nil {
		return "", fmt.Errorf("parsing output config_recorders: %w", err)
	}
	name, ok := recorders[recorderRegion]
	if !ok {
		return "", fmt.Errorf("the example records no Config recorder in %s", recorderRegion)
	}
	if _, err := client.ConfigService(recorderRegion).StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{
		ConfigurationRecorderName: aws.String(name),
	}); err != nil {
		return "", fmt.Errorf("stopping Config recorder %s in %s: %w", name, recorderRegion, err)
	}
	return fmt.Sprintf("stopped AWS Config recorder %s in %s (StopConfigurationRecorder; CIS 3.3, CC7.1)", name, recorderRegion), nil
}
