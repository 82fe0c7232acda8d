package filterpattern

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// fuzzEvents cover each way a pattern can read an event: JSON objects
// (nested, arrays, nulls, numbers), space-delimited text with quoted and
// bracketed fields, and text that is neither.
var fuzzEvents = [][]byte{
	[]byte(docJSONEvent),
	[]byte(docCompoundEvent),
	[]byte(docAccessLog),
	[]byte(`{"a":[{"b":null},{"b":[1,"x",true]}],"c":-1.5e3,"d":{"e":{"f":"g*h"}}}`),
	[]byte("ERROR 09/25/2014 \"unterminated [x\ty\n"),
	[]byte(""),
	[]byte("{not json"),
}

// FuzzParse checks that no input makes the parser or matcher panic, that
// every rejection is a *SyntaxError pointing inside the pattern, and that
// accepted patterns keep their source text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{ $.eventType = "UpdateTrail" }`,
		`{ $.* = %111\.111\.111\.1[0-9]{1,2}% }`,
		`[ip, user, ..., status_code = 4* && bytes > 1000]`,
		`?ERROR ?WARN -x "a b" %c|d%`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		p, err := Parse(pattern)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) returned %T, want *SyntaxError", pattern, err)
			}
			if n := utf8.RuneCountInString(pattern); se.Pos < 1 || se.Pos > n+1 && se.Pos != MaxLength+1 {
				t.Fatalf("Parse(%q): position %d outside 1..%d", pattern, se.Pos, n+1)
			}
			if se.Msg == "" {
				t.Fatalf("Parse(%q): empty message", pattern)
			}
			return
		}
		if p.String() != pattern {
			t.Fatalf("String() = %q, want %q", p.String(), pattern)
		}
		for _, e := range fuzzEvents {
			ev := ParseEvent(e)
			if p.Match(e) != p.MatchEvent(ev) {
				t.Fatalf("Match and MatchEvent disagree for %q on %q", pattern, e)
			}
		}
	})
}
