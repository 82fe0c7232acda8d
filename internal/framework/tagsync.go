package framework

import (
	"maps"
	"slices"
)

// SyncTags re-tags one object from have to want (TagDiff): untag gets the keys to remove, tag the
// tags to add or change, and neither is called when it has nothing to do, so an object whose
// tags did not drift costs no call.
func SyncTags(have, want map[string]string, untag func(keys []string) error, tag func(set map[string]string) error) error {
	remove, set := TagDiff(have, want)
	if len(remove) > 0 {
		if err := untag(remove); err != nil {
			return err
		}
	}
	if len(set) > 0 {
		return tag(set)
	}
	return nil
}

// TagList is tags as a service's tag type (one per key, in key order), built by tag.
func TagList[T any](tags map[string]string, tag func(key, value string) T) []T {
	out := make([]T, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, tag(k, tags[k]))
	}
	return out
}
