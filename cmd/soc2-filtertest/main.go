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
	id     string
	source string
	p      *filterpattern.Pattern
}

// stdin is where "-" reads from; tests replace it.
var stdin io.Reader = os.Stdin

type options struct {
	profile, hours, offset, pattern string
	patternSet, list, explain       bool
	summary                         bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("soc2-filtertest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.profile, "profile", string(alarmcatalog.ProfileCIS), "alarm profile: "+strings.Join(alarmcatalog.ValidProfiles(), " or "))
	fs.StringVar(&o.hours, "business-hours", "08:00-18:00", "local business window `HH:MM-HH:MM` (start inclusive, end exclusive)")
	fs.StringVar(&o.offset, "utc-offset", "+00:00", "UTC offset of the business window, `±HH:MM`")
	fs.StringVar(&o.pattern, "pattern", "", "test this filter `PATTERN` instead of the alarm catalog")
	fs.BoolVar(&o.list, "list", false, "print each alarm id and its pattern for the profile and window, then exit")
	fs.BoolVar(&o.explain, "explain", false, "add to each line which comparison of each matching pattern matched")
	fs.BoolVar(&o.summary, "summary", false, "print records per alarm on stderr at the end (the default when stderr is a terminal)")
	fs.Usage = func() { usage(stderr, fs) }
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
	fs.Visit(func(f *flag.Flag) { o.patternSet = o.patternSet || f.Name == "pattern" })
	o.summary = o.summary || isTerminal(stderr)

	bh, err := businessHours(o.hours, o.offset)
	if err != nil {
		return fail("%v", err)
	}
	matchers, err := buildMatchers(alarmcatalog.Profile(o.profile), bh, o.pattern, o.patternSet)
	if err != nil {
		return fail("%v", err)
	}
	if o.list {
		for _, m := range matchers {
			fmt.Fprintf(stdout, "%s\t%s\n", m.id, m.source)
		}
		return exitOK
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fail("no input files")
	}
	// Read everything first so that a bad file yields no partial output.
	inputs, err := readInputs(fs.Args(), stdin, stderr)
	if err != nil {
		return fail("%v", err)
	}
	if err := report(inputs, matchers, o, stdout, stderr); err != nil {
		return fail("%v", err)
	}
	return exitOK
}

// report prints one JSON line per record and, with o.summary, the records per alarm on stderr.
func report(inputs []input, matchers []matcher, o options, stdout, stderr io.Writer) error {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	counts := map[string]int{}
	records := 0
	for _, in := range inputs {
		for i, rec := range in.records {
			records++
			ev := filterpattern.ParseEvent(rec)
			var line any
			if o.patternSet {
				ml := matchLine{File: in.name, Index: i, EventName: eventName(rec), Match: matchers[0].p.MatchEvent(ev)}
				if ml.Match {
					counts[matchers[0].id]++
					if o.explain {
						ml.Explain = explain(matchers[0], ev)
					}
				}
				line = ml
			} else {
				al := alarmLine{File: in.name, Index: i, EventName: eventName(rec), Alarms: []string{}}
				for _, m := range matchers {
					if m.p.MatchEvent(ev) {
						al.Alarms = append(al.Alarms, m.id)
						counts[m.id]++
						if o.explain {
							if al.Explain == nil {
								al.Explain = map[string]string{}
							}
							al.Explain[m.id] = explain(m, ev)
						}
					}
				}
				line = al
			}
			if err := enc.Encode(line); err != nil {
				return err
			}
		}
	}
	if o.summary {
		printSummary(stderr, matchers, counts, records, len(inputs))
	}
	return nil
}

func printSummary(w io.Writer, matchers []matcher, counts map[string]int, records, files int) {
	fmt.Fprintf(w, "%d records in %d input(s); records per alarm:\n", records, files)
	for _, m := range matchers {
		fmt.Fprintf(w, "  %-45s %d\n", m.id, counts[m.id])
	}
}

// isTerminal reports whether w is a terminal, where a person reads the summary.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage: soc2-filtertest [--profile cis|cis-v3|tuned] [--business-hours HH:MM-HH:MM] [--utc-offset ±HH:MM]
                       [--pattern PATTERN] [--explain] [--summary] INPUT...
       soc2-filtertest --list [--profile ...] [--business-hours ...] [--utc-offset ...]

Replays CloudTrail records through the alarm catalog's filter patterns (or --pattern), offline.

INPUT is a file, a folder (read recursively: .json, .jsonl and .gz files, as synced from the trail's
bucket; CloudTrail-Digest files are skipped), or - for stdin. Gzipped content is unpacked. Each input
holds one of these, once, in a JSON array, or one per line (JSON lines):
  a CloudTrail log file           {"Records": [RECORD, ...]}
  aws cloudtrail lookup-events    {"Events": [{"CloudTrailEvent": "<RECORD as a string>", ...}, ...]}
  an EventBridge event            {"detail-type": "AWS API Call via CloudTrail", "detail": RECORD, ...}
  a CloudTrail record             {"eventVersion": ..., "eventSource": ..., "eventName": ..., ...}
Anything else (an object with none of these keys, a value that is not an object, an empty input) is
refused with exit status 2 and a message naming the file and the record; nothing is printed then.

Output, one JSON line per record, in input order:
  {"file": INPUT, "index": N, "eventName": NAME, "alarms": [ALARM_ID, ...]}
  {"file": ..., "index": N, "eventName": NAME, "match": true|false}          with --pattern
eventName is the record's eventName when it is a string, else "". --explain adds "explain": for each
matching alarm (or the pattern), the alternative of its pattern that matched. --summary (or a
terminal on stderr) prints the number of records per alarm on stderr. --list prints "ALARM_ID<TAB>PATTERN"
lines for the profile and window.

Flags:
`)
	fs.PrintDefaults()
}

type alarmLine struct {
	File      string            `json:"file"`
	Index     int               `json:"index"`
	EventName string            `json:"eventName"`
	Alarms    []string          `json:"alarms"`
	Explain   map[string]string `json:"explain,omitempty"`
}

type matchLine struct {
	File      string `json:"file"`
	Index     int    `json:"index"`
	EventName string `json:"eventName"`
	Match     bool   `json:"match"`
	Explain   string `json:"explain,omitempty"`
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
		return []matcher{{id: "pattern", source: pattern, p: p}}, nil
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
		out[i] = matcher{id: id, source: patterns[id], p: p}
	}
	return out, nil
}

// readRecords accepts every shape unwrap does, one per file, in a JSON array, or as a stream of
// values (JSON lines). Each record is compacted to one line, the form in which CloudTrail delivers
// it to CloudWatch Logs.
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
	if len(values) == 1 && values[0][0] == '[' {
		var elems []json.RawMessage
		if err := json.Unmarshal(values[0], &elems); err != nil {
			return nil, err
		}
		values = elems
	}
	if len(values) == 0 {
		return nil, errors.New("no records: the input is empty")
	}
	var records []json.RawMessage
	for i, v := range values {
		recs, err := unwrap(v, fmt.Sprintf("record %d", i))
		if err != nil {
			return nil, err
		}
		records = append(records, recs...)
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
