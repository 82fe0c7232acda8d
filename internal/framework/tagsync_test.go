package framework

import (
	"errors"
	"maps"
	"slices"
	"testing"
)

func TestSyncTags(t *testing.T) {
	var removed []string
	var set map[string]string
	untag := func(keys []string) error { removed = keys; return nil }
	tag := func(s map[string]string) error { set = s; return nil }
	if err := SyncTags(map[string]string{"a": "1", "b": "2"}, map[string]string{"a": "1", "c": "3"}, untag, tag); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(removed, []string{"b"}) || !maps.Equal(set, map[string]string{"c": "3"}) {
		t.Errorf("removed %v, set %v", removed, set)
	}
	calls := 0
	count := func() error { calls++; return nil }
	_ = SyncTags(map[string]string{"a": "1"}, map[string]string{"a": "1"}, func([]string) error { return count() }, func(map[string]string) error { return count() })
	if calls != 0 {
		t.Errorf("tags that did not drift made %d calls", calls)
	}
	boom := errors.New("boom")
	err := SyncTags(map[string]string{"b": "2"}, map[string]string{"c": "3"}, func([]string) error { return boom }, func(map[string]string) error { return count() })
	if !errors.Is(err, boom) || calls != 0 {
		t.Errorf("a failed untag must stop before tagging: %v, %d calls", err, calls)
	}
}

func TestTagList(t *testing.T) {
	got := TagList(map[string]string{"b": "2", "a": "1"}, func(k, v string) string { return k + "=" + v })
	if !slices.Equal(got, []string{"a=1", "b=2"}) {
		t.Errorf("TagList = %v", got)
	}
}
