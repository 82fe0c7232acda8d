package bucketaccesslogging

import (
	"strings"
	"testing"
)

func TestCheckSelection(t *testing.T) {
	for name, tc := range map[string]struct {
		s       spec
		regions map[string]string
		pending []string
		want    string
	}{
		"fine":                {spec{Target: "logs", Buckets: []string{"a"}}, map[string]string{"a": "us-east-1"}, nil, ""},
		"only pending":        {spec{Target: "logs", Buckets: []string{"a"}}, map[string]string{}, []string{"a"}, ""},
		"target named":        {spec{Target: "logs", Buckets: []string{"logs"}}, map[string]string{"logs": "us-east-1"}, nil, "remove it from buckets"},
		"target tagged":       {spec{Target: "logs", Tags: map[string]string{"k": "v"}}, map[string]string{"logs": "us-east-1"}, nil, "remove those tags"},
		"tags select nothing": {spec{Target: "logs", Tags: map[string]string{"k": "v"}}, map[string]string{}, nil, "(buckets tagged k=v) matches no existing bucket"},
	} {
		sel := &selection{Regions: tc.regions, Pending: tc.pending}
		checkSelection(sel, tc.s)
		got := ""
		for _, d := range sel.diags.Errors() {
			got += d.Detail()
		}
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: errors %q, want %q", name, got, tc.want)
		}
	}
}

func TestHasAllTags(t *testing.T) {
	have := map[string]string{"a": "1", "b": "2"}
	if !hasAllTags(have, map[string]string{"a": "1"}) || hasAllTags(have, map[string]string{"a": "2"}) ||
		hasAllTags(have, map[string]string{"c": "1"}) {
		t.Error("hasAllTags must require every wanted key with its value")
	}
}
