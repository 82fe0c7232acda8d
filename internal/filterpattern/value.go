package filterpattern

import (
	"strconv"
	"strings"
)

type compareOp int

const (
	opEq compareOp = iota
	opNe
	opLt
	opLe
	opGt
	opGe
)

var opText = [...]string{opEq: "=", opNe: "!=", opLt: "<", opLe: "<=", opGt: ">", opGe: ">="}

func (o compareOp) String() string { return opText[o] }

func (o compareOp) numeric() bool { return o >= opLt }

// comparisonOp consumes a comparison operator if one starts here.
func (s *scanner) comparisonOp() (compareOp, bool) {
	for _, o := range []compareOp{opNe, opLe, opGe, opEq, opLt, opGt} {
		if s.hasPrefix(o.String()) {
			s.off += len(o.String())
			return o, true
		}
	}
	return 0, false
}

// value is the right-hand side of a comparison.
type value struct {
	core       string // the text without its wildcard stars
	prefixStar bool   // "*Event": anything may come before core
	suffixStar bool   // "Event*": anything may come after core
	num        float64
	isNum      bool // an unquoted numeric literal
	re         *regexValue
}

// scalar is what a value is compared with: a JSON string, number or boolean,
// or a field of a space-delimited event.
type scalar struct {
	text   string
	num    float64
	hasNum bool
}

func newScalar(text string) scalar {
	sc := scalar{text: text}
	if isNumberText(text) {
		sc.num, sc.hasNum = parseNumber(text), true
	}
	return sc
}

func (v *value) test(o compareOp, sc scalar) bool {
	switch o {
	case opEq:
		return v.equal(sc)
	case opNe:
		return !v.equal(sc)
	}
	if !sc.hasNum {
		return false
	}
	switch o {
	case opLt:
		return sc.num < v.num
	case opLe:
		return sc.num <= v.num
	case opGt:
		return sc.num > v.num
	default:
		return sc.num >= v.num
	}
}

func (v *value) equal(sc scalar) bool {
	if v.re != nil {
		return v.re.match(sc.text)
	}
	if v.isNum && sc.hasNum && sc.num == v.num {
		return true
	}
	switch {
	case v.prefixStar && v.suffixStar:
		return strings.Contains(sc.text, v.core)
	case v.prefixStar:
		return strings.HasSuffix(sc.text, v.core)
	case v.suffixStar:
		return strings.HasPrefix(sc.text, v.core)
	}
	return sc.text == v.core
}

func literalValue(text string) *value {
	v := &value{core: text}
	if strings.HasPrefix(v.core, "*") {
		v.prefixStar = true
		v.core = v.core[1:]
	}
	if strings.HasSuffix(v.core, "*") {
		v.suffixStar = true
		v.core = v.core[:len(v.core)-1]
	}
	return v
}

// valueSyntax describes how unquoted values end and what they may contain;
// JSON and space-delimited patterns differ.
type valueSyntax struct {
	stop    func(c byte) bool // ends an unquoted value
	allowed func(c byte) bool // may appear in an unquoted value
}

// parseValue parses the value after operator o (at s.off, spaces skipped).
// subject names the left-hand side for messages.
func (s *scanner) parseValue(o compareOp, subject string, syn valueSyntax) (*value, error) {
	start := s.off
	var v *value
	switch c := s.peek(); {
	case s.eof():
		return nil, s.errorf(start, "expected a value after %s %s, found end of pattern", subject, o)
	case c == '"':
		text, err := s.quoted()
		if err != nil {
			return nil, err
		}
		v = literalValue(text)
	case c == '%':
		if o.numeric() {
			return nil, s.errorf(start, "a regular expression can only follow = or !=, not %s", o)
		}
		re, err := s.regex()
		if err != nil {
			return nil, err
		}
		return &value{re: re}, nil
	default:
		for !s.eof() && !syn.stop(s.peek()) {
			if !syn.allowed(s.peek()) {
				return nil, s.errorf(s.off, "%s in a value must be enclosed in double quotes", s.found(s.off))
			}
			s.off++
		}
		if s.off == start {
			return nil, s.errorf(start, "expected a value after %s %s, found %s", subject, o, s.found(start))
		}
		v = literalValue(s.src[start:s.off])
		if isNumberText(v.core) && !v.prefixStar && !v.suffixStar {
			v.num, v.isNum = parseNumber(v.core), true
		}
	}
	if o.numeric() {
		if v.prefixStar || v.suffixStar || !isNumberText(v.core) {
			return nil, s.errorf(start, "expected a number after %s %s, found %s", subject, o, s.found(start))
		}
		v.num = parseNumber(v.core)
	}
	return v, nil
}

// isNumberText accepts the numbers the guide documents: an optional sign,
// digits with an optional fraction, and an optional exponent. It deliberately
// rejects NaN, Inf and hex, which strconv would take.
func isNumberText(t string) bool {
	i := afterSign(t, 0)
	digits := digitRun(t[i:])
	i += digits
	if i < len(t) && t[i] == '.' {
		fraction := digitRun(t[i+1:])
		i += 1 + fraction
		digits += fraction
	}
	if digits == 0 {
		return false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i = afterSign(t, i+1)
		exponent := digitRun(t[i:])
		if exponent == 0 {
			return false
		}
		i += exponent
	}
	return i == len(t)
}

// afterSign is the index after an optional + or - at t[i].
func afterSign(t string, i int) int {
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		return i + 1
	}
	return i
}

// digitRun counts the ASCII digits t starts with.
func digitRun(t string) int {
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	return n
}

// parseNumber converts text accepted by isNumberText; out-of-range values
// become ±Inf, which still compare sensibly.
func parseNumber(t string) float64 {
	f, _ := strconv.ParseFloat(t, 64)
	return f
}
