package bucketaccesslogging

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseImportID(t *testing.T) {
	s, err := parseImportID("logs;buckets=b,a;tags=data-classification=sensitive,env=a=b")
	if err != nil {
		t.Fatal(err)
	}
	want := spec{Target: "logs", PrefixTemplate: defaultPrefixTemplate, Buckets: []string{"a", "b"},
		Tags: map[string]string{"data-classification": "sensitive", "env": "a=b"}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("parse = %+v, want %+v", s, want)
	}
	if s.id() != "logs;buckets=a,b;tags=data-classification=sensitive,env=a=b" {
		t.Errorf("canonical id %q", s.id())
	}
	for _, bad := range []string{"logs", ";buckets=a", "logs;bucket=a", "logs;tags=novalue", "logs;buckets="} {
		if _, err := parseImportID(bad); err == nil || !strings.Contains(err.Error(), "e.g. acme-s3-access-logs") {
			t.Errorf("parseImportID(%q) = %v, want an error showing the format", bad, err)
		}
	}
}

func TestInferFormat(t *testing.T) {
	on := func(prefix string, partitioned bool) source {
		return source{Logging: logging{Enabled: true, Bucket: "logs", Prefix: prefix, Partitioned: partitioned}}
	}
	for name, tc := range map[string]struct {
		sources     map[string]source
		template    string
		partitioned bool
	}{
		"per-bucket prefixes": {map[string]source{"a": on("x/a/", true), "b": on("x/b/", true)}, "x/{bucket}/", true},
		"one flat prefix":     {map[string]source{"a": on("flat/", false), "b": on("flat/", true)}, "flat/", false},
		"disagreeing":         {map[string]source{"a": on("x/a/", false), "b": on("y/", false)}, defaultPrefixTemplate, false},
		"none to the target": {map[string]source{"a": {Logging: logging{Enabled: true, Bucket: "old", Prefix: "p/"}}},
			defaultPrefixTemplate, false},
	} {
		template, partitioned := inferFormat("logs", tc.sources)
		if template != tc.template || partitioned != tc.partitioned {
			t.Errorf("%s: inferFormat = %q, %v; want %q, %v", name, template, partitioned, tc.template, tc.partitioned)
		}
	}
}
