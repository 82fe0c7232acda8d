// Package reliability holds the fault-injection, no-orphan, bad-input and log-hygiene tests of
// the whole provider. Each test runs in a moto account of its own (the fault proxy adds
// x-moto-account-id), so "what exists in the account" is exactly "what the test made".
package reliability

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// inventory lists every object of the kinds the provider creates, in every region given, as
// "service:region:name" strings. AWS-managed objects are left out: service-linked roles (AWS
// Config's recorder needs its role after the baseline is gone, and AWS refuses to delete it while
// any recorder in the account uses it).
func inventory(ctx context.Context, client *conns.AWSClient, regions []string) ([]string, error) {
	var (
		mu    sync.Mutex
		found []string
		errs  []string
		wg    sync.WaitGroup
	)
	add := func(kind, region string, names ...string) {
		mu.Lock()
		defer mu.Unlock()
		for _, n := range names {
			found = append(found, kind+":"+region+":"+n)
		}
	}
	fail := func(what string, err error) {
		mu.Lock()
		defer mu.Unlock()
		errs = append(errs, fmt.Sprintf("%s: %v", what, err))
	}

	wg.Add(2)
	go func() {
		defer wg.Done()
		out, err := client.S3("").ListBuckets(ctx, &s3.ListBucketsInput{})
		if err != nil {
			fail("s3 ListBuckets", err)
			return
		}
		for _, b := range out.Buckets {
			add("s3-bucket", "global", aws.ToString(b.Name))
		}
	}()
	go func() {
		defer wg.Done()
		p := iam.NewListRolesPaginator(client.IAM(), &iam.ListRolesInput{})
		if err := framework.EachPage(ctx, p.HasMorePages, p.NextPage, func(page *iam.ListRolesOutput) bool {
			for _, r := range page.Roles {
				if !strings.HasPrefix(aws.ToString(r.Path), "/aws-service-role/") {
					add("iam-role", "global", aws.ToString(r.RoleName))
				}
			}
			return true
		}); err != nil {
			fail("iam ListRoles", err)
		}
	}()

	for _, region := range regions {
		wg.Add(1)
		go func(region string) {
			defer wg.Done()
			if out, err := client.CloudTrail(region).DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(false)}); err != nil {
				fail("cloudtrail DescribeTrails "+region, err)
			} else {
				for _, tr := range out.TrailList {
					add("trail", region, aws.ToString(tr.Name))
				}
			}
			if out, err := client.ConfigService(region).DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{}); err != nil {
				fail("config DescribeConfigurationRecorders "+region, err)
			} else {
				for _, r := range out.ConfigurationRecorders {
					add("config-recorder", region, aws.ToString(r.Name))
				}
			}
			if out, err := client.ConfigService(region).DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{}); err != nil {
				fail("config DescribeDeliveryChannels "+region, err)
			} else {
				for _, c := range out.DeliveryChannels {
					add("config-channel", region, aws.ToString(c.Name))
				}
			}
			lp := cloudwatchlogs.NewDescribeLogGroupsPaginator(client.CloudWatchLogs(region), &cloudwatchlogs.DescribeLogGroupsInput{})
			if err := framework.EachPage(ctx, lp.HasMorePages, lp.NextPage, func(page *cloudwatchlogs.DescribeLogGroupsOutput) bool {
				for _, g := range page.LogGroups {
					add("log-group", region, aws.ToString(g.LogGroupName))
					mf, err := client.CloudWatchLogs(region).DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: g.LogGroupName})
					if err != nil {
						fail("logs DescribeMetricFilters "+region, err)
						continue
					}
					for _, f := range mf.MetricFilters {
						add("metric-filter", region, aws.ToString(f.FilterName))
					}
				}
				return true
			}); err != nil {
				fail("logs DescribeLogGroups "+region, err)
			}
			ap := cloudwatch.NewDescribeAlarmsPaginator(client.CloudWatch(region), &cloudwatch.DescribeAlarmsInput{})
			if err := framework.EachPage(ctx, ap.HasMorePages, ap.NextPage, func(page *cloudwatch.DescribeAlarmsOutput) bool {
				for _, a := range page.MetricAlarms {
					add("alarm", region, aws.ToString(a.AlarmName))
				}
				return true
			}); err != nil {
				fail("cloudwatch DescribeAlarms "+region, err)
			}
			tp := sns.NewListTopicsPaginator(client.SNS(region), &sns.ListTopicsInput{})
			if err := framework.EachPage(ctx, tp.HasMorePages, tp.NextPage, func(page *sns.ListTopicsOutput) bool {
				for _, tpc := range page.Topics {
					add("sns-topic", region, aws.ToString(tpc.TopicArn))
				}
				return true
			}); err != nil {
				fail("sns ListTopics "+region, err)
			}
			kmsInventory(ctx, client, region, add, fail)
		}(region)
	}
	wg.Wait()
	sort.Strings(found)
	if len(errs) > 0 {
		sort.Strings(errs)
		return found, fmt.Errorf("inventory incomplete: %s", strings.Join(errs, "; "))
	}
	return found, nil
}
