package alarmpack

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

// businessHoursAlarmID is the one catalog alarm whose pattern depends on business_hours.
const businessHoursAlarmID = "console_login_outside_business_hours"

// Every alarm description ends with a machine-readable trailer. It carries what the metric filter
// and alarm cannot, so `terraform import` can rebuild the configuration (controls of custom
// alarms, the business-hours window, whether the pack owns its topic).
var trailerPattern = regexp.MustCompile(`\s*\[soc2-alarm-pack([^\]]*)\]\s*$`)

func alarmDescription(s packSpec, a alarmSpec) string {
	var fields []string
	if len(a.Controls) > 0 {
		fields = append(fields, "controls="+strings.Join(a.Controls, ","))
	}
	if a.ID == businessHoursAlarmID {
		bh := s.BusinessHours
		fields = append(fields, fmt.Sprintf("business_hours=%s-%s%s", bh.Start, bh.End, bh.UTCOffset))
	}
	if s.Notification.CreateTopic {
		fields = append(fields, "topic=managed")
	}
	trailer := "[soc2-alarm-pack"
	for _, f := range fields {
		trailer += " " + f
	}
	return a.Description + " " + trailer + "]"
}

type trailer struct {
	Description   string
	Controls      []string
	BusinessHours *alarmcatalog.BusinessHours
	ManagedTopic  bool
}

func parseDescription(desc string) trailer {
	m := trailerPattern.FindStringSubmatchIndex(desc)
	if m == nil {
		return trailer{Description: desc}
	}
	t := trailer{Description: desc[:m[0]]}
	for _, f := range strings.Fields(desc[m[2]:m[3]]) {
		key, value, _ := strings.Cut(f, "=")
		switch key {
		case "controls":
			t.Controls = strings.Split(value, ",")
		case "business_hours":
			// "08:00-18:00+00:00"
			if len(value) == 17 && value[5] == '-' {
				t.BusinessHours = &alarmcatalog.BusinessHours{Start: value[:5], End: value[6:11], UTCOffset: value[11:]}
			}
		case "topic":
			t.ManagedTopic = value == "managed"
		}
	}
	return t
}
