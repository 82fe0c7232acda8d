package alarmcatalog

import (
	"errors"
	"fmt"
	"strings"
)

// BusinessHours is a daily local window: Start inclusive, End exclusive, both
// "HH:MM"; UTCOffset is "±HH:MM". A window with End before Start crosses
// midnight. Weekends and daylight saving time cannot be expressed in a
// metric filter, so the window applies every day at a fixed offset.
type BusinessHours struct {
	Start, End, UTCOffset string
}

// DefaultBusinessHours is 08:00-18:00 UTC.
func DefaultBusinessHours() BusinessHours {
	return BusinessHours{Start: "08:00", End: "18:00", UTCOffset: "+00:00"}
}

const minutesPerDay = 24 * 60

// UTC offsets in use range from UTC-12:00 to UTC+14:00.
const (
	minOffset = -12 * 60
	maxOffset = 14 * 60
)

// Validate reports every invalid field, naming the value and the form
// expected.
func (bh BusinessHours) Validate() error {
	_, _, _, err := bh.minutes()
	return err
}

func (bh BusinessHours) minutes() (start, end, offset int, err error) {
	var errs []error
	start, err1 := parseClock("start", bh.Start)
	end, err2 := parseClock("end", bh.End)
	offset, err3 := parseOffset(bh.UTCOffset)
	errs = append(errs, err1, err2, err3)
	if err1 == nil && err2 == nil && start == end {
		errs = append(errs, fmt.Errorf("business hours start and end are both %q: the window would be empty; use different times (end may be earlier than start for a window that crosses midnight)", bh.Start))
	}
	return start, end, offset, errors.Join(errs...)
}

// parseClock parses a 24-hour "HH:MM" time into minutes after midnight.
func parseClock(field, v string) (int, error) {
	h, m, ok := parseHHMM(v)
	if !ok || h > 23 || m > 59 {
		return 0, fmt.Errorf("business hours %s %q is invalid: expected a 24-hour time HH:MM between 00:00 and 23:59, e.g. 08:00", field, v)
	}
	return h*60 + m, nil
}

// parseOffset parses "+HH:MM" or "-HH:MM" into minutes east of UTC.
func parseOffset(v string) (int, error) {
	bad := fmt.Errorf("business hours utc_offset %q is invalid: expected ±HH:MM between -12:00 and +14:00, e.g. +00:00 or +05:30", v)
	if len(v) == 0 || v[0] != '+' && v[0] != '-' {
		return 0, bad
	}
	h, m, ok := parseHHMM(v[1:])
	if !ok || m > 59 {
		return 0, bad
	}
	off := h*60 + m
	if v[0] == '-' {
		off = -off
	}
	if off < minOffset || off > maxOffset {
		return 0, bad
	}
	return off, nil
}

func parseHHMM(v string) (h, m int, ok bool) {
	if len(v) != 5 || v[2] != ':' {
		return 0, 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if v[i] < '0' || v[i] > '9' {
			return 0, 0, false
		}
	}
	return int(v[0]-'0')*10 + int(v[1]-'0'), int(v[3]-'0')*10 + int(v[4]-'0'), true
}

// CompileBusinessHours returns the filter pattern of
// console_login_outside_business_hours: a successful ConsoleLogin whose
// eventTime, shifted to bh.UTCOffset, is outside [Start, End).
//
// CloudTrail's eventTime is UTC in the form 2024-01-02T15:04:05Z, so the
// local window becomes a set of UTC minutes, and that set becomes one
// regular expression over the "THH:MM" part. AWS regexes have no groups and
// may not contain every symbol, so each alternative is self-contained
// ("T1[3-9]" for whole hours, "T12.1[3-9]" for minutes 13-19 of hour 12)
// and "." stands for the ":" between hour and minute. The value has exactly
// one "T", so an unanchored match can only land on the time.
func CompileBusinessHours(bh BusinessHours) (string, error) {
	start, end, offset, err := bh.minutes()
	if err != nil {
		return "", err
	}
	// Local minute l is outside the window for l in [end, start) (modulo a
	// day); in UTC that is [end-offset, start-offset).
	from := mod(end-offset, minutesPerDay)
	to := mod(start-offset, minutesPerDay)
	var alts []string
	if from < to {
		alts = minuteRange(from, to-1)
	} else {
		alts = minuteRange(from, minutesPerDay-1)
		if to > 0 {
			alts = append(alts, minuteRange(0, to-1)...)
		}
	}
	return fmt.Sprintf(`{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Success") && ($.eventTime = %%%s%%) }`,
		strings.Join(alts, "|")), nil
}

func mod(a, n int) int { return ((a % n) + n) % n }

// minuteRange returns regex alternatives matching "THH:MM" for minutes of
// the day lo..hi inclusive.
func minuteRange(lo, hi int) []string {
	h1, m1 := lo/60, lo%60
	h2, m2 := hi/60, hi%60
	if h1 == h2 {
		return hourMinutes(h1, m1, m2)
	}
	var alts []string
	if m1 != 0 {
		alts = append(alts, hourMinutes(h1, m1, 59)...)
		h1++
	}
	lastFull := h2
	if m2 != 59 {
		lastFull = h2 - 1
	}
	if h1 <= lastFull {
		alts = append(alts, prefixed("T", twoDigits(h1, lastFull))...)
	}
	if m2 != 59 {
		alts = append(alts, hourMinutes(h2, 0, m2)...)
	}
	return alts
}

func hourMinutes(h, m1, m2 int) []string {
	if m1 == 0 && m2 == 59 {
		return prefixed("T", twoDigits(h, h))
	}
	return prefixed(fmt.Sprintf("T%02d.", h), twoDigits(m1, m2))
}

func prefixed(prefix string, frags []string) []string {
	out := make([]string, len(frags))
	for i, f := range frags {
		out[i] = prefix + f
	}
	return out
}

// twoDigits returns fragments matching the two-digit numbers lo..hi. A
// fragment that covers whole tens stops after the tens digit: what follows
// is then irrelevant to an unanchored match.
func twoDigits(lo, hi int) []string {
	t1, o1 := lo/10, lo%10
	t2, o2 := hi/10, hi%10
	if t1 == t2 {
		if o1 == 0 && o2 == 9 {
			return []string{digit(t1)}
		}
		return []string{digit(t1) + digitClass(o1, o2)}
	}
	var out []string
	if o1 != 0 {
		out = append(out, digit(t1)+digitClass(o1, 9))
		t1++
	}
	lastFull := t2
	if o2 != 9 {
		lastFull = t2 - 1
	}
	if t1 <= lastFull {
		out = append(out, digitClass(t1, lastFull))
	}
	if o2 != 9 {
		out = append(out, digit(t2)+digitClass(0, o2))
	}
	return out
}

func digit(d int) string { return string(rune('0' + d)) }

func digitClass(lo, hi int) string {
	if lo == hi {
		return digit(lo)
	}
	return fmt.Sprintf("[%d-%d]", lo, hi)
}
