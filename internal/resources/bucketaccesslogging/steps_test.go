package bucketaccesslogging

import (
	"maps"
	"slices"
	"testing"
)

func TestOutcomeState(t *testing.T) {
	want := logging{Enabled: true, Bucket: "logs", Prefix: "p/"}
	planned := map[string]source{"a": {Name: "a", Logging: want}, "b": {Name: "b", Logging: want}, "new": {Name: "new", Logging: want}}
	prior := map[string]source{"a": {Name: "a"}, "b": {Name: "b"}, "gone": {Name: "gone"}, "kept": {Name: "kept"}}
	o := &outcome{Applied: map[string]source{"a": planned["a"], "new": planned["new"]}, Released: map[string]bool{"gone": true}}
	got := o.state(planned, prior)
	if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, []string{"a", "b", "kept", "new"}) {
		t.Fatalf("state keys = %v", names)
	}
	if got["a"].Logging != want || got["new"].Logging != want {
		t.Error("applied sources must be recorded as planned")
	}
	if got["b"].Logging.Enabled {
		t.Error("a source the apply did not reach keeps its prior value, so the next plan retries it")
	}
}
