package filterpattern

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MaxLength is the longest filter pattern, in characters, that the
// CloudWatch Logs API accepts (PutMetricFilter, PutSubscriptionFilter).
const MaxLength = 1024

// Limits AWS documents for a single pattern.
const (
	maxRegexes           = 2
	maxWildcardSelectors = 3
)

// SyntaxError reports why a filter pattern is invalid and where.
type SyntaxError struct {
	// Pos is the 1-based character (rune) position of the offending token;
	// len+1 means the end of the pattern.
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("position %d: %s", e.Pos, e.Msg)
}

type patternKind int

const (
	kindAll patternKind = iota
	kindTerms
	kindJSON
	kindDelimited
)

// Pattern is a parsed filter pattern. It is immutable and safe for concurrent
// use.
type Pattern struct {
	src       string
	regexes   int
	kind      patternKind
	json      jsonNode
	terms     *termSet
	delimited *delimitedPattern
}

// String returns the pattern text exactly as given to Parse.
func (p *Pattern) String() string { return p.src }

// Parse parses a CloudWatch Logs filter pattern. Errors are *SyntaxError.
func Parse(pattern string) (*Pattern, error) {
	if n := utf8.RuneCountInString(pattern); n > MaxLength {
		return nil, &SyntaxError{
			Pos: MaxLength + 1,
			Msg: fmt.Sprintf("pattern is %d characters long; CloudWatch Logs allows at most %d", n, MaxLength),
		}
	}
	if !utf8.ValidString(pattern) {
		off := 0
		for off < len(pattern) {
			r, size := utf8.DecodeRuneInString(pattern[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		s := &scanner{src: pattern}
		return nil, s.errorf(off, "pattern is not valid UTF-8")
	}
	s := &scanner{src: pattern}
	s.skipSpace()
	p := &Pattern{src: pattern}
	var err error
	switch {
	case s.eof():
		p.kind = kindAll
	case s.peek() == '{':
		p.kind = kindJSON
		p.json, err = s.parseJSON()
	case s.peek() == '[':
		p.kind = kindDelimited
		p.delimited, err = s.parseDelimited()
	default:
		p.kind = kindTerms
		p.terms, err = s.parseTerms()
	}
	if err != nil {
		return nil, err
	}
	p.regexes = s.regexes
	return p, nil
}

// Regexes counts the %regex% values of the pattern. CloudWatch Logs allows at most five regular
// expression patterns per log group, a quota no single pattern can check by itself.
func (p *Pattern) Regexes() int { return p.regexes }

// Match reports whether the raw log event matches. To test many patterns
// against one event, use ParseEvent and MatchEvent so the event is decoded
// once.
func (p *Pattern) Match(event []byte) bool {
	return p.MatchEvent(ParseEvent(event))
}

// MatchEvent reports whether the event matches.
func (p *Pattern) MatchEvent(e *Event) bool {
	switch p.kind {
	case kindAll:
		return true
	case kindTerms:
		return p.terms.match(e.raw)
	case kindJSON:
		root, ok := e.jsonRoot()
		return ok && p.json.eval(root)
	case kindDelimited:
		return p.delimited.match(e)
	}
	return false
}

// scanner holds the parse position and the per-pattern quotas, which span all
// sub-grammars.
type scanner struct {
	src       string
	off       int
	regexes   int
	wildcards int
}

func (s *scanner) eof() bool { return s.off >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.off]
}

func (s *scanner) peekAt(n int) byte {
	if s.off+n >= len(s.src) {
		return 0
	}
	return s.src[s.off+n]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWord(c byte) bool { return isAlnum(c) || c == '_' }

func (s *scanner) skipSpace() {
	for !s.eof() && isSpace(s.src[s.off]) {
		s.off++
	}
}

func (s *scanner) hasPrefix(p string) bool {
	return len(s.src)-s.off >= len(p) && s.src[s.off:s.off+len(p)] == p
}

func (s *scanner) errorf(off int, format string, args ...any) *SyntaxError {
	if off > len(s.src) {
		off = len(s.src)
	}
	return &SyntaxError{
		Pos: utf8.RuneCountInString(s.src[:off]) + 1,
		Msg: fmt.Sprintf(format, args...),
	}
}

// found describes the token at off for "expected X, found Y" messages: a
// whole word when one starts there, else a single character.
func (s *scanner) found(off int) string {
	if off >= len(s.src) {
		return "end of pattern"
	}
	if isWord(s.src[off]) {
		end := off
		for end < len(s.src) && isWord(s.src[end]) && end-off < 40 {
			end++
		}
		return strconv.Quote(s.src[off:end])
	}
	r, _ := utf8.DecodeRuneInString(s.src[off:])
	return strconv.Quote(string(r))
}

// word returns the run of word characters at the current position without
// consuming it; keywords are matched against it.
func (s *scanner) word() string {
	end := s.off
	for end < len(s.src) && isWord(s.src[end]) {
		end++
	}
	return s.src[s.off:end]
}

// quoted reads a double-quoted string starting at the current '"'. \" and \\
// are the only escapes; any other backslash is kept as written.
func (s *scanner) quoted() (string, error) {
	start := s.off
	s.off++
	var buf []byte
	for !s.eof() {
		c := s.src[s.off]
		switch {
		case c == '"':
			s.off++
			return string(buf), nil
		case c == '\\' && (s.peekAt(1) == '"' || s.peekAt(1) == '\\'):
			buf = append(buf, s.src[s.off+1])
			s.off += 2
		default:
			buf = append(buf, c)
			s.off++
		}
	}
	return "", s.errorf(start, "unterminated quoted string: expected a closing \"")
}

// regex reads a %...% regular expression starting at the current '%' and
// counts it against the per-pattern quota.
func (s *scanner) regex() (*regexValue, error) {
	start := s.off
	end := -1
	for i := s.off + 1; i < len(s.src); i++ {
		if s.src[i] == '%' {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, s.errorf(start, "unterminated regular expression: expected a closing %%")
	}
	s.regexes++
	if s.regexes > maxRegexes {
		return nil, s.errorf(start, "a filter pattern can contain at most %d regular expressions", maxRegexes)
	}
	re, err := compileRegex(s, start+1, end)
	if err != nil {
		return nil, err
	}
	s.off = end + 1
	return re, nil
}

// parseOrAnd parses the boolean grammar the JSON and space-delimited syntaxes share, where && binds
// tighter than ||:
//
//	or  := and { "||" and }
//	and := primary { "&&" primary }
//
// and and or build a node of several terms; a lone term stands as it is.
func parseOrAnd[N any](s *scanner, primary func() (N, error), and, or func([]N) N) (N, error) {
	conjunction := func() (N, error) { return parseJoined(s, "&&", primary, and) }
	return parseJoined(s, "||", conjunction, or)
}

// parseJoined reads operands joined by op ("&&" or "||") and joins them, or returns the one.
func parseJoined[N any](s *scanner, op string, operand func() (N, error), join func([]N) N) (N, error) {
	var terms []N
	for {
		t, err := operand()
		if err != nil {
			var zero N
			return zero, err
		}
		terms = append(terms, t)
		s.skipSpace()
		if !s.hasPrefix(op) {
			break
		}
		s.off += len(op)
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return join(terms), nil
}

// parseGroup parses "( inner )" starting at the '(' in both syntaxes.
func parseGroup[N any](s *scanner, inner func() (N, error)) (N, error) {
	var zero N
	open := s.off
	s.off++
	n, err := inner()
	if err != nil {
		return zero, err
	}
	s.skipSpace()
	if s.eof() || s.peek() != ')' {
		return zero, s.errorf(s.off, `expected "&&", "||" or ")" to close the "(" at position %d, found %s`,
			s.errorf(open, "").Pos, s.found(s.off))
	}
	s.off++
	return n, nil
}
