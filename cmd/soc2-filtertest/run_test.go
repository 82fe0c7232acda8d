package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// corpusDir is the CloudTrail corpus of the alarm catalog's own tests.
var corpusDir = filepath.Join("..", "..", "internal", "alarmcatalog", "testdata", "cloudtrail")

func corpusFiles(t *testing.T, names ...string) []string {
	t.Helper()
	if len(names) == 0 {
		all, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
		if err != nil || len(all) == 0 {
			t.Fatalf("no corpus files in %s: %v", corpusDir, err)
		}
		return all // Glob sorts
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(corpusDir, n)
	}
	return out
}

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestGolden(t *testing.T) {
	cases := []struct {
		golden string
		args   []string
	}{
		{"cis.golden.jsonl", corpusFiles(t)},
		{"tuned.golden.jsonl", append([]string{"--profile", "tuned"}, corpusFiles(t, "unauthorized.json")...)},
		{"ist.golden.jsonl", append([]string{"--business-hours", "09:00-17:30", "--utc-offset", "+05:30"},
			corpusFiles(t, "business_hours_ist.json")...)},
		{"pattern.golden.jsonl", append([]string{"--pattern", `{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "*Vpc*" }`},
			corpusFiles(t, "network.json")...)},
		{"formats.golden.jsonl", []string{filepath.Join("testdata", "records.jsonl"), filepath.Join("testdata", "records_array.json")}},
		// cis-v3 over the whole corpus, and the records where it differs from cis under both profiles.
		{"cisv3.golden.jsonl", append(append([]string{"--profile", "cis-v3"}, corpusFiles(t)...), corpusFiles(t, "cisv3/differences.json")...)},
		{"cisv3_differences_cis.golden.jsonl", corpusFiles(t, "cisv3/differences.json")},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			code, stdout, stderr := runArgs(c.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			path := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", path, stdout)
			}
		})
	}
}

func TestOutputShape(t *testing.T) {
	code, stdout, _ := runArgs(filepath.Join("testdata", "records.jsonl"), filepath.Join("testdata", "records_array.json"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := []string{
		`{"file":"testdata/records.jsonl","index":0,"eventName":"ConsoleLogin","alarms":["console_login_outside_business_hours","console_signin_without_mfa"]}`,
		`{"file":"testdata/records.jsonl","index":1,"eventName":"CreateVpc","alarms":["vpc_changes"]}`,
		`{"file":"testdata/records_array.json","index":0,"eventName":"ScheduleKeyDeletion","alarms":["kms_key_disabled_or_scheduled_deletion","root_account_usage"]}`,
		`{"file":"testdata/records_array.json","index":1,"eventName":"","alarms":[]}`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", stdout, strings.Join(want, "\n"))
	}
	code, stdout, _ = runArgs("--pattern", "", filepath.Join("testdata", "records.jsonl"))
	if code != 0 || strings.Count(stdout, `"match":true`) != 2 {
		t.Errorf("the empty pattern should match every record: exit %d\n%s", code, stdout)
	}
}

func TestErrors(t *testing.T) {
	file := filepath.Join("testdata", "records.jsonl")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--pattern", "{ $.eventName }", file}, `soc2-filtertest: invalid --pattern: position 15: expected "=", "!=", "<", ">", "<=", ">=", "IS" or "NOT EXISTS" after selector $.eventName, found "}"`},
		{[]string{"--profile", "strict", file}, `unknown alarm profile "strict": expected one of cis, cis-v3, tuned`},
		{[]string{"--business-hours", "8-18", file}, `business hours start "8" is invalid`},
		{[]string{"--business-hours", "08:00", file}, `--business-hours "08:00" is invalid: expected HH:MM-HH:MM`},
		{[]string{"--business-hours", "09:00-09:00", file}, `the window would be empty`},
		{[]string{"--utc-offset", "5", file}, `utc_offset "5" is invalid`},
		{[]string{"--bogus", file}, `flag provided but not defined: -bogus`},
		{[]string{}, `no input files`},
		{[]string{filepath.Join("testdata", "missing.json")}, `missing.json: no such file or directory`},
		{[]string{filepath.Join("testdata", "truncated.jsonl")}, `truncated.jsonl: invalid JSON on line 2: unexpected end of input`},
		{[]string{filepath.Join("testdata", "not_objects.json")}, `not_objects.json: record 0 is not a JSON object`},
		{[]string{file, filepath.Join("testdata", "not_objects.json")}, `record 0 is not a JSON object`},
	}
	for _, c := range cases {
		code, stdout, stderr := runArgs(c.args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", c.args, code)
		}
		if stdout != "" {
			t.Errorf("%q: wrote output despite the error:\n%s", c.args, stdout)
		}
		if !strings.Contains(stderr, c.want) {
			t.Errorf("%q: stderr %q does not contain %q", c.args, stderr, c.want)
		}
	}
	if code, _, _ := runArgs("-h"); code != 0 {
		t.Errorf("-h exits %d, want 0", code)
	}
}
