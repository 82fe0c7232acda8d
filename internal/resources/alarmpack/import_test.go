package alarmpack

import (
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

func TestImportIDAndDescriptionRoundTrip(t *testing.T) {
	lg, prefix, ok := cutImportID("/soc2/cloudtrail:soc2-")
	if !ok || lg != "/soc2/cloudtrail" || prefix != "soc2-" {
		t.Errorf("cutImportID = %q %q %v", lg, prefix, ok)
	}
	if _, _, ok := cutImportID("/soc2/cloudtrail"); ok {
		t.Error("an id without the separator was accepted")
	}
	s := validSpec()
	s.BusinessHours = alarmcatalog.BusinessHours{Start: "09:30", End: "17:00", UTCOffset: "-05:00"}
	a := alarmSpec{ID: businessHoursAlarmID, Description: "Out of hours", Controls: []string{"CC6.1", "CC7.2"}}
	got := parseDescription(alarmDescription(s, a))
	if got.Description != "Out of hours" || strings.Join(got.Controls, ",") != "CC6.1,CC7.2" || !got.ManagedTopic ||
		got.BusinessHours == nil || *got.BusinessHours != s.BusinessHours {
		t.Errorf("round trip lost data: %+v", got)
	}
}
