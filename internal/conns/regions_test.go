package conns

import (
	"strings"
	"testing"
)

func TestPartitionOf(t *testing.T) {
	for region, want := range map[string]string{
		"us-east-1": "aws", "eu-west-1": "aws", "cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov",
		"us-iso-east-1": "aws-iso", "us-isob-east-1": "aws-iso-b",
		"eusc-de-east-1": "aws-eusc", "eu-isoe-west-1": "aws-iso-e", "us-isof-south-1": "aws-iso-f",
	} {
		if got := PartitionOf(region); got != want {
			t.Errorf("PartitionOf(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestKnownRegion(t *testing.T) {
	for region, want := range map[string]bool{
		"us-east-1": true, "us-east-7": false, "cn-north-1": true, "cn-south-9": false,
		"us-isob-east-1": true, "us-iso-east-2": false, "eusc-de-east-1": true,
	} {
		if got := KnownRegion(region); got != want {
			t.Errorf("KnownRegion(%q) = %v, want %v", region, got, want)
		}
	}
	msg := (&UnknownRegionError{Region: "cn-south-9", Partition: "aws-cn"}).Error()
	if !strings.Contains(msg, "use one of: cn-north-1, cn-northwest-1.") {
		t.Errorf("the error should list the partition's regions: %s", msg)
	}
}
