package alarmcatalog

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// BenchmarkParseCatalog measures what every plan of an alarm pack does: parse all patterns.
func BenchmarkParseCatalog(b *testing.B) {
	patterns, err := Patterns(ProfileCIS, DefaultBusinessHours())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range patterns {
			if _, err := filterpattern.Parse(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMatchCatalog measures soc2-filtertest's inner loop: one decoded record against every
// alarm of the catalog. Reported per record.
func BenchmarkMatchCatalog(b *testing.B) {
	patterns, err := Patterns(ProfileCIS, DefaultBusinessHours())
	if err != nil {
		b.Fatal(err)
	}
	var parsed []*filterpattern.Pattern
	for _, p := range patterns {
		pp, err := filterpattern.Parse(p)
		if err != nil {
			b.Fatal(err)
		}
		parsed = append(parsed, pp)
	}
	entries, err := os.ReadDir("testdata/cloudtrail")
	if err != nil {
		b.Fatal(err)
	}
	var records [][]byte
	for _, e := range entries {
		raw, err := os.ReadFile("testdata/cloudtrail/" + e.Name())
		if err != nil {
			b.Fatal(err)
		}
		var file struct{ Records []json.RawMessage }
		if json.Unmarshal(raw, &file) == nil {
			for _, r := range file.Records {
				records = append(records, r)
			}
		}
	}
	if len(records) == 0 {
		b.Fatal("no CloudTrail records in testdata")
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		event := filterpattern.ParseEvent(records[i%len(records)])
		for _, p := range parsed {
			p.MatchEvent(event)
		}
		i++
	}
}
