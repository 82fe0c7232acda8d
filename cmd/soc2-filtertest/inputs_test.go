package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const createVpc = `{"eventVersion":"1.09","eventTime":"2024-05-14T10:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"CreateVpc","eventType":"AwsApiCall"}`
const stopLogging = `{"eventVersion":"1.09","eventTime":"2024-05-14T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","eventType":"AwsApiCall"}`

func writeTemp(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInputs_stdin(t *testing.T) {
	stdin = strings.NewReader(createVpc + "\n")
	t.Cleanup(func() { stdin = os.Stdin })
	code, stdout, stderr := runArgs("-")
	want := `{"file":"-","index":0,"eventName":"CreateVpc","alarms":["vpc_changes"]}` + "\n"
	if code != 0 || stdout != want {
		t.Fatalf("exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
}

func TestInputs_gzippedLogFile(t *testing.T) {
	path := writeTemp(t, t.TempDir(), "123456789012_CloudTrail_us-east-1_20240514T1000Z_abc.json.gz",
		gzipped(t, `{"Records":[`+createVpc+`,`+stopLogging+`]}`))
	code, stdout, stderr := runArgs(path)
	if code != 0 || strings.Count(stdout, "\n") != 2 || !strings.Contains(stdout, `"alarms":["cloudtrail_config_changes"]`) {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
}

func TestInputs_folderRecursiveSkipsDigests(t *testing.T) {
	dir := t.TempDir()
	writeTemp(t, dir, "AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/14/b.json.gz", gzipped(t, `{"Records":[`+stopLogging+`]}`))
	writeTemp(t, dir, "AWSLogs/123456789012/CloudTrail/us-west-2/2024/05/14/a.json.gz", gzipped(t, `{"Records":[`+createVpc+`]}`))
	writeTemp(t, dir, "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/05/14/d.json.gz",
		gzipped(t, `{"awsAccountId":"123456789012","logFiles":[]}`))
	writeTemp(t, dir, "AWSLogs/notes.txt", []byte("not a log"))
	code, stdout, stderr := runArgs(dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "us-east-1") || !strings.Contains(lines[0], "StopLogging") ||
		!strings.Contains(lines[1], "CreateVpc") {
		t.Errorf("want the two log files' records in path order, got:\n%s", stdout)
	}
	if !strings.Contains(stderr, "skipped 1 CloudTrail digest file") {
		t.Errorf("stderr %q does not say the digest was skipped", stderr)
	}
}

func TestInputs_lookupEventsAndEventBridge(t *testing.T) {
	dir := t.TempDir()
	lookup := writeTemp(t, dir, "lookup.json", []byte(`{"Events":[{"EventId":"1","EventName":"CreateVpc","CloudTrailEvent":`+
		quote(createVpc)+`}],"NextToken":"x"}`))
	bridge := writeTemp(t, dir, "bridge.jsonl", []byte(`{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.cloudtrail","detail":`+
		stopLogging+"}\n"))
	code, stdout, stderr := runArgs(lookup, bridge)
	want := `{"file":"` + lookup + `","index":0,"eventName":"CreateVpc","alarms":["vpc_changes"]}` + "\n" +
		`{"file":"` + bridge + `","index":0,"eventName":"StopLogging","alarms":["cloudtrail_config_changes"]}` + "\n"
	if code != 0 || stdout != want {
		t.Fatalf("exit %d, stderr %q\ngot\n%s\nwant\n%s", code, stderr, stdout, want)
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func TestInputs_otherShapesRefused(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct{ content, want string }{
		"unknown.json":     {`{"foo":1,"bar":2}`, `record 0 is not a CloudTrail record (no eventVersion or eventSource), log file (Records), lookup-events output (Events) or EventBridge event (detail); its keys are [bar, foo]`},
		"empty.json":       {"", "no records: the input is empty"},
		"no-event.json":    {`{"Events":[{"EventId":"1"}]}`, "Events[0] has no CloudTrailEvent"},
		"bad-event.json":   {`{"Events":[{"CloudTrailEvent":"{oops"}]}`, "Events[0].CloudTrailEvent is not JSON"},
		"mixed.jsonl":      {createVpc + "\n" + `{"message":"hello"}` + "\n", "record 1 is not a CloudTrail record"},
		"not-gzip.json.gz": {"\x1f\x8bnot really", "gzip"},
	}
	for name, c := range cases {
		path := writeTemp(t, dir, name, []byte(c.content))
		code, stdout, stderr := runArgs(path)
		if code != 2 || stdout != "" || !strings.Contains(stderr, name) || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2, no output, an error naming the file and containing %q",
				name, code, stdout, stderr, c.want)
		}
	}
}

func TestList(t *testing.T) {
	code, stdout, _ := runArgs("--list")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) < 14 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), stdout)
	}
	for _, l := range lines {
		id, pattern, ok := strings.Cut(l, "\t")
		if !ok || id == "" || !strings.HasPrefix(pattern, "{") {
			t.Errorf("line %q is not ALARM_ID<TAB>PATTERN", l)
		}
	}
	// The business-hours window shapes the out-of-hours pattern.
	_, ist, _ := runArgs("--list", "--business-hours", "09:00-17:30", "--utc-offset", "+05:30")
	if ist == stdout {
		t.Error("--list ignores --business-hours and --utc-offset")
	}
}

func TestExplainAndSummary(t *testing.T) {
	path := writeTemp(t, t.TempDir(), "r.jsonl", []byte(stopLogging+"\n"+createVpc+"\n"))
	code, stdout, stderr := runArgs("--explain", "--summary", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, `"explain":{"cloudtrail_config_changes":"{ ($.eventName=StopLogging) }"}`) {
		t.Errorf("want the matching alternative of the pattern explained, got:\n%s", stdout)
	}
	if !strings.Contains(stderr, "2 records in 1 input(s)") || !strings.Contains(stderr, "vpc_changes") ||
		!strings.Contains(stderr, "cloudtrail_config_changes                     1") {
		t.Errorf("want a per-alarm summary on stderr, got:\n%s", stderr)
	}
	code, stdout, _ = runArgs("--explain", "--pattern", `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }`, path)
	if code != 0 || !strings.Contains(stdout, `"match":true,"explain":"{ ($.eventName = CreateVpc) }"`) {
		t.Errorf("want --pattern matches explained, got:\n%s", stdout)
	}
}

func TestHelpDescribesFormats(t *testing.T) {
	code, _, stderr := runArgs("--help")
	for _, want := range []string{"lookup-events", "EventBridge", `"Records"`, ".gz", "- for stdin", "exit status 2", "--list", "--explain", "--summary"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("--help does not mention %q", want)
		}
	}
	if code != 0 {
		t.Errorf("--help exits %d", code)
	}
}
