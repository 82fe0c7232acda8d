package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

const (
	guidePath     = "../../templates/guides/alarm-catalog.md.tmpl"
	patternsBegin = "<!-- patterns:begin (generated: go test ./cmd/soc2-filtertest -run TestGuidePatterns -update) -->\n"
	patternsEnd   = "<!-- patterns:end -->\n"
)

// guidePatterns renders every alarm's filter pattern per profile, as `soc2-filtertest --list`
// prints them for the default business-hours window.
func guidePatterns(t *testing.T) string {
	t.Helper()
	bh := alarmcatalog.BusinessHours{Start: "08:00", End: "18:00", UTCOffset: "+00:00"}
	cis, err := buildMatchers(alarmcatalog.ProfileCIS, bh, "", false)
	if err != nil {
		t.Fatal(err)
	}
	tuned, err := buildMatchers(alarmcatalog.ProfileTuned, bh, "", false)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("Profile `cis`, business hours 08:00-18:00 at +00:00 (`soc2-filtertest --list` prints them for any window):\n\n")
	for _, m := range cis {
		fmt.Fprintf(&b, "- `%s`: `%s`\n", m.id, m.source)
	}
	b.WriteString("\nProfile `tuned` differs only in:\n\n")
	for i, m := range tuned {
		if m.source != cis[i].source {
			fmt.Fprintf(&b, "- `%s`: `%s`\n", m.id, m.source)
		}
	}
	return b.String()
}

// The guide lists the pattern of every alarm of each profile; it must be the catalog's, so it is
// generated from it (-update) and checked here.
func TestGuidePatterns(t *testing.T) {
	raw, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	before, rest, ok := strings.Cut(guide, patternsBegin)
	_, after, ok2 := strings.Cut(rest, patternsEnd)
	if !ok || !ok2 {
		t.Fatalf("%s lacks the markers %q and %q", guidePath, patternsBegin, patternsEnd)
	}
	want := before + patternsBegin + guidePatterns(t) + patternsEnd + after
	if *update {
		if err := os.WriteFile(guidePath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if guide != want {
		t.Errorf("the patterns in %s are stale; run go test ./cmd/soc2-filtertest -run TestGuidePatterns -update", guidePath)
	}
}
