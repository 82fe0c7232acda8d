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
	checkGuideTable(t, "alarm", "\n| `", guideRow)
}

// checkGuideTable requires the alarm-catalog guide to hold row(a) as a line for every alarm that
// has a row in the table ("" for none), and no other line of the table: lines starting with
// rowStart count as its rows.
func checkGuideTable(t *testing.T, table, rowStart string, row func(Alarm) string) {
	t.Helper()
	raw, err := os.ReadFile("../../templates/guides/alarm-catalog.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	rows := 0
	for _, a := range All() {
		want := row(a)
		if want == "" {
			continue
		}
		rows++
		if !strings.Contains(guide, want+"\n") {
			t.Errorf("the guide's %s row for %s is missing or stale; want:\n%s", table, a.ID, want)
		}
	}
	if n := strings.Count(guide, rowStart); n != rows {
		t.Errorf("the guide has %d %s rows, the catalog %d", n, table, rows)
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
