package cloudtrailbaseline

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

// Advanced event selectors carry s3_data_events. A trail has either classic or advanced
// selectors, never both, so management events become an advanced selector as well
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html,
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
const (
	advancedDocs      = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html"
	managementName    = "Management events"
	s3DataEventsName  = "S3 data events of all buckets"
	fieldCategory     = "eventCategory"
	fieldResourceType = "resources.type"
	fieldResourceARN  = "resources.ARN"
	fieldReadOnly     = "readOnly"
)

// s3DataEventsSpec is the s3_data_events block in plain values.
type s3DataEventsSpec struct {
	Read, Write bool
	// Exclude are the buckets left out: the configured ones plus the trail's own bucket, whose
	// log-file writes would otherwise be data events that CloudTrail writes to the same bucket,
	// an endless loop of events and cost.
	Exclude []string
}

// buildAdvancedSelectors is the hardened advanced selector set: every management event, and the
// object-level events of every bucket (present and future) except the excluded ones.
func buildAdvancedSelectors(partition string, s s3DataEventsSpec) []cttypes.AdvancedEventSelector {
	mgmt := cttypes.AdvancedEventSelector{Name: aws.String(managementName), FieldSelectors: []cttypes.AdvancedFieldSelector{
		{Field: aws.String(fieldCategory), Equals: []string{"Management"}},
	}}
	fields := []cttypes.AdvancedFieldSelector{
		{Field: aws.String(fieldCategory), Equals: []string{"Data"}},
		{Field: aws.String(fieldResourceType), Equals: []string{s3ObjectType}},
	}
	if s.Read != s.Write {
		// readOnly = true records reads only, false writes only; absent records both.
		fields = append(fields, cttypes.AdvancedFieldSelector{Field: aws.String(fieldReadOnly), Equals: []string{boolString(s.Read)}})
	}
	if len(s.Exclude) > 0 {
		fields = append(fields, cttypes.AdvancedFieldSelector{Field: aws.String(fieldResourceARN), NotStartsWith: dataEventResources(partition, s.Exclude)})
	}
	data := cttypes.AdvancedEventSelector{Name: aws.String(s3DataEventsName), FieldSelectors: fields}
	return []cttypes.AdvancedEventSelector{mgmt, data}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// renderAdvanced is the canonical form of advanced selectors that state holds: JSON without
// the selectors' names, each field's values sorted, fields and selectors in a stable order, so
// only a change in what is recorded is drift. "" means no advanced selectors.
func renderAdvanced(sels []cttypes.AdvancedEventSelector) string {
	if len(sels) == 0 {
		return ""
	}
	out := make([]map[string]map[string][]string, 0, len(sels))
	for _, sel := range sels {
		out = append(out, canonicalFields(sel.FieldSelectors))
	}
	slices.SortFunc(out, func(a, b map[string]map[string][]string) int {
		return strings.Compare(selectorJSON(a), selectorJSON(b))
	})
	return selectorJSON(out)
}

func canonicalFields(fields []cttypes.AdvancedFieldSelector) map[string]map[string][]string {
	m := map[string]map[string][]string{}
	for _, f := range fields {
		ops := map[string][]string{}
		for op, vals := range map[string][]string{
			"Equals": f.Equals, "StartsWith": f.StartsWith, "EndsWith": f.EndsWith,
			"NotEquals": f.NotEquals, "NotStartsWith": f.NotStartsWith, "NotEndsWith": f.NotEndsWith,
		} {
			if len(vals) > 0 {
				v := slices.Clone(vals)
				slices.Sort(v)
				ops[op] = v
			}
		}
		m[aws.ToString(f.Field)] = ops
	}
	return m
}

// selectorJSON renders canonical selector fields: maps and slices of strings, which json.Marshal
// cannot fail on.
func selectorJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// summariseAdvanced reads the management scope from an advanced selector set: the selector of
// management events, with readOnly narrowing it. Without one the trail records no management
// events, which is drift.
func summariseAdvanced(advanced []cttypes.AdvancedEventSelector) selectorSummary {
	s := selectorSummary{ManagementReadWriteType: advancedSelectors, DataEventResources: []string{}, Advanced: renderAdvanced(advanced)}
	for _, sel := range advanced {
		f := canonicalFields(sel.FieldSelectors)
		if !slices.Equal(f[fieldCategory]["Equals"], []string{"Management"}) {
			continue
		}
		rw := string(cttypes.ReadWriteTypeAll)
		switch ro := f[fieldReadOnly]["Equals"]; {
		case slices.Equal(ro, []string{"true"}):
			rw = string(cttypes.ReadWriteTypeReadOnly)
		case slices.Equal(ro, []string{"false"}):
			rw = string(cttypes.ReadWriteTypeWriteOnly)
		}
		if !s.IncludeManagementEvents || rw == string(cttypes.ReadWriteTypeAll) {
			s.ManagementReadWriteType = rw
		}
		s.IncludeManagementEvents = true
	}
	return s
}

// s3DataEventsOf recovers s3_data_events from a trail's advanced selectors, for import: the
// selector of S3 object data events with no resources.ARN condition but NotStartsWith, minus the
// trail's own bucket that the resource excludes by itself. ok is false when there is none.
func s3DataEventsOf(advanced []cttypes.AdvancedEventSelector, trailBucket string) (s s3DataEventsSpec, ok bool) {
	for _, sel := range advanced {
		f := canonicalFields(sel.FieldSelectors)
		if !slices.Equal(f[fieldCategory]["Equals"], []string{"Data"}) || !slices.Equal(f[fieldResourceType]["Equals"], []string{s3ObjectType}) {
			continue
		}
		ro := f[fieldReadOnly]["Equals"]
		s.Read, s.Write = !slices.Equal(ro, []string{"false"}), !slices.Equal(ro, []string{"true"})
		for _, v := range bucketsOf(f[fieldResourceARN]["NotStartsWith"]) {
			if v != trailBucket {
				s.Exclude = append(s.Exclude, v)
			}
		}
		return s, true
	}
	return s3DataEventsSpec{}, false
}

// excludedBuckets is the sorted, de-duplicated exclusion list: the configured buckets and the
// trail's own.
func excludedBuckets(configured []string, trailBucket string) []string {
	out := append(slices.Clone(configured), trailBucket)
	slices.Sort(out)
	return slices.Compact(out)
}
