package filterpattern

import (
	"encoding/json"
	"strconv"
	"strings"
)

// jsonNode is a boolean expression over a decoded JSON event.
type jsonNode interface {
	eval(root map[string]any) bool
}

type andNode []jsonNode

func (n andNode) eval(root map[string]any) bool {
	for _, c := range n {
		if !c.eval(root) {
			return false
		}
	}
	return true
}

type orNode []jsonNode

func (n orNode) eval(root map[string]any) bool {
	for _, c := range n {
		if c.eval(root) {
			return true
		}
	}
	return false
}

type testKind int

const (
	testCompare testKind = iota
	testIsNull
	testIsTrue
	testIsFalse
	testNotExists
)

type condNode struct {
	sel  *selector
	kind testKind
	op   compareOp
	val  *value
}

func (n *condNode) eval(root map[string]any) bool {
	if n.kind == testNotExists {
		return !n.sel.any(root, func(any) bool { return true })
	}
	return n.sel.any(root, func(v any) bool {
		switch n.kind {
		case testIsNull:
			return v == nil
		case testIsTrue:
			return v == true
		case testIsFalse:
			return v == false
		}
		sc, ok := jsonScalar(v)
		return ok && n.val.test(n.op, sc)
	})
}

// jsonScalar converts the value nodes a comparison can see. Null, arrays and
// objects are not value nodes, so every comparison on them is false.
func jsonScalar(v any) (scalar, bool) {
	switch v := v.(type) {
	case string:
		return newScalar(v), true
	case json.Number:
		return newScalar(string(v)), true
	case bool:
		return scalar{text: strconv.FormatBool(v)}, true
	}
	return scalar{}, false
}

// parseJSON parses "{ expr }" starting at the '{'.
func (s *scanner) parseJSON() (jsonNode, error) {
	s.off++ // '{'
	expr, err := s.parseOr()
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	if s.peek() != '}' || s.eof() {
		return nil, s.errorf(s.off, `expected "&&", "||" or "}", found %s`, s.found(s.off))
	}
	s.off++
	s.skipSpace()
	if !s.eof() {
		return nil, s.errorf(s.off, "unexpected %s after the closing } of a JSON pattern", s.found(s.off))
	}
	return expr, nil
}

func (s *scanner) parseOr() (jsonNode, error) {
	return parseOrAnd(s, s.parsePrimary,
		func(terms []jsonNode) jsonNode { return andNode(terms) },
		func(terms []jsonNode) jsonNode { return orNode(terms) })
}

func (s *scanner) parsePrimary() (jsonNode, error) {
	s.skipSpace()
	switch s.peek() {
	case '(':
		return parseGroup(s, s.parseOr)
	case '$':
		return s.parseCondition()
	}
	if s.eof() {
		return nil, s.errorf(s.off, `expected a condition such as $.eventName = "X", found end of pattern`)
	}
	return nil, s.errorf(s.off, `expected a selector starting with "$." or "(", found %s`, s.found(s.off))
}

var jsonValueSyntax = valueSyntax{
	stop: func(c byte) bool {
		return isSpace(c) || c == ')' || c == '}' || c == '&' || c == '|'
	},
	// The guide's unquoted examples: UpdateTrail, 123.123.*, *Event, +1000,
	// 1e-3. Anything else (@, $, \, ...) must be quoted.
	allowed: func(c byte) bool {
		return isWord(c) || c == '.' || c == '*' || c == '+' || c == '-'
	},
}

func (s *scanner) parseCondition() (jsonNode, error) {
	sel, err := s.parseSelector()
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	opStart := s.off
	if o, ok := s.comparisonOp(); ok {
		s.skipSpace()
		v, err := s.parseValue(o, sel.text, jsonValueSyntax)
		if err != nil {
			return nil, err
		}
		return &condNode{sel: sel, kind: testCompare, op: o, val: v}, nil
	}
	switch s.word() {
	case "IS":
		s.off += 2
		s.skipSpace()
		kwStart := s.off
		kw := s.word()
		s.off += len(kw)
		switch kw {
		case "NULL":
			return &condNode{sel: sel, kind: testIsNull}, nil
		case "TRUE":
			return &condNode{sel: sel, kind: testIsTrue}, nil
		case "FALSE":
			return &condNode{sel: sel, kind: testIsFalse}, nil
		case "NOT":
			return nil, s.errorf(opStart, `"IS NOT" is not supported by CloudWatch Logs; use "!=" or "NOT EXISTS"`)
		}
		return nil, s.errorf(kwStart, `expected NULL, TRUE or FALSE after IS, found %s`, s.found(kwStart))
	case "NOT":
		s.off += 3
		s.skipSpace()
		if s.word() != "EXISTS" {
			return nil, s.errorf(s.off, `expected EXISTS after NOT, found %s`, s.found(s.off))
		}
		s.off += len("EXISTS")
		return &condNode{sel: sel, kind: testNotExists}, nil
	case "EXISTS":
		return nil, s.errorf(opStart, `"EXISTS" is not supported by CloudWatch Logs; use "NOT EXISTS" or compare with = "*"`)
	}
	switch w := s.word(); strings.ToUpper(w) {
	case "IS", "NOT", "EXISTS":
		return nil, s.errorf(opStart, "keywords are upper case: write %s instead of %s", strings.ToUpper(w), w)
	}
	return nil, s.errorf(opStart, `expected "=", "!=", "<", ">", "<=", ">=", "IS" or "NOT EXISTS" after selector %s, found %s`,
		sel.text, s.found(opStart))
}
