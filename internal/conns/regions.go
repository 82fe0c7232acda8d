package conns

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// EnabledRegions lists the regions this account can use, within the caller's partition.
// DescribeRegions without AllRegions is meant to omit regions the account has not opted into,
// but emulators return them anyway, and China and GovCloud regions beside commercial ones, which
// one set of credentials never spans; both are filtered explicitly, so AWS and moto agree.
func (c *AWSClient) EnabledRegions(ctx context.Context) ([]string, error) {
	out, err := c.EC2("").DescribeRegions(ctx, &ec2.DescribeRegionsInput{
		Filters: []ec2types.Filter{{
			Name:   aws.String("opt-in-status"),
			Values: []string{"opt-in-not-required", "opted-in"},
		}},
	})
	if err != nil {
		return nil, fmt.Errorf("listing enabled regions with EC2 DescribeRegions: %w", err)
	}
	regions := make([]string, 0, len(out.Regions))
	for _, r := range out.Regions {
		name := aws.ToString(r.RegionName)
		if PartitionOf(name) != c.Partition {
			continue
		}
		switch aws.ToString(r.OptInStatus) {
		case "opt-in-not-required", "opted-in", "":
			regions = append(regions, name)
		}
	}
	slices.Sort(regions)
	return regions, nil
}
