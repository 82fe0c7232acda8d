package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The seal: every control, change event, the change log, and the inventory carry the SHA-256 of
// their own JSON with the digest field empty; the binder's digest is the SHA-256 of its header
// (everything but the items) followed by every item digest in order. Editing any value of any
// item changes that item's digest; editing a digest to match changes the binder's digest; so
// an auditor who trusts the binder digest (recorded when the binder was handed over) can verify
// every item with Verify.

// Seal computes every digest of b in place.
func Seal(b *Binder) {
	for i := range b.Controls {
		b.Controls[i].Digest = controlDigest(b.Controls[i])
	}
	for i := range b.ChangeLog.Events {
		b.ChangeLog.Events[i].Digest = eventDigest(b.ChangeLog.Events[i])
	}
	b.ChangeLog.Digest = changeLogDigest(b.ChangeLog)
	b.Inventory.Digest = inventoryDigest(b.Inventory)
	b.Digest = binderDigest(b)
}

// Verify recomputes every digest of a binder read from evidence.json and names each that does not
// match. A nil error means nothing was edited since it was sealed.
func Verify(data []byte) (*Binder, error) {
	var b Binder
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("evidence.json is not a binder: %w", err)
	}
	if b.Schema != SchemaVersion {
		return nil, fmt.Errorf("evidence.json has schema %q; this tool verifies %q", b.Schema, SchemaVersion)
	}
	var problems []string
	for _, c := range b.Controls {
		if got := controlDigest(c); got != c.Digest {
			problems = append(problems, fmt.Sprintf("control %s: content hashes to %s, recorded %s", c.ID, got, c.Digest))
		}
	}
	for _, e := range b.ChangeLog.Events {
		if got := eventDigest(e); got != e.Digest {
			problems = append(problems, fmt.Sprintf("change event %s (%s): content hashes to %s, recorded %s", e.EventID, e.EventName, got, e.Digest))
		}
	}
	if got := changeLogDigest(b.ChangeLog); got != b.ChangeLog.Digest {
		problems = append(problems, fmt.Sprintf("change log: content hashes to %s, recorded %s", got, b.ChangeLog.Digest))
	}
	if got := inventoryDigest(b.Inventory); got != b.Inventory.Digest {
		problems = append(problems, fmt.Sprintf("inventory: content hashes to %s, recorded %s", got, b.Inventory.Digest))
	}
	if got := binderDigest(&b); got != b.Digest {
		problems = append(problems, fmt.Sprintf("binder: header and item digests hash to %s, recorded %s", got, b.Digest))
	}
	if len(problems) > 0 {
		return &b, errors.New("evidence.json was edited after it was sealed:\n  " + strings.Join(problems, "\n  "))
	}
	return &b, nil
}

func hashJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		// Every type here marshals; a failure would be a programming error, and an empty digest
		// makes Verify fail loudly rather than pass.
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func controlDigest(c Control) string {
	c.Digest = ""
	return hashJSON(c)
}

func eventDigest(e ChangeEvent) string {
	e.Digest = ""
	return hashJSON(e)
}

func changeLogDigest(l ChangeLog) string {
	digests := make([]string, 0, len(l.Events))
	for _, e := range l.Events {
		digests = append(digests, e.Digest)
	}
	return hashJSON(struct {
		Since, Until, Source string
		Events               []string
	}{l.Since.UTC().String(), l.Until.UTC().String(), l.Source, digests})
}

func inventoryDigest(inv Inventory) string {
	inv.Digest = ""
	return hashJSON(inv)
}

func binderDigest(b *Binder) string {
	header := *b
	header.Digest = ""
	header.Controls = nil
	header.ChangeLog = ChangeLog{}
	header.Inventory = Inventory{}
	parts := []string{hashJSON(header)}
	for _, c := range b.Controls {
		parts = append(parts, c.Digest)
	}
	parts = append(parts, b.ChangeLog.Digest, b.Inventory.Digest)
	sum := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	return hex.EncodeToString(sum[:])
}
