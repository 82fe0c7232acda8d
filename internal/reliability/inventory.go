// Package reliability holds the fault-injection, no-orphan, bad-input and log-hygiene tests of
// the whole provider. Each test runs in a moto account of its own (the fault proxy adds
// x-moto-account-id), so "what exists in the account" is exactly "what the test made".
package reliability

import (
	"context"
	"errors"
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
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// lister lists the names of one kind of object the provider creates, in one region.
type lister struct {
	kind string
	list func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error)
}

// globalListers answer for the whole account; they are listed once, as region "global".
var globalListers = []lister{
	{"s3-bucket", func(ctx context.Context, c *conns.AWSClient, _ string) ([]string, error) {
		out, err := c.S3("").ListBuckets(ctx, &s3.ListBucketsInput{})
		return answer(out, err, "s3 ListBuckets", func(o *s3.ListBucketsOutput) (names []string) {
			for _, b := range o.Buckets {
				names = append(names, aws.ToString(b.Name))
			}
			return names
		})
	}},
	// Service-linked roles are AWS's: AWS Config's recorder needs its role after the baseline is
	// gone, and AWS refuses to delete it while any recorder in the account uses it.
	{"iam-role", func(ctx context.Context, c *conns.AWSClient, _ string) ([]string, error) {
		p := iam.NewListRolesPaginator(c.IAM(), &iam.ListRolesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, "iam ListRoles", func(page *iam.ListRolesOutput) (names []string) {
			for _, r := range page.Roles {
				if !strings.HasPrefix(aws.ToString(r.Path), "/aws-service-role/") {
					names = append(names, aws.ToString(r.RoleName))
				}
			}
			return names
		})
	}},
}

var regionalListers = []lister{
	{"trail", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		out, err := c.CloudTrail(region).DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(false)})
		return answer(out, err, "cloudtrail DescribeTrails", func(o *cloudtrail.DescribeTrailsOutput) (names []string) {
			for _, tr := range o.TrailList {
				names = append(names, aws.ToString(tr.Name))
			}
			return names
		})
	}},
	{"config-recorder", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		out, err := c.ConfigService(region).DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		return answer(out, err, "config DescribeConfigurationRecorders", func(o *configservice.DescribeConfigurationRecordersOutput) (names []string) {
			for _, r := range o.ConfigurationRecorders {
				names = append(names, aws.ToString(r.Name))
			}
			return names
		})
	}},
	{"config-channel", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		out, err := c.ConfigService(region).DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
		return answer(out, err, "config DescribeDeliveryChannels", func(o *configservice.DescribeDeliveryChannelsOutput) (names []string) {
			for _, ch := range o.DeliveryChannels {
				names = append(names, aws.ToString(ch.Name))
			}
			return names
		})
	}},
	{"log-group", logGroups},
	// A metric filter is listed through its log group: moto keeps a deleted group's filters,
	// which AWS deletes with the group.
	{"metric-filter", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		groups, err := logGroups(ctx, c, region)
		errs := []error{err}
		var names []string
		for _, g := range groups {
			out, err := c.CloudWatchLogs(region).DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(g)})
			filters, err := answer(out, err, "logs DescribeMetricFilters", func(o *cloudwatchlogs.DescribeMetricFiltersOutput) (names []string) {
				for _, f := range o.MetricFilters {
					names = append(names, aws.ToString(f.FilterName))
				}
				return names
			})
			names, errs = append(names, filters...), append(errs, err)
		}
		return names, errors.Join(errs...)
	}},
	{"alarm", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		p := cloudwatch.NewDescribeAlarmsPaginator(c.CloudWatch(region), &cloudwatch.DescribeAlarmsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, "cloudwatch DescribeAlarms", func(page *cloudwatch.DescribeAlarmsOutput) (names []string) {
			for _, a := range page.MetricAlarms {
				names = append(names, aws.ToString(a.AlarmName))
			}
			return names
		})
	}},
	{"sns-topic", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		p := sns.NewListTopicsPaginator(c.SNS(region), &sns.ListTopicsInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, "sns ListTopics", func(page *sns.ListTopicsOutput) (names []string) {
			for _, t := range page.Topics {
				names = append(names, aws.ToString(t.TopicArn))
			}
			return names
		})
	}},
	// soc2_kms_key never deletes a key (it schedules deletion, as AWS requires), so a key pending
	// deletion is what a complete destroy leaves, not an orphan; AWS managed keys are AWS's.
	{"kms-key", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		p := kms.NewListKeysPaginator(c.KMS(region), &kms.ListKeysInput{})
		var errs []error
		keys, err := pages(ctx, p.HasMorePages, p.NextPage, "kms ListKeys", func(page *kms.ListKeysOutput) (names []string) {
			for _, k := range page.Keys {
				out, err := c.KMS(region).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
				if err != nil {
					errs = append(errs, fmt.Errorf("kms DescribeKey: %w", err))
				} else if md := out.KeyMetadata; md.KeyManager == kmstypes.KeyManagerTypeCustomer && md.KeyState != kmstypes.KeyStatePendingDeletion {
					names = append(names, aws.ToString(k.KeyId))
				}
			}
			return names
		})
		return keys, errors.Join(append(errs, err)...)
	}},
	{"kms-alias", func(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
		p := kms.NewListAliasesPaginator(c.KMS(region), &kms.ListAliasesInput{})
		return pages(ctx, p.HasMorePages, p.NextPage, "kms ListAliases", func(page *kms.ListAliasesOutput) (names []string) {
			for _, a := range page.Aliases {
				if name := aws.ToString(a.AliasName); !strings.HasPrefix(name, "alias/aws/") {
					names = append(names, name)
				}
			}
			return names
		})
	}},
}

func logGroups(ctx context.Context, c *conns.AWSClient, region string) ([]string, error) {
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c.CloudWatchLogs(region), &cloudwatchlogs.DescribeLogGroupsInput{})
	return pages(ctx, p.HasMorePages, p.NextPage, "logs DescribeLogGroups", func(page *cloudwatchlogs.DescribeLogGroupsOutput) (names []string) {
		for _, g := range page.LogGroups {
			names = append(names, aws.ToString(g.LogGroupName))
		}
		return names
	})
}

// answer is the names in the answer of a call that does not page; call names it in an error.
func answer[Out any](out Out, err error, call string, names func(Out) []string) ([]string, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", call, err)
	}
	return names(out), nil
}

// pages is the names on every page of a listing; call names it in an error.
func pages[Out, Opt any](ctx context.Context, hasMore func() bool, next func(context.Context, ...func(*Opt)) (Out, error), call string, names func(Out) []string) ([]string, error) {
	var all []string
	if err := framework.EachPage(ctx, hasMore, next, func(page Out) bool {
		all = append(all, names(page)...)
		return true
	}); err != nil {
		return all, fmt.Errorf("%s: %w", call, err)
	}
	return all, nil
}

// inventory lists every object of the kinds the provider creates, in every region given, as
// "kind:region:name" strings (region "global" for what has none), sorted. Every listing runs
// even when another fails; the error names each listing that failed.
func inventory(ctx context.Context, client *conns.AWSClient, regions []string) ([]string, error) {
	var (
		mu    sync.Mutex
		found []string
		errs  []string
		wg    sync.WaitGroup
	)
	run := func(region string, listers []lister) {
		defer wg.Done()
		for _, l := range listers {
			names, err := l.list(ctx, client, region)
			mu.Lock()
			for _, n := range names {
				found = append(found, l.kind+":"+region+":"+n)
			}
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s in %s: %v", l.kind, region, err))
			}
			mu.Unlock()
		}
	}
	for _, l := range globalListers {
		wg.Add(1)
		go run("global", []lister{l})
	}
	for _, region := range regions {
		wg.Add(1)
		go run(region, regionalListers)
	}
	wg.Wait()
	sort.Strings(found)
	if len(errs) > 0 {
		sort.Strings(errs)
		return found, fmt.Errorf("inventory incomplete: %s", strings.Join(errs, "; "))
	}
	return found, nil
}
