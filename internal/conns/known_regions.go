package conns

import (
	"fmt"
	"slices"
	"strings"
)

// partition is an AWS partition: the prefix its region names start with and its regions, as the
// AWS SDK's endpoint metadata has them. A region missing here is refused before any call (see
// UnknownRegionError) unless calls go to an emulator or skip_region_validation is set, for a
// region AWS launched after this list was written.
type partition struct {
	name    string
	prefix  string
	regions []string
}

// partitions ends with aws, whose empty prefix takes every region name the others do not.
var partitions = []partition{
	{name: "aws-cn", prefix: "cn-", regions: []string{"cn-north-1", "cn-northwest-1"}},
	{name: "aws-us-gov", prefix: "us-gov-", regions: []string{"us-gov-east-1", "us-gov-west-1"}},
	{name: "aws-eusc", prefix: "eusc-", regions: []string{"eusc-de-east-1"}},
	{name: "aws-iso", prefix: "us-iso-", regions: []string{"us-iso-east-1", "us-iso-west-1"}},
	{name: "aws-iso-b", prefix: "us-isob-", regions: []string{"us-isob-east-1", "us-isob-west-1"}},
	{name: "aws-iso-e", prefix: "eu-isoe-", regions: []string{"eu-isoe-west-1"}},
	{name: "aws-iso-f", prefix: "us-isof-", regions: []string{"us-isof-east-1", "us-isof-south-1"}},
	{name: "aws", regions: []string{
		"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
		"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
		"eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
		"il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1", "sa-east-1", "sa-west-1",
		"us-east-1", "us-east-2", "us-west-1", "us-west-2",
	}},
}

func partitionOf(region string) partition {
	i := slices.IndexFunc(partitions, func(p partition) bool { return strings.HasPrefix(region, p.prefix) })
	return partitions[i]
}

// PartitionOf names the partition a region belongs to.
func PartitionOf(region string) string { return partitionOf(region).name }

// KnownRegion reports whether region is a region of the partition its name puts it in.
func KnownRegion(region string) bool {
	return slices.Contains(partitionOf(region).regions, region)
}

// UnknownRegionError says that the home region is not a region of its AWS partition: a typo such
// as us-east-7 would otherwise surface as a DNS failure of the STS endpoint after retries.
type UnknownRegionError struct {
	Region    string
	Partition string
}

func (e *UnknownRegionError) Error() string {
	return fmt.Sprintf("region %q is not a region of the AWS partition %q; use one of: %s. "+
		"Set it with region in the provider block, AWS_REGION, or the profile's region. "+
		"If AWS launched %s after this provider was released, set skip_region_validation = true",
		e.Region, e.Partition, strings.Join(regionsOf(e.Partition), ", "), e.Region)
}

// regionsOf lists the regions of the partition named name; none for a name it does not know.
func regionsOf(name string) []string {
	if i := slices.IndexFunc(partitions, func(p partition) bool { return p.name == name }); i >= 0 {
		return partitions[i].regions
	}
	return nil
}

// checkRegion refuses a home region unknown to its partition, unless calls go to an emulator
// (emulators accept any region name) or the check is switched off.
func checkRegion(c Config, region string) error {
	if c.EndpointURL != "" || c.SkipRegionValidation || KnownRegion(region) {
		return nil
	}
	return &UnknownRegionError{Region: region, Partition: PartitionOf(region)}
}
