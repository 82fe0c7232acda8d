package alarmcatalog

import (
	"slices"
	"testing"
)

// cisV3Differs lists the corpus records (file, index) whose alarms under cis-v3 differ from
// their cis expectation, with the cis-v3 expectation. Everything else in the corpus raises the
// same alarms under both profiles.
var cisV3Differs = map[string]map[int][]string{
	// AccessDenied from CloudTrail's delivery probe and from HeadBucket: v3.0 excludes both
	// (4.1 with its exclusions joined by &&).
	"unauthorized.json": {3: {}, 4: {}},
}

// TestCorpusCISv3 runs every cis corpus file under cis-v3: every pattern parses through the
// engine, and the records raise the cis alarms except where v3.0 changes them.
func TestCorpusCISv3(t *testing.T) {
	for _, c := range corpus {
		if c.profile != ProfileCIS || c.file == "cisv3/differences.json" {
			continue
		}
		compiled := compilePatterns(t, ProfileCISv3, c.bh)
		for i, rec := range loadRecords(t, c.file) {
			got := alarmsRaised(compiled, rec)
			want := c.want[i]
			if w, ok := cisV3Differs[c.file][i]; ok {
				want = w
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s (cis-v3) record %d: alarms %v, want %v\n%s", c.file, i, got, want, rec)
			}
		}
	}
}
