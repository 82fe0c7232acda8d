// Command soc2-filtertest replays CloudTrail records through the alarm pack's
// filter patterns, offline, to show which alarms each record would raise.
// It uses the same pattern engine the provider validates with at plan time;
// neither the CloudWatch Logs emulators nor TestMetricFilter are needed.
//
//	soc2-filtertest [--profile cis|cis-v3|tuned] [--business-hours HH:MM-HH:MM]
//	                [--utc-offset ±HH:MM] [--pattern PATTERN] FILE...
//
// Each FILE is a CloudTrail log file ({"Records":[...]}), a JSON array of
// records, or one record per line. For every record it prints one JSON line,
// {"file":...,"index":N,"eventName":...,"alarms":[...]}, or with --pattern
// {"file":...,"index":N,"eventName":...,"match":true|false}. Invalid input
// exits with status 2.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const (
	exitOK    = 0
	exitError = 2
)

type matcher struct {
	id string
	p  *filterpattern.Pattern
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("soc2-filtertest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	profile := fs.String("profile", string(alarmcatalog.ProfileCIS), "alarm profile: "+strings.Join(alarmcatalog.ValidProfiles(), " or "))
	hours := fs.String("business-hours", "08:00-18:00", "local business window `HH:MM-HH:MM` (start inclusive, end exclusive)")
	offset := fs.String("utc-offset", "+00:00", "UTC offset of the business window, `±HH:MM`")
	pattern := fs.String("pattern", "", "test this filter `PATTERN` instead of the alarm catalog")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: soc2-filtertest [--profile cis|cis-v3|tuned] [--business-hours HH:MM-HH:MM] [--utc-offset ±HH:MM] [--pattern PATTERN] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "soc2-filtertest: "+format+"\n", args...)
		return exitError
	}
	patternSet := false
	fs.Visit(func(f *flag.Flag) { patternSet = patternSet || f.Name == "pattern" })

	bh, err := businessHours(*hours, *offset)
	if err != nil {
		return fail("%v", err)
	}
	matchers, err := buildMatchers(alarmcatalog.Profile(*profile), bh, *pattern, patternSet)
	if err != nil {
		return fail("%v", err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fail("no input files")
	}

	// Read everything first so that a bad file yields no partial output.
	type input struct {
		name    string
		records [][]byte
	}
	var inputs []input
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			return fail("%v", err)
		}
		records, err := readRecords(data)
		if err != nil {
			return fail("%s: %v", name, err)
		}
		inputs = append(inputs, input{name, records})
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, in := range inputs {
		for i, rec := range in.records {
			ev := filterpattern.ParseEvent(rec)
			var line any
			if patternSet {
				line = matchLine{File: in.name, Index: i, EventName: eventName(rec), Match: matchers[0].p.MatchEvent(ev)}
			} else {
				alarms := []string{}
				for _, m := range matchers {
					if m.p.MatchEvent(ev) {
						alarms = append(alarms, m.id)
					}
				}
				line = alarmLine{File: in.name, Index: i, EventName: eventName(rec), Alarms: alarms}
			}
			if err := enc.Encode(line); err != nil {
				return fail("%v", err)
			}
		}
	}
	return exitOK
}

type alarmLine struct {
	File      string   `json:"file"`
	Index     int      `json:"index"`
	EventName string   `json:"eventName"`
	Alarms    []string `json:"alarms"`
}

type matchLine struct {
	File      string `json:"file"`
	Index     int    `json:"index"`
	EventName string `json:"eventName"`
	Match     bool   `json:"match"`
}

func businessHours(window, offset string) (alarmcatalog.BusinessHours, error) {
	start, end, ok := strings.Cut(window, "-")
	if !ok || strings.Contains(end, "-") {
		return alarmcatalog.BusinessHours{}, fmt.Errorf("--business-hours %q is invalid: expected HH:MM-HH:MM, e.g. 08:00-18:00", window)
	}
	bh := alarmcatalog.BusinessHours{Start: start, End: end, UTCOffset: offset}
	return bh, bh.Validate()
}

// buildMatchers compiles either the single --pattern or every catalog alarm,
// sorted by id so the alarms of a line come out sorted.
func buildMatchers(profile alarmcatalog.Profile, bh alarmcatalog.BusinessHours, pattern string, patternSet bool) ([]matcher, error) {
	patterns, err := alarmcatalog.Patterns(profile, bh)
	if err != nil {
		return nil, err
	}
	if patternSet {
		p, err := filterpattern.Parse(pattern)
		if err != nil {
			return nil, fmt.Errorf("invalid --pattern: %w", err)
		}
		return []matcher{{id: "pattern", p: p}}, nil
	}
	ids := make([]string, 0, len(patterns))
	for id := range patterns {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]matcher, len(ids))
	for i, id := range ids {
		p, err := filterpattern.Parse(patterns[id])
		if err != nil {
			return nil, fmt.Errorf("catalog pattern %s: %w", id, err)
		}
		out[i] = matcher{id: id, p: p}
	}
	return out, nil
}

// readRecords accepts a CloudTrail log file, a JSON array of records, or a
// stream of records (JSON lines). Each record is compacted to one line, the
// form in which CloudTrail delivers it to CloudWatch Logs.
func readRecords(data []byte) ([][]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var values []json.RawMessage
	for {
		var v json.RawMessage
		err := dec.Decode(&v)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, jsonError(data, dec, err)
		}
		values = append(values, v)
	}
	records := values
	if len(values) == 1 {
		switch values[0][0] {
		case '[':
			records = nil
			if err := json.Unmarshal(values[0], &records); err != nil {
				return nil, err
			}
		case '{':
			var file struct {
				Records *[]json.RawMessage `json:"Records"`
			}
			if err := json.Unmarshal(values[0], &file); err == nil && file.Records != nil {
				records = *file.Records
			}
		}
	}
	out := make([][]byte, len(records))
	for i, r := range records {
		if len(r) == 0 || r[0] != '{' {
			return nil, fmt.Errorf("record %d is not a JSON object", i)
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, r); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}

// jsonError names the line of a decoding error; for truncated input that is
// the last line with content, not the empty one after the final newline.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	off := int(dec.InputOffset())
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off = int(se.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = len(bytes.TrimRight(data, " \t\r\n"))
		err = errors.New("unexpected end of input")
	}
	off = min(max(off, 0), len(data))
	return fmt.Errorf("invalid JSON on line %d: %w", 1+bytes.Count(data[:off], []byte("\n")), err)
}

func eventName(rec []byte) string {
	var r struct {
		EventName any `json:"eventName"`
	}
	_ = json.Unmarshal(rec, &r)
	s, _ := r.EventName.(string)
	return s
}
