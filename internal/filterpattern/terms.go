package filterpattern

import "strings"

// term is one word, quoted phrase or regex of an unstructured pattern.
type term struct {
	text string // substring to look for; "" always matches
	re   *regexValue
}

func (t term) in(raw string) bool {
	if t.re != nil {
		return t.re.match(raw)
	}
	return strings.Contains(raw, t.text)
}

// termSet is an unstructured pattern: every include must occur, no exclude
// may occur, and, only when there are neither, one optional ("?") term must
// occur. The guide: "If you combine ? with other filter patterns, all
// question mark terms will be ignored."
type termSet struct {
	include, exclude, optional []term
}

func (ts *termSet) match(raw string) bool {
	for _, t := range ts.include {
		if !t.in(raw) {
			return false
		}
	}
	for _, t := range ts.exclude {
		if t.in(raw) {
			return false
		}
	}
	if len(ts.include) > 0 || len(ts.exclude) > 0 {
		return true
	}
	for _, t := range ts.optional {
		if t.in(raw) {
			return true
		}
	}
	return false
}

func (s *scanner) parseTerms() (*termSet, error) {
	ts := &termSet{}
	for s.skipSpace(); !s.eof(); s.skipSpace() {
		list := &ts.include
		prefix := s.peek()
		switch prefix {
		case '-':
			list = &ts.exclude
			s.off++
			s.skipSpace()
		case '?':
			list = &ts.optional
			s.off++
			s.skipSpace()
		}
		start := s.off
		var t term
		switch c := s.peek(); {
		case s.eof():
			return nil, s.errorf(s.off, "expected a term after %q, found end of pattern", prefix)
		case c == '"':
			text, err := s.quoted()
			if err != nil {
				return nil, err
			}
			// The guide's `" "` matches every event, so a blank phrase is
			// treated as always present rather than as a literal space.
			t.text = strings.TrimSpace(text)
		case c == '%':
			re, err := s.regex()
			if err != nil {
				return nil, err
			}
			t.re = re
		case isWord(c):
			for !s.eof() && isWord(s.peek()) {
				s.off++
			}
			t.text = s.src[start:s.off]
			if !s.eof() && !isSpace(s.peek()) && s.peek() != '"' && s.peek() != '%' {
				return nil, s.errorf(start, "a term containing %s must be enclosed in double quotes", s.found(s.off))
			}
		default:
			return nil, s.errorf(s.off, "a term containing %s must be enclosed in double quotes", s.found(s.off))
		}
		if !s.eof() && !isSpace(s.peek()) {
			return nil, s.errorf(s.off, "expected a space between terms, found %s", s.found(s.off))
		}
		*list = append(*list, t)
	}
	return ts, nil
}
