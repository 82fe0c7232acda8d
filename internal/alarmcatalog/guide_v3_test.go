package alarmcatalog

import (
	"fmt"
	"testing"
)

// The guide's cis / cis-v3 comparison says, per CIS alarm, whether the cis-v3 pattern is the
// v3.0 audit text and which Security Hub control each profile still satisfies.
func TestGuideCISv3TableMatchesCatalog(t *testing.T) {
	checkGuideTable(t, "cis / cis-v3", "\n| 4.", func(a Alarm) string {
		if a.CIS == "" {
			return ""
		}
		return guideV3Row(a)
	})
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
