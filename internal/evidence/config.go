package evidence

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

type regionConfig struct {
	region    string
	readAt    time.Time
	recorders []cfgtypes.ConfigurationRecorder
	status    []cfgtypes.ConfigurationRecorderStatus
	channels  []cfgtypes.DeliveryChannel
}

// config reads the recorder and delivery channel of every region at once, then adds one control
// per region in region order so the binder does not depend on which region answered first.
func (c *collector) config(ctx context.Context) error {
	var (
		mu   sync.Mutex
		read []regionConfig
	)
	err := framework.ForEachRegion(ctx, c.b.Regions, func(ctx context.Context, region string) error {
		rc, err := c.readConfig(ctx, region)
		if err != nil {
			return err
		}
		c.progress("read AWS Config in %s", region)
		mu.Lock()
		read = append(read, rc)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(read, func(i, j int) bool { return read[i].region < read[j].region })
	for _, rc := range read {
		c.configControl(rc)
	}
	return nil
}

func (c *collector) readConfig(ctx context.Context, region string) (regionConfig, error) {
	api := c.client.ConfigService(region)
	rc := regionConfig{region: region, readAt: c.now().UTC().Truncate(time.Second)}
	rec, err := api.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return rc, fmt.Errorf("reading AWS Config recorders in %s with DescribeConfigurationRecorders: %w", region, err)
	}
	rc.recorders = rec.ConfigurationRecorders
	st, err := api.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	if err != nil {
		return rc, fmt.Errorf("reading AWS Config recorder status in %s with DescribeConfigurationRecorderStatus: %w", region, err)
	}
	rc.status = st.ConfigurationRecordersStatus
	ch, err := api.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
	if err != nil {
		return rc, fmt.Errorf("reading AWS Config delivery channels in %s with DescribeDeliveryChannels: %w", region, err)
	}
	rc.channels = ch.DeliveryChannels
	return rc, nil
}

func (c *collector) configControl(rc regionConfig) {
	ctrl := c.add(Control{
		ID: "config." + rc.region, Section: SectionConfig, Title: "AWS Config recorder and delivery channel in " + rc.region,
		Region: rc.region, ReadAt: rc.readAt, Resource: "(no recorder)",
		SOC2: []string{"CC7.1", "CC8.1"}, CIS: []string{"3.5"}, SecurityHub: []string{"Config.1"},
	})
	var fails []string
	if len(rc.recorders) == 0 {
		fails = append(fails, "no configuration recorder in "+rc.region+": configuration changes there are not recorded")
	}
	for _, r := range rc.recorders {
		ctrl.Resource = aws.ToString(r.Arn)
		if ctrl.Resource == "" {
			ctrl.Resource = "configuration-recorder/" + aws.ToString(r.Name)
		}
		ctrl.set("Recorder", aws.ToString(r.Name))
		ctrl.set("RoleARN", r.RoleARN)
		if g := r.RecordingGroup; g != nil {
			ctrl.set("AllSupported", g.AllSupported)
			ctrl.set("IncludeGlobalResourceTypes", g.IncludeGlobalResourceTypes)
			if !g.AllSupported && len(g.ResourceTypes) == 0 {
				fails = append(fails, "recorder "+aws.ToString(r.Name)+" records no resource types")
			}
		}
	}
	for _, s := range rc.status {
		ctrl.set("Recording", s.Recording)
		ctrl.set("LastStatus", string(s.LastStatus))
		ctrl.set("LastStartTime", s.LastStartTime)
		if !s.Recording {
			fails = append(fails, "recorder "+aws.ToString(s.Name)+" is stopped"+stoppedAt(s.LastStopTime))
		}
		if s.LastStatus == cfgtypes.RecorderStatusFailure {
			fails = append(fails, "recorder "+aws.ToString(s.Name)+" last failed: "+aws.ToString(s.LastErrorMessage))
		}
	}
	if len(rc.channels) == 0 {
		fails = append(fails, "no delivery channel in "+rc.region+": recorded configuration is not delivered")
	}
	for _, ch := range rc.channels {
		ctrl.set("DeliveryChannel", aws.ToString(ch.Name))
		ctrl.set("S3BucketName", ch.S3BucketName)
		ctrl.set("S3KeyPrefix", ch.S3KeyPrefix)
	}
	ctrl.judge(fails, "the recorder records and delivers configuration changes in "+rc.region)
}
