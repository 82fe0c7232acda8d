package alarmcatalog

import (
	"fmt"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// loginEvents holds one successful console login per minute of the day, in
// UTC, parsed once so every compiled pattern can reuse the decoded JSON.
var loginEvents = func() [minutesPerDay]*filterpattern.Event {
	var evs [minutesPerDay]*filterpattern.Event
	for m := range minutesPerDay {
		evs[m] = filterpattern.ParseEvent([]byte(fmt.Sprintf(
			`{"eventVersion":"1.08","eventTime":"2024-03-09T%02d:%02d:%02dZ","eventSource":"signin.amazonaws.com",`+
				`"eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"}}`, m/60, m%60, (m*7)%60)))
	}
	return evs
}()

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func offsetString(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s%02d:%02d", sign, off/60, off%60)
}

// TestBusinessHoursExhaustive checks, for every UTC minute of the day, that
// the compiled pattern fires exactly when the local time is outside the
// window, over windows that start and end on and off the hour, cross
// midnight or nearly fill the day, and every half-hour offset plus the
// quarter-hour ones in use.
func TestBusinessHoursExhaustive(t *testing.T) {
	windows := [][2]string{
		{"08:00", "18:00"}, {"09:00", "17:30"}, {"08:17", "17:43"}, {"22:00", "06:00"},
		{"00:00", "23:59"}, {"23:59", "00:00"}, {"00:01", "00:00"}, {"12:00", "12:01"},
		{"06:45", "06:44"}, {"00:00", "12:00"}, {"13:07", "02:53"}, {"10:10", "10:50"},
	}
	var offsets []int
	for off := minOffset; off <= maxOffset; off += 30 {
		offsets = append(offsets, off)
	}
	offsets = append(offsets, 5*60+45, 8*60+45, 12*60+45, -(9*60 + 30), -(3*60 + 30), 7)
	longest := 0
	for _, w := range windows {
		for _, off := range offsets {
			bh := BusinessHours{Start: w[0], End: w[1], UTCOffset: offsetString(off)}
			src, err := CompileBusinessHours(bh)
			if err != nil {
				t.Fatalf("%+v: %v", bh, err)
			}
			longest = max(longest, len(src))
			if len(src) > filterpattern.MaxLength {
				t.Fatalf("%+v: pattern is %d characters", bh, len(src))
			}
			p, err := filterpattern.Parse(src)
			if err != nil {
				t.Fatalf("%+v: our own pattern %q does not parse: %v", bh, src, err)
			}
			start, end, _, _ := bh.minutes()
			for utc := range minutesPerDay {
				local := mod(utc+off, minutesPerDay)
				inside := start <= local && local < end
				if start > end {
					inside = local >= start || local < end
				}
				if got := p.MatchEvent(loginEvents[utc]); got == inside {
					t.Fatalf("%+v: UTC %s (local %s) matched=%v, inside window=%v\npattern: %s",
						bh, clock(utc), clock(local), got, inside, src)
				}
			}
		}
	}
	t.Logf("longest business-hours pattern: %d characters", longest)
}

func TestBusinessHoursPatternShape(t *testing.T) {
	got, err := CompileBusinessHours(DefaultBusinessHours())
	if err != nil {
		t.Fatal(err)
	}
	want := `{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Success") && ($.eventTime = %T1[8-9]|T2[0-3]|T0[0-7]%) }`
	if got != want {
		t.Errorf("default pattern\n got %s\nwant %s", got, want)
	}
	got, err = CompileBusinessHours(BusinessHours{Start: "08:17", End: "17:43", UTCOffset: "+05:30"})
	if err != nil {
		t.Fatal(err)
	}
	// Local 17:43-08:17 is UTC 12:13-02:47.
	want = `{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Success") && ($.eventTime = %T12.1[3-9]|T12.[2-5]|T1[3-9]|T2[0-3]|T0[0-1]|T02.[0-3]|T02.4[0-6]%) }`
	if got != want {
		t.Errorf("08:17-17:43 +05:30 pattern\n got %s\nwant %s", got, want)
	}
	if re := got[strings.Index(got, "%")+1 : strings.LastIndex(got, "%")]; strings.ContainsAny(re, ":()") {
		t.Errorf("regex uses a character outside the documented subset: %s", got)
	}
}

func TestBusinessHoursValidate(t *testing.T) {
	cases := []struct {
		bh   BusinessHours
		want []string // substrings, one per expected problem
	}{
		{DefaultBusinessHours(), nil},
		{BusinessHours{"22:00", "06:00", "-05:00"}, nil},
		{BusinessHours{"00:00", "23:59", "+14:00"}, nil},
		{BusinessHours{"09:00", "17:00", "-12:00"}, nil},
		{BusinessHours{"8:00", "18:00", "+00:00"}, []string{`business hours start "8:00" is invalid: expected a 24-hour time HH:MM`}},
		{BusinessHours{"08:00", "24:00", "+00:00"}, []string{`business hours end "24:00" is invalid`}},
		{BusinessHours{"08:60", "18:00", "+00:00"}, []string{`start "08:60"`}},
		{BusinessHours{"08:00", "18:00", "05:30"}, []string{`utc_offset "05:30" is invalid: expected ±HH:MM between -12:00 and +14:00`}},
		{BusinessHours{"08:00", "18:00", "+14:30"}, []string{`utc_offset "+14:30"`}},
		{BusinessHours{"08:00", "18:00", "-12:30"}, []string{`utc_offset "-12:30"`}},
		{BusinessHours{"08:00", "18:00", "+5:30"}, []string{`utc_offset "+5:30"`}},
		{BusinessHours{"08:00", "08:00", "+00:00"}, []string{`start and end are both "08:00": the window would be empty`}},
		{BusinessHours{}, []string{`start ""`, `end ""`, `utc_offset ""`}},
		{BusinessHours{"x", "18:00", "z"}, []string{`start "x"`, `utc_offset "z"`}},
	}
	for _, c := range cases {
		err := c.bh.Validate()
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("%+v: unexpected error %v", c.bh, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%+v: no error, want %q", c.bh, c.want)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: error %q does not contain %q", c.bh, err, w)
			}
		}
		if _, err := CompileBusinessHours(c.bh); err == nil {
			t.Errorf("%+v: CompileBusinessHours accepted an invalid window", c.bh)
		}
	}
}
