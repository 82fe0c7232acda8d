package filterpattern

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
)

// Event is a log event prepared for matching. Decoding the JSON body and
// splitting space-delimited fields happen at most once, on first use, so one
// Event can be matched against many patterns cheaply. It is safe for
// concurrent use.
type Event struct {
	raw string

	jsonOnce sync.Once
	root     map[string]any // nil unless the event is a JSON object

	fieldsOnce sync.Once
	fields     []eventField
}

// ParseEvent wraps a raw log event (one CloudWatch Logs message).
func ParseEvent(event []byte) *Event {
	return &Event{raw: string(event)}
}

// jsonRoot returns the decoded event when it is a single JSON object; JSON
// patterns never match anything else.
func (e *Event) jsonRoot() (map[string]any, bool) {
	e.jsonOnce.Do(func() {
		b := bytes.TrimSpace([]byte(e.raw))
		if len(b) == 0 || b[0] != '{' {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		// Numbers stay as their source text so "=" can compare text exactly
		// and large integers do not lose precision.
		dec.UseNumber()
		var root map[string]any
		if err := dec.Decode(&root); err != nil {
			return
		}
		if _, err := dec.Token(); err != io.EOF {
			return
		}
		e.root = root
	})
	return e.root, e.root != nil
}

// eventField is one field of a space-delimited event: its value without
// surrounding quotes or brackets, and where it starts in the raw text (used
// when the last pattern field takes the rest of the line).
type eventField struct {
	value string
	start int
}

func (e *Event) delimitedFields() []eventField {
	e.fieldsOnce.Do(func() { e.fields = splitFields(e.raw) })
	return e.fields
}

// splitFields splits on whitespace; text between double quotes or between
// square brackets is one field, as the guide describes for access logs.
func splitFields(s string) []eventField {
	var out []eventField
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return out
		}
		start := i
		var closer byte
		switch s[i] {
		case '"':
			closer = '"'
		case '[':
			closer = ']'
		}
		if closer != 0 {
			j := i + 1
			for j < len(s) && s[j] != closer {
				j++
			}
			out = append(out, eventField{value: s[i+1 : j], start: start})
			i = j + 1
			continue
		}
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		out = append(out, eventField{value: s[start:i], start: start})
	}
}
