package evidence

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// InventoryServices are the services whose resources produce or hold the logs. Service-level
// filters rather than "service:type" ones, because AWS accepts both and moto 5.2.1 knows log
// groups only as "logs" or "logs:loggroup" (AWS's type is "logs:log-group").
var InventoryServices = []string{"cloudtrail", "cloudwatch", "logs", "s3", "sns"}

func (c *collector) inventory(ctx context.Context) error {
	inv := &c.b.Inventory
	inv.Source = "Resource Groups Tagging API GetResources (" + strings.Join(InventoryServices, ", ") + ") in every region read"
	var (
		mu    sync.Mutex
		found = map[string]InventoryItem{}
	)
	err := framework.ForEachRegion(ctx, c.b.Regions, func(ctx context.Context, region string) error {
		items, err := c.taggedResources(ctx, region)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for _, it := range items {
			if _, seen := found[it.ARN]; !seen {
				found[it.ARN] = it
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := c.trailTags(ctx, found); err != nil {
		return err
	}
	for _, it := range found {
		inv.Items = append(inv.Items, it)
	}
	sort.Slice(inv.Items, func(i, j int) bool { return inv.Items[i].ARN < inv.Items[j].ARN })
	for _, arn := range uniqueSorted(c.baseline) {
		if it, ok := found[arn]; !ok || len(it.Tags) == 0 {
			inv.Untagged = append(inv.Untagged, arn)
		}
	}
	return nil
}

func (c *collector) taggedResources(ctx context.Context, region string) ([]InventoryItem, error) {
	api := c.client.ResourceGroupsTagging(region)
	p := resourcegroupstaggingapi.NewGetResourcesPaginator(api, &resourcegroupstaggingapi.GetResourcesInput{ResourceTypeFilters: InventoryServices})
	var items []InventoryItem
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading tagged resources in %s with Resource Groups Tagging API GetResources: %w", region, err)
		}
		for _, m := range out.ResourceTagMappingList {
			arn := strings.TrimSuffix(aws.ToString(m.ResourceARN), ":*")
			tags := map[string]string{}
			for _, t := range m.Tags {
				tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			items = append(items, InventoryItem{ARN: arn, Type: resourceType(arn), Region: arnRegion(arn, region), Tags: tags})
		}
	}
	c.progress("read tagged resources in %s (%d)", region, len(items))
	return items, nil
}

// trailTags reads the trail's tags from CloudTrail itself: moto 5.2.1's GetResources does not
// serve cloudtrail:trail, and on AWS this only confirms what GetResources listed.
func (c *collector) trailTags(ctx context.Context, found map[string]InventoryItem) error {
	tr := c.trailFacts
	if tr == nil {
		return nil
	}
	if _, ok := found[tr.arn]; ok {
		return nil
	}
	out, err := c.client.CloudTrail(tr.region).ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{tr.arn}})
	if err != nil {
		return fmt.Errorf("reading the tags of trail %s with CloudTrail ListTags: %w", tr.arn, err)
	}
	tags := map[string]string{}
	for _, rt := range out.ResourceTagList {
		for _, t := range rt.TagsList {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	if len(tags) > 0 {
		found[tr.arn] = InventoryItem{ARN: tr.arn, Type: "cloudtrail:trail", Region: tr.region, Tags: tags}
	}
	return nil
}

// resourceType is "service:type" from an ARN, as the Tagging API names types.
func resourceType(arn string) string {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) < 6 {
		return ""
	}
	res := parts[5]
	if i := strings.IndexAny(res, "/:"); i >= 0 {
		res = res[:i]
	} else if parts[2] == "s3" || parts[2] == "sns" {
		res = map[string]string{"s3": "bucket", "sns": "topic"}[parts[2]]
	}
	return parts[2] + ":" + res
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.TrimSuffix(s, ":*")
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
