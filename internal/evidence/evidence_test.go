package evidence

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

var update = flag.Bool("update", false, "rewrite testdata/evidence.shape.golden")

const goldenShape = "testdata/evidence.shape.golden"

// fixture is a binder with every field of the schema filled, as a real one has.
func fixture() *Binder {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b := &Binder{
		Schema: SchemaVersion, GeneratedAt: at, Generator: "test", AccountID: "111122223333",
		CallerARN: "arn:aws:iam::111122223333:role/auditor", Partition: "aws", HomeRegion: "us-east-1",
		Regions: []string{"us-east-1"}, Days: 90,
		Controls: []Control{
			{ID: "trail.logging", Section: SectionTrail, Title: "Trail is logging", Status: StatusPass, Reason: "the trail is logging",
				Resource: "arn:aws:cloudtrail:us-east-1:111122223333:trail/soc2", Region: "us-east-1", ReadAt: at,
				Settings: []Setting{{Name: "IsLogging", Value: "true"}}, SOC2: []string{"CC7.2"}, CIS: []string{"3.1"}, SecurityHub: []string{"CloudTrail.1"}},
			{ID: "log_bucket.policy", Section: SectionLogBucket, Title: "Bucket policy", Status: StatusFail, Reason: "no TLS deny",
				Resource: "arn:aws:s3:::logs", Region: "us-east-1", ReadAt: at, Settings: []Setting{{Name: "Policy", Value: "x"}},
				Policy: "{\n  \"Version\": \"2012-10-17\"\n}", SOC2: []string{"CC6.1"}, CIS: []string{}, SecurityHub: []string{}},
		},
		ChangeLog: ChangeLog{Since: at.AddDate(0, 0, -90), Until: at, Source: "CloudWatch Logs /soc2", Events: []ChangeEvent{{
			Time: at, EventName: "StopLogging", EventSource: "cloudtrail.amazonaws.com", Region: "us-east-1",
			Who: "arn:aws:iam::111122223333:user/a", SourceIP: "203.0.113.7", UserAgent: "aws-cli", Target: "name=soc2", EventID: "e1"}}},
		Inventory: Inventory{Source: "tagging", Items: []InventoryItem{{ARN: "arn:aws:s3:::logs", Type: "s3:bucket", Region: "us-east-1",
			Tags: map[string]string{"compliance": "soc2"}}}, Untagged: []string{"arn:aws:sns:us-east-1:111122223333:t"}, Notes: []string{"n"}},
	}
	b.summarize()
	Seal(b)
	return b
}

func TestSealVerify(t *testing.T) {
	data, err := json.Marshal(fixture())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(data); err != nil {
		t.Fatalf("a sealed binder does not verify: %v", err)
	}
	for _, edit := range []struct{ name, from, to, names string }{
		{"control reason", `"reason":"the trail is logging"`, `"reason":"edited"`, "control trail.logging"},
		{"change event", `"who":"arn:aws:iam::111122223333:user/a"`, `"who":"someone else"`, "change event e1"},
		{"inventory", `"compliance":"soc2"`, `"compliance":"none"`, "inventory"},
		{"header", `"account_id":"111122223333"`, `"account_id":"999999999999"`, "binder"},
		{"summary", `"fail":1`, `"fail":0`, "binder"},
	} {
		t.Run(edit.name, func(t *testing.T) {
			edited := strings.Replace(string(data), edit.from, edit.to, 1)
			if edited == string(data) {
				t.Fatalf("fixture has no %s", edit.from)
			}
			_, err := Verify([]byte(edited))
			if err == nil || !strings.Contains(err.Error(), edit.names) {
				t.Errorf("verify after editing the %s: %v; want an error naming %q", edit.name, err, edit.names)
			}
		})
	}
}

func TestVerifyRefusesOtherSchema(t *testing.T) {
	if _, err := Verify([]byte(`{"schema":"soc2-evidence/v0"}`)); err == nil || !strings.Contains(err.Error(), SchemaVersion) {
		t.Errorf("verify of another schema: %v", err)
	}
}

// TestJSONShapeGolden fixes the shape of evidence.json; the acceptance test compares a real
// binder against the same golden file.
func TestJSONShapeGolden(t *testing.T) {
	data, err := json.Marshal(fixture())
	if err != nil {
		t.Fatal(err)
	}
	got, err := JSONShape(data)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(goldenShape, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenShape)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("evidence.json's shape changed; bump SchemaVersion and run with -update. got:\n%s", got)
	}
	if !strings.Contains(got, "$.controls[].digest: string") || !strings.Contains(got, "$.digest: string") {
		t.Errorf("the shape lacks the digests:\n%s", got)
	}
}

func TestRenderHTML(t *testing.T) {
	b := fixture()
	page, err := RenderHTML(b)
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, want := range []string{`id="summary"`, `id="control-trail.logging"`, `id="control-log_bucket.policy"`, `id="change-log"`,
		`id="inventory"`, "FAIL: 1 passed, 1 failed", "&#34;Version&#34;: &#34;2012-10-17&#34;", b.Digest, "StopLogging"} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	for _, s := range SectionOrder {
		if !strings.Contains(html, `id="section-`+s+`"`) {
			t.Errorf("index.html lacks section %s", s)
		}
	}
	for _, external := range []string{"<script", "<link", "src=", "url(", "@import"} {
		if strings.Contains(html, external) {
			t.Errorf("index.html is not self-contained: it has %s", external)
		}
	}
}

func TestChangePattern(t *testing.T) {
	record := func(name string) string {
		return `{"eventVersion":"1.09","eventName":"` + name + `","eventSource":"x.amazonaws.com","eventTime":"2026-01-02T03:04:05Z",` +
			`"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"},"sourceIPAddress":"203.0.113.7","requestParameters":{"bucketName":"b"}}`
	}
	p, err := parseChangePattern()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range ChangeEventNames {
		if !p.Match([]byte(record(name))) {
			t.Errorf("the change pattern misses %s", name)
		}
	}
	for _, name := range []string{"DescribeTrails", "GetBucketPolicy", "ConsoleLogin", "PutBucketPolicyX"} {
		if p.Match([]byte(record(name))) {
			t.Errorf("the change pattern matches %s, which changes nothing", name)
		}
	}
	ev, ok := parseRecord([]byte(record("PutBucketPolicy")))
	if !ok || ev.Who != "arn:aws:iam::1:user/a" || ev.SourceIP != "203.0.113.7" || ev.Target != "bucketName=b" || ev.Time.Year() != 2026 {
		t.Errorf("parseRecord: %+v", ev)
	}
	if _, ok := parseRecord([]byte("not json")); ok {
		t.Error("parseRecord accepted a line that is not a record")
	}
}

func TestPickTrail(t *testing.T) {
	trail := func(name string, multi bool, home string) cttypes.Trail {
		return cttypes.Trail{Name: aws.String(name), TrailARN: aws.String("arn:aws:cloudtrail:" + home + ":1:trail/" + name),
			IsMultiRegionTrail: aws.Bool(multi), HomeRegion: aws.String(home)}
	}
	trails := []cttypes.Trail{trail("a", true, "us-east-1"), trail("b", false, "us-east-1"), trail("c", true, "eu-west-1")}
	if got, err := pickTrail(trails, "", "us-east-1"); err != nil || aws.ToString(got.Name) != "a" {
		t.Errorf("default trail: %v %v", aws.ToString(got.Name), err)
	}
	if got, err := pickTrail(trails, "b", "us-east-1"); err != nil || aws.ToString(got.Name) != "b" {
		t.Errorf("named trail: %v %v", aws.ToString(got.Name), err)
	}
	if _, err := pickTrail(trails, "zz", "us-east-1"); err == nil || !strings.Contains(err.Error(), "--trail") {
		t.Errorf("unknown trail: %v", err)
	}
	two := append(append([]cttypes.Trail(nil), trails...), trail("d", true, "us-east-1"))
	if _, err := pickTrail(two, "", "us-east-1"); err == nil || !strings.Contains(err.Error(), "a, d") {
		t.Errorf("two candidates: %v", err)
	}
	if _, err := pickTrail(nil, "", "us-east-1"); err == nil {
		t.Error("no trail: no error")
	}
}

func TestPackPrefix(t *testing.T) {
	f := func(n string) logstypes.MetricFilter { return logstypes.MetricFilter{FilterName: aws.String(n)} }
	got := packPrefix([]logstypes.MetricFilter{f("acme-root_account_usage"), f("acme-iam_policy_changes"), f("other-root_account_usage"), f("custom")})
	if got != "acme-" {
		t.Errorf("packPrefix = %q, want acme-", got)
	}
}

func TestHelpers(t *testing.T) {
	if got := logGroupName("arn:aws:logs:us-east-1:1:log-group:/soc2/x/cloudtrail:*"); got != "/soc2/x/cloudtrail" {
		t.Errorf("logGroupName = %q", got)
	}
	if got := resourceType("arn:aws:logs:us-east-1:1:log-group:/a"); got != "logs:log-group" {
		t.Errorf("resourceType(log group) = %q", got)
	}
	if got := resourceType("arn:aws:s3:::bucket"); got != "s3:bucket" {
		t.Errorf("resourceType(bucket) = %q", got)
	}
	if got := resourceType("arn:aws:cloudwatch:us-east-1:1:alarm:x"); got != "cloudwatch:alarm" {
		t.Errorf("resourceType(alarm) = %q", got)
	}
}
