package evidencedata

import (
	"context"
	"testing"
	"time"

	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
)

func TestFill(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b := &evidence.Binder{Schema: evidence.SchemaVersion, GeneratedAt: at, AccountID: "111122223333",
		Controls: []evidence.Control{
			{ID: "trail.logging", Status: evidence.StatusFail, Reason: "not logging", ReadAt: at, SOC2: []string{"CC7.2"}, CIS: []string{}, SecurityHub: []string{}},
			{ID: "log_bucket.versioning", Status: evidence.StatusPass, Reason: "kept", ReadAt: at, SOC2: []string{"CC8.1"}, CIS: []string{}, SecurityHub: []string{"S3.14"}},
		},
		Summary:   []evidence.CriterionSummary{{Criterion: "CC7.2", Fail: 1}},
		ChangeLog: evidence.ChangeLog{Events: []evidence.ChangeEvent{{EventName: "StopLogging"}}},
	}
	evidence.Seal(b)
	var m model
	if diags := fill(&m, b); diags.HasError() {
		t.Fatal(diags)
	}
	var failed []string
	if d := m.FailedControls.ElementsAs(context.Background(), &failed, false); d.HasError() {
		t.Fatal(d)
	}
	if m.Passed.ValueBool() || len(failed) != 1 || failed[0] != "trail.logging" {
		t.Errorf("passed %v, failed %v", m.Passed, failed)
	}
	if len(m.Controls.Elements()) != 2 || len(m.Summary.Elements()) != 1 || m.ChangeEventCount.ValueInt64() != 1 {
		t.Errorf("controls %d, summary %d, events %d", len(m.Controls.Elements()), len(m.Summary.Elements()), m.ChangeEventCount.ValueInt64())
	}
	if m.Digest.ValueString() != b.Digest || m.GeneratedAt.ValueString() != "2026-01-02T03:04:05Z" || m.ID.ValueString() != "111122223333" {
		t.Errorf("digest %s, generated %s, id %s", m.Digest, m.GeneratedAt, m.ID)
	}
}
