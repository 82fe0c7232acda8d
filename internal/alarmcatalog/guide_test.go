package alarmcatalog

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// The published guide lists every alarm with the controls it evidences; auditors read it, so it
// must say exactly what the catalog says.
func TestGuideTableMatchesCatalog(t *testing.T) {
	raw, err := os.ReadFile("../../templates/guides/alarm-catalog.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	for _, a := range All() {
		want := guideRow(a)
		if !strings.Contains(guide, want+"\n") {
			t.Errorf("the guide's row for %s is missing or stale; want:\n%s", a.ID, want)
		}
	}
	if n := strings.Count(guide, "\n| `"); n != len(All()) {
		t.Errorf("the guide has %d alarm rows, the catalog %d alarms", n, len(All()))
	}
}

func guideRow(a Alarm) string {
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	tuned := a.SecurityHubFor(ProfileTuned)
	if tuned == "" && a.SecurityHub != "" {
		tuned = "— (pattern differs)"
	}
	return fmt.Sprintf("| `%s` | %s | %s | %s | %s | %s |", a.ID, a.Title, strings.Join(a.SOC2, ", "), dash(a.CIS), dash(a.SecurityHub), dash(tuned))
}
