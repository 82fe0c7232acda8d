package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
)

// tamperedAlarm is the alarm the tampering deletes.
const tamperedAlarm = "root_account_usage"

// TestAccEvidence_binder applies examples/complete (plus data "soc2_evidence") in an account of its
// own, builds the binder (every control passes), checks it in Chromium and its PDF, then stops the
// trail, suspends versioning and deletes an alarm, logs those calls as the trail would, and builds
// it again: exactly those three controls fail, the change log lists those three events, and an
// edited evidence.json fails verification.
func TestAccEvidence_binder(t *testing.T) {
	e := newBinderEnv(t)
	name := acctest.RandomName("ev")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(completeWithEvidence(t)),
			ConfigVariables: config.Variables{
				"endpoint_url":        config.StringVariable(e.proxy.URL()),
				"allowed_account_ids": config.ListVariable(config.StringVariable(e.account)),
				"name":                config.StringVariable(name),
				"region":              config.StringVariable(acctest.Region),
			},
			// The check tampers with the baseline, so the plan after it is not empty.
			ExpectNonEmptyPlan: true,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.soc2_evidence.now", "passed", "true"),
				resource.TestCheckResourceAttr("data.soc2_evidence.now", "failed_controls.#", "0"),
				resource.TestCheckResourceAttr("data.soc2_evidence.now", "schema_version", evidence.SchemaVersion),
				func(*terraform.State) error {
					e.checkCleanBinder(t, name)
					e.tamper(t, name)
					e.checkTamperedBinder(t, name)
					return nil
				},
			),
		}},
	})
}

func (e *binderEnv) checkCleanBinder(t *testing.T, name string) {
	out := filepath.Join(t.TempDir(), "binder")
	start := time.Now()
	code, stdout, stderr := e.runBinder(t, name, out)
	elapsed := time.Since(start)
	if code != exitOK {
		t.Fatalf("binder of the complete example: exit %d, want 0; stderr:\n%s", code, stderr)
	}
	if strings.TrimSpace(stdout) != out {
		t.Errorf("stdout %q, want the binder's path %q", stdout, out)
	}
	if !strings.Contains(stderr, "read AWS Config in eu-west-1") {
		t.Errorf("no per-region progress on stderr:\n%s", stderr)
	}
	b := readBinder(t, out)
	checkEveryControl(t, b, name)
	t.Logf("binder figures: %d controls (%d passed, %d skipped), %d change events, %d inventory items, %d regions, built in %s",
		len(b.Controls), countStatus(b, evidence.StatusPass), countStatus(b, evidence.StatusSkipped),
		len(b.ChangeLog.Events), len(b.Inventory.Items), len(b.Regions), elapsed.Round(time.Millisecond))
	checkShape(t, out)
	t.Run("chromium_dom", func(t *testing.T) { checkDOM(t, out, b) })
	t.Run("pdf", func(t *testing.T) { checkPDF(t, out) })
}

// checkEveryControl: the complete example logs access to its evidence bucket (name-logs, CIS 3.6
// / CloudTrail.7), so that bucket's access_logging control passes; the analyzer is not applied.
func checkEveryControl(t *testing.T, b *evidence.Binder, name string) {
	t.Helper()
	want := []string{"trail.logging", "trail.multi_region", "trail.log_file_validation", "trail.event_selectors",
		"trail.encryption", "trail.cloudwatch_logs", "log_bucket.versioning", "log_bucket.public_access_block",
		"log_bucket.encryption", "log_bucket.object_ownership", "log_bucket.retention", "log_bucket.policy",
		"access_logging." + name + "-logs", "access_analyzer"}
	for _, r := range completeRegions {
		want = append(want, "config."+r)
	}
	for _, a := range alarmcatalog.All() {
		want = append(want, "alarm."+a.ID)
	}
	for _, id := range want {
		c, ok := b.Control(id)
		if !ok {
			t.Errorf("control %s is missing from the binder", id)
			continue
		}
		wantStatus := evidence.StatusPass
		if id == "access_analyzer" {
			wantStatus = evidence.StatusSkipped
		}
		if c.Status != wantStatus || c.Reason == "" {
			t.Errorf("control %s: %s (%s), want %s with a reason", id, c.Status, c.Reason, wantStatus)
		}
	}
	for _, c := range b.Controls {
		if c.Status == evidence.StatusFail {
			t.Errorf("control %s fails on the complete example: %s", c.ID, c.Reason)
		}
	}
	if len(b.Inventory.Untagged) > 0 {
		t.Errorf("baseline objects without tags: %v (the complete example tags everything with default_tags)", b.Inventory.Untagged)
	}
	if len(b.Inventory.Items) == 0 {
		t.Error("the inventory lists no tagged resource")
	}
}

func countStatus(b *evidence.Binder, status string) int {
	n := 0
	for _, c := range b.Controls {
		if c.Status == status {
			n++
		}
	}
	return n
}

// checkShape compares evidence.json's shape with the golden one: every field the binder has is in
// the golden shape with its type, and every golden field is in the binder, except elements of an
// array that is empty in this binder (no untagged objects, say).
func checkShape(t *testing.T, dir string) {
	t.Helper()
	shape, err := evidence.JSONShape(readFile(t, filepath.Join(dir, evidence.FileJSON)))
	if err != nil {
		t.Fatal(err)
	}
	golden := readFile(t, "../../internal/evidence/testdata/evidence.shape.golden")
	got, want := strings.Split(strings.TrimSpace(shape), "\n"), strings.Split(strings.TrimSpace(string(golden)), "\n")
	var diff []string
	for _, l := range got {
		if !slices.Contains(want, l) {
			diff = append(diff, "+ "+l)
		}
	}
	for _, l := range want {
		if slices.Contains(got, l) {
			continue
		}
		if i := strings.Index(l, "[]"); i >= 0 && !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, l[:i+2]) }) {
			continue // an element of an array this binder has empty
		}
		diff = append(diff, "- "+l)
	}
	if len(diff) > 0 {
		t.Errorf("evidence.json's shape differs from internal/evidence/testdata/evidence.shape.golden "+
			"(a change of shape needs a new SchemaVersion and `go test ./internal/evidence -update`):\n%s", strings.Join(diff, "\n"))
	}
}

func (e *binderEnv) tamper(t *testing.T, name string) {
	t.Helper()
	ctx := context.Background()
	bucket := name + "-logs"
	alarm := name + "-" + tamperedAlarm
	if _, err := e.client.CloudTrail("").StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.S3("").PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.CloudWatch("").DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{alarm}}); err != nil {
		t.Fatal(err)
	}
	// The trail would deliver these records to its log group; the emulator does not, so the test
	// writes them, with one read-only event the change log must leave out.
	now := time.Now().Add(-time.Minute)
	records := []string{
		cloudTrailRecord(e.account, "cloudtrail.amazonaws.com", "StopLogging", map[string]any{"name": name}, now),
		cloudTrailRecord(e.account, "s3.amazonaws.com", "PutBucketVersioning", map[string]any{"bucketName": bucket,
			"VersioningConfiguration": map[string]any{"Status": "Suspended"}}, now.Add(time.Second)),
		cloudTrailRecord(e.account, "monitoring.amazonaws.com", "DeleteAlarms", map[string]any{"alarmNames": []string{alarm}}, now.Add(2*time.Second)),
		cloudTrailRecord(e.account, "cloudtrail.amazonaws.com", "DescribeTrails", map[string]any{}, now.Add(3*time.Second)),
	}
	group := "/soc2/" + name + "/cloudtrail"
	stream := e.account + "_CloudTrail_" + acctest.Region
	logs := e.client.CloudWatchLogs("")
	if _, err := logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String(group), LogStreamName: aws.String(stream)}); err != nil {
		t.Fatal(err)
	}
	events := make([]logstypes.InputLogEvent, 0, len(records))
	for i, r := range records {
		events = append(events, logstypes.InputLogEvent{Message: aws.String(r), Timestamp: aws.Int64(now.Add(time.Duration(i) * time.Second).UnixMilli())})
	}
	if _, err := logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String(group), LogStreamName: aws.String(stream), LogEvents: events}); err != nil {
		t.Fatal(err)
	}
}

func (e *binderEnv) checkTamperedBinder(t *testing.T, name string) {
	out := filepath.Join(t.TempDir(), "binder")
	code, _, stderr := e.runBinder(t, name, out)
	if code != exitFailed {
		t.Fatalf("binder after tampering: exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	b := readBinder(t, out)
	wantFailed := map[string]string{
		"trail.logging":          "not logging",
		"log_bucket.versioning":  "Suspended",
		"alarm." + tamperedAlarm: "does not exist",
	}
	var failed []string
	for _, c := range b.Failed() {
		failed = append(failed, c.ID)
		if !strings.Contains(c.Reason, wantFailed[c.ID]) || wantFailed[c.ID] == "" {
			t.Errorf("control %s failed with %q, want a reason containing %q", c.ID, c.Reason, wantFailed[c.ID])
		}
		if !strings.Contains(stderr, "FAIL "+c.ID) {
			t.Errorf("stderr does not report FAIL %s:\n%s", c.ID, stderr)
		}
	}
	sort.Strings(failed)
	if want := []string{"alarm." + tamperedAlarm, "log_bucket.versioning", "trail.logging"}; !slices.Equal(failed, want) {
		t.Errorf("failed controls %v, want exactly %v", failed, want)
	}
	var names []string
	for _, ev := range b.ChangeLog.Events {
		names = append(names, ev.EventName)
		if ev.Who != "arn:aws:iam::"+e.account+":user/mallory" || ev.SourceIP != "203.0.113.7" || ev.Target == "" {
			t.Errorf("change event %s: who %q, from %q, target %q", ev.EventName, ev.Who, ev.SourceIP, ev.Target)
		}
	}
	if want := []string{"StopLogging", "PutBucketVersioning", "DeleteAlarms"}; !slices.Equal(names, want) {
		t.Errorf("change log %v, want %v", names, want)
	}
	t.Logf("tampered binder: %d failed controls, %d change events", len(failed), len(names))
	checkShape(t, out)
	checkEditedBinderFails(t, out)
}

// checkEditedBinderFails edits one control's reason in evidence.json; verify must name it.
func checkEditedBinderFails(t *testing.T, dir string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"verify", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("verify of an untouched binder: exit %d: %s", code, stderr.String())
	}
	path := filepath.Join(dir, evidence.FileJSON)
	var doc map[string]any
	if err := json.Unmarshal(readFile(t, path), &doc); err != nil {
		t.Fatal(err)
	}
	controls := doc["controls"].([]any)
	first := controls[0].(map[string]any)
	first["reason"] = "edited by hand"
	edited, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code := run(context.Background(), []string{"verify", dir}, &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "control "+first["id"].(string)) {
		t.Errorf("verify of an edited binder: exit %d, stderr %q; want exit 1 naming control %s", code, stderr.String(), first["id"])
	}
}
