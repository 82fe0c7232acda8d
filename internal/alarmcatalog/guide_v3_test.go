package alarmcatalog

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// The guide's cis / cis-v3 comparison says, per CIS alarm, whether the cis-v3 pattern is the
// v3.0 audit text and which Security Hub control each profile still satisfies.
func TestGuideCISv3TableMatchesCatalog(t *testing.T) {
	raw, err := os.ReadFile("../../templates/guides/alarm-catalog.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	rows := 0
	for _, a := range All() {
		if a.CIS == "" {
			continue
		}
		rows++
		if want := guideV3Row(a); !strings.Contains(guide, want+"\n") {
			t.Errorf("the guide's cis / cis-v3 row for %s is missing or stale; want:\n%s", a.ID, want)
		}
	}
	if n := strings.Count(guide, "\n| 4."); n != rows {
		t.Errorf("the guide has %d cis / cis-v3 rows, the catalog %d CIS alarms", n, rows)
	}
}

func guideV3Row(a Alarm) string {
	text := "exact"
	if d := CISv3Deviation(a.ID); d != "" {
		text = "differs: " + d
	}
	hub := a.SecurityHubFor(ProfileCISv3)
	if hub == "" && a.SecurityHub != "" {
		hub = "— (pattern differs)"
	}
	if hub == "" {
		hub = "—"
	}
	cisHub := a.SecurityHubFor(ProfileCIS)
	if cisHub == "" {
		cisHub = "—"
	}
	return fmt.Sprintf("| %s | `%s` | %s | %s | %s |", a.CIS, a.ID, cisHub, hub, text)
}
