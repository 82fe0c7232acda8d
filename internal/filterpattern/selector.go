package filterpattern

import "strings"

type stepKind int

const (
	stepKey      stepKind = iota // .name or .['name']
	stepIndex                    // [3]
	stepAnyKey                   // .*
	stepAnyIndex                 // [*]
)

type step struct {
	kind  stepKind
	key   string
	index int
}

// selector is a JSON property selector such as $.requestParameters.items[0].
type selector struct {
	text  string
	steps []step
}

const maxIndex = 1 << 30

func isNameChar(c byte) bool { return isWord(c) || c == '-' }

// parseSelector parses a selector starting at '$'.
func (s *scanner) parseSelector() (*selector, error) {
	start := s.off
	s.off++ // '$'
	if s.peek() != '.' || s.eof() {
		return nil, s.errorf(s.off, `expected "." after "$" (selectors look like $.eventName), found %s`, s.found(s.off))
	}
	sel := &selector{}
	wildcards := 0
	addWildcard := func(at int) error {
		wildcards++
		s.wildcards++
		if wildcards > 1 {
			return s.errorf(at, "a property selector can contain at most one wildcard (.* or [*])")
		}
		if s.wildcards > maxWildcardSelectors {
			return s.errorf(at, "a filter pattern can contain at most %d wildcard selectors", maxWildcardSelectors)
		}
		return nil
	}
	for !s.eof() {
		switch s.peek() {
		case '.':
			s.off++
			switch c := s.peek(); {
			case s.eof():
				return nil, s.errorf(s.off, `expected a property name after ".", found end of pattern`)
			case c == '*':
				if err := addWildcard(s.off); err != nil {
					return nil, err
				}
				s.off++
				sel.steps = append(sel.steps, step{kind: stepAnyKey})
			case c == '[':
				st, err := s.parseBracket(true, addWildcard)
				if err != nil {
					return nil, err
				}
				sel.steps = append(sel.steps, st)
			case isNameChar(c):
				nameStart := s.off
				for !s.eof() && isNameChar(s.peek()) {
					s.off++
				}
				sel.steps = append(sel.steps, step{kind: stepKey, key: s.src[nameStart:s.off]})
			default:
				return nil, s.errorf(s.off, `expected a property name, "*" or ['name'] after ".", found %s`, s.found(s.off))
			}
		case '[':
			if len(sel.steps) == 0 {
				return nil, s.errorf(s.off, `expected a property name after "$.", found "["`)
			}
			st, err := s.parseBracket(false, addWildcard)
			if err != nil {
				return nil, err
			}
			sel.steps = append(sel.steps, st)
		default:
			sel.text = s.src[start:s.off]
			return sel, nil
		}
	}
	sel.text = s.src[start:s.off]
	return sel, nil
}

// parseBracket parses [N], [*] or ['name']. After a dot only the quoted
// name form makes sense ($.['cluster.name'] in the guide).
func (s *scanner) parseBracket(afterDot bool, addWildcard func(int) error) (step, error) {
	open := s.off
	s.off++
	var st step
	switch c := s.peek(); {
	case s.eof():
		return st, s.errorf(s.off, "expected an index, * or a quoted name after [, found end of pattern")
	case c == '\'' || c == '"':
		end := strings.IndexByte(s.src[s.off+1:], c)
		if end < 0 {
			return st, s.errorf(s.off, "unterminated quoted name: expected a closing %c", c)
		}
		st = step{kind: stepKey, key: s.src[s.off+1 : s.off+1+end]}
		s.off += end + 2
	case afterDot:
		return st, s.errorf(s.off, `expected a quoted name such as ['cluster.name'] after ".[", found %s`, s.found(s.off))
	case c == '*':
		if err := addWildcard(s.off); err != nil {
			return st, err
		}
		s.off++
		st = step{kind: stepAnyIndex}
	case c >= '0' && c <= '9':
		n := 0
		for !s.eof() && s.peek() >= '0' && s.peek() <= '9' {
			n = n*10 + int(s.peek()-'0')
			if n > maxIndex {
				return st, s.errorf(open, "array index is too large")
			}
			s.off++
		}
		st = step{kind: stepIndex, index: n}
	default:
		return st, s.errorf(s.off, "expected an array index, * or a quoted name after [, found %s", s.found(s.off))
	}
	if s.eof() || s.peek() != ']' {
		return st, s.errorf(s.off, `expected "]" to close the "[" at position %d, found %s`, s.errorf(open, "").Pos, s.found(s.off))
	}
	s.off++
	return st, nil
}

// any reports whether fn holds for at least one value the selector selects;
// a wildcard makes a selector select several.
func (sel *selector) any(root map[string]any, fn func(any) bool) bool {
	return walk(root, sel.steps, fn)
}

func walk(node any, steps []step, fn func(any) bool) bool {
	if len(steps) == 0 {
		return fn(node)
	}
	st, rest := steps[0], steps[1:]
	switch st.kind {
	case stepKey:
		m, ok := node.(map[string]any)
		if !ok {
			return false
		}
		v, ok := m[st.key]
		return ok && walk(v, rest, fn)
	case stepIndex:
		a, ok := node.([]any)
		return ok && st.index < len(a) && walk(a[st.index], rest, fn)
	case stepAnyKey:
		m, _ := node.(map[string]any)
		for _, v := range m {
			if walk(v, rest, fn) {
				return true
			}
		}
	case stepAnyIndex:
		a, _ := node.([]any)
		for _, v := range a {
			if walk(v, rest, fn) {
				return true
			}
		}
	}
	return false
}
