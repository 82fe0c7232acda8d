package conns

import (
	"maps"
	"testing"
)

func TestTagsAndOwnTags(t *testing.T) {
	c := &AWSClient{DefaultTags: map[string]string{"owner": "security", "env": "prod"}}
	merged := c.Tags(map[string]string{"env": "staging", "data": "evidence"})
	if want := map[string]string{"owner": "security", "env": "staging", "data": "evidence"}; !maps.Equal(merged, want) {
		t.Errorf("Tags = %v, want %v (resource tags win)", merged, want)
	}
	// After import nothing is configured: a value equal to the default comes from default_tags.
	if got, want := c.OwnTags(merged, nil), map[string]string{"env": "staging", "data": "evidence"}; !maps.Equal(got, want) {
		t.Errorf("OwnTags(nil) = %v, want %v", got, want)
	}
	// A configuration that repeats a default tag keeps it as its own.
	if got := c.OwnTags(map[string]string{"owner": "security"}, map[string]string{"owner": "security"}); got["owner"] != "security" {
		t.Errorf("a configured key equal to the default was dropped: %v", got)
	}
}
