package cloudtrailbaseline

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
)

const (
	s3ObjectType = "AWS::S3::Object"
	// advancedSelectors marks a trail whose classic selectors were replaced by advanced ones,
	// which this resource does not manage: always drift.
	advancedSelectors = "AdvancedEventSelectors"
)

func dataEventResources(partition string, buckets []string) []string {
	out := make([]string, 0, len(buckets))
	for _, b := range buckets {
		out = append(out, arns.ObjectPrefix(partition, b))
	}
	slices.Sort(out)
	return out
}

// buildEventSelectors is the hardened selector set: management events read and write, plus
// object-level read and write events of the listed buckets.
func buildEventSelectors(resources []string) []cttypes.EventSelector {
	sel := cttypes.EventSelector{
		ReadWriteType:           cttypes.ReadWriteTypeAll,
		IncludeManagementEvents: aws.Bool(true),
	}
	if len(resources) > 0 {
		sel.DataResources = []cttypes.DataResource{{Type: aws.String(s3ObjectType), Values: slices.Clone(resources)}}
	}
	return []cttypes.EventSelector{sel}
}

// selectorSummary is how the trail's selectors show in state.
type selectorSummary struct {
	IncludeManagementEvents bool
	ManagementReadWriteType string
	DataEventResources      []string
	// Advanced is the canonical rendering of the advanced selectors, "" when there are none.
	Advanced string
}

// summariseSelectors reduces whatever selectors a trail has to the enforced attributes. No
// selectors at all is how moto shows a new trail and equals AWS's default (all management
// events), so it is not drift.
func summariseSelectors(classic []cttypes.EventSelector, advanced []cttypes.AdvancedEventSelector) selectorSummary {
	if len(advanced) > 0 && len(classic) == 0 {
		return summariseAdvanced(advanced)
	}
	if len(classic) == 0 {
		return selectorSummary{IncludeManagementEvents: true, ManagementReadWriteType: string(cttypes.ReadWriteTypeAll), DataEventResources: []string{}}
	}
	// Only moto keeps advanced selectors beside classic ones; AWS replaces one kind by the other.
	s := selectorSummary{ManagementReadWriteType: "None", DataEventResources: []string{}, Advanced: renderAdvanced(advanced)}
	for _, sel := range classic {
		rw := sel.ReadWriteType
		if rw == "" {
			rw = cttypes.ReadWriteTypeAll
		}
		if sel.IncludeManagementEvents == nil || *sel.IncludeManagementEvents {
			// The widest management scope among the selectors is what the trail records.
			if !s.IncludeManagementEvents || rw == cttypes.ReadWriteTypeAll {
				s.ManagementReadWriteType = string(rw)
			}
			s.IncludeManagementEvents = true
		}
		if rw != cttypes.ReadWriteTypeAll {
			continue
		}
		for _, dr := range sel.DataResources {
			if aws.ToString(dr.Type) == s3ObjectType {
				for _, v := range dr.Values {
					if !slices.Contains(s.DataEventResources, v) {
						s.DataEventResources = append(s.DataEventResources, v)
					}
				}
			}
		}
	}
	slices.Sort(s.DataEventResources)
	return s
}
