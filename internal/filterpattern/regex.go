package filterpattern

import (
	"fmt"
	"regexp"
	"strings"
)

// CloudWatch Logs supports a small regex dialect. We validate that dialect
// ourselves, then translate each construct into an explicit RE2 equivalent
// (Go's regexp) so that matching has AWS's documented meaning rather than
// RE2's: "." includes newline, \s is exactly tab, space and newline, {,n}
// means {0,n}, and nothing RE2-only (groups, flags, POSIX classes) can leak
// through. RE2 also guarantees linear-time matching on any event.

const maxRepeat = 1000 // RE2's limit; AWS documents none

// maxRegexSize bounds the atoms a regex expands to ("a{5}" is 5). Matching
// time grows with this size times the event length, and without a bound a
// 1 KB pattern like ".{1000}.{1000}..." takes minutes on a 256 KB event.
// AWS documents no limit; no realistic pattern comes near this one.
const maxRegexSize = 10000

type regexValue struct {
	src string
	re  *regexp.Regexp
}

func (r *regexValue) match(t string) bool { return r.re.MatchString(t) }

// regexSymbols are the non-alphanumeric characters the guide allows as
// literals. Space is not in the guide's list but is in its own example
// (%^shutting down%).
const regexSymbols = ":_#=@/;,- "

// regexOperators may be escaped with a backslash to stand for themselves.
const regexOperators = `^$?[]{}|\*+.`

type asciiSet struct {
	bits     [128]bool
	nonASCII bool
}

func (a *asciiSet) addRange(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		a.bits[c] = true
	}
}

func (a *asciiSet) union(b *asciiSet) {
	for i, v := range b.bits {
		a.bits[i] = a.bits[i] || v
	}
	a.nonASCII = a.nonASCII || b.nonASCII
}

func (a *asciiSet) negate() {
	for i := range a.bits {
		a.bits[i] = !a.bits[i]
	}
	a.nonASCII = !a.nonASCII
}

func (a *asciiSet) re2() string {
	var b strings.Builder
	b.WriteByte('[')
	empty := true
	for lo := 0; lo < 128; lo++ {
		if !a.bits[lo] {
			continue
		}
		hi := lo
		for hi+1 < 128 && a.bits[hi+1] {
			hi++
		}
		fmt.Fprintf(&b, `\x{%x}`, lo)
		if hi > lo {
			fmt.Fprintf(&b, `-\x{%x}`, hi)
		}
		lo = hi
		empty = false
	}
	if a.nonASCII {
		b.WriteString(`\x{80}-\x{10ffff}`)
		empty = false
	}
	if empty {
		return `[^\x{0}-\x{10ffff}]`
	}
	b.WriteByte(']')
	return b.String()
}

// shorthandSet returns the set of \d \D \s \S \w \W, as the guide defines
// them.
func shorthandSet(c byte) (*asciiSet, bool) {
	set := &asciiSet{}
	switch c {
	case 'd', 'D':
		set.addRange('0', '9')
	case 's', 'S':
		set.bits['\t'], set.bits['\n'], set.bits[' '] = true, true, true
	case 'w', 'W':
		set.addRange('0', '9')
		set.addRange('A', 'Z')
		set.addRange('a', 'z')
		set.bits['_'] = true
	default:
		return nil, false
	}
	if c >= 'A' && c <= 'Z' {
		set.negate()
	}
	return set, true
}

func literalRE2(c byte) string { return fmt.Sprintf(`\x{%x}`, c) }

type regexParser struct {
	s    *scanner
	src  string
	i    int
	end  int
	out  strings.Builder
	size int
}

// compileRegex checks and translates s.src[start:end], the text between the
// percent signs.
func compileRegex(s *scanner, start, end int) (*regexValue, error) {
	if start == end {
		return nil, s.errorf(start-1, "empty regular expression")
	}
	p := &regexParser{s: s, src: s.src, i: start, end: end}
	for {
		branchStart := p.i
		for p.i < p.end && p.src[p.i] != '|' {
			if err := p.piece(); err != nil {
				return nil, err
			}
		}
		if p.i == branchStart {
			return nil, s.errorf(p.i, "empty alternative in regular expression: expected something on both sides of |")
		}
		if p.i == p.end {
			break
		}
		p.out.WriteByte('|')
		p.i++
		if p.i == p.end {
			return nil, s.errorf(p.i, "empty alternative in regular expression: expected something after |")
		}
	}
	re, err := regexp.Compile(p.out.String())
	if err != nil {
		return nil, s.errorf(start, "regular expression is too complex: %v", err)
	}
	return &regexValue{src: s.src[start:end], re: re}, nil
}

func (p *regexParser) errorf(off int, format string, args ...any) error {
	return p.s.errorf(off, format, args...)
}

// piece parses one atom and its optional quantifier.
func (p *regexParser) piece() error {
	atomStart := p.i
	c := p.src[p.i]
	var atom string
	anchor := false
	switch {
	case c == '^' || c == '$':
		atom, anchor = string(c), true
		p.i++
	case c == '.':
		atom = `(?s:.)`
		p.i++
	case c == '[':
		set, err := p.class()
		if err != nil {
			return err
		}
		atom = set.re2()
	case c == '\\':
		a, err := p.escape()
		if err != nil {
			return err
		}
		atom = a
	case c == '(' || c == ')':
		return p.errorf(p.i, "parentheses are not supported in CloudWatch Logs regular expressions (use \\x28 or \\x29 to match one)")
	case c == '*' || c == '+' || c == '?' || c == '{':
		return p.errorf(p.i, "%q must follow a character, '.', a class or an escape", c)
	case c == ']' || c == '}':
		return p.errorf(p.i, "unmatched %q in regular expression (escape it as \\%c)", c, c)
	case c >= 0x80:
		return p.errorf(p.i, "multi-byte characters are not supported in CloudWatch Logs regular expressions")
	case isAlnum(c) || strings.IndexByte(regexSymbols, c) >= 0:
		atom = literalRE2(c)
		p.i++
	default:
		return p.errorf(p.i, "%s is not supported in a CloudWatch Logs regular expression (use \\x%02X to match it)", p.s.found(p.i), c)
	}
	if p.i >= p.end {
		p.size++
		p.out.WriteString(atom)
		return nil
	}
	q, copies, err := p.quantifier()
	if err != nil {
		return err
	}
	p.size += copies
	if p.size > maxRegexSize {
		return p.errorf(atomStart, "regular expression is too large: it expands to more than %d characters", maxRegexSize)
	}
	if q == "" {
		p.out.WriteString(atom)
		return nil
	}
	if anchor {
		return p.errorf(atomStart, "%q cannot be repeated", c)
	}
	if p.i < p.end && strings.IndexByte("*+?{", p.src[p.i]) >= 0 {
		return p.errorf(p.i, "a quantifier cannot follow another quantifier")
	}
	p.out.WriteString("(?:" + atom + ")" + q)
	return nil
}

// quantifier consumes *, +, ? or {m,n} and returns its RE2 form ("" when
// there is none) and how many copies of the atom RE2 will compile.
func (p *regexParser) quantifier() (string, int, error) {
	switch c := p.src[p.i]; c {
	case '*', '+', '?':
		p.i++
		return string(c), 1, nil
	case '{':
	default:
		return "", 1, nil
	}
	start := p.i
	p.i++
	readInt := func() (int, bool, error) {
		n, digits := 0, 0
		for p.i < p.end && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			n = n*10 + int(p.src[p.i]-'0')
			if n > maxRepeat {
				return 0, false, p.errorf(p.i, "repetition count is larger than %d", maxRepeat)
			}
			p.i++
			digits++
		}
		return n, digits > 0, nil
	}
	lo, hasLo, err := readInt()
	if err != nil {
		return "", 0, err
	}
	hi, hasHi, comma := lo, hasLo, false
	if p.i < p.end && p.src[p.i] == ',' {
		comma = true
		p.i++
		if hi, hasHi, err = readInt(); err != nil {
			return "", 0, err
		}
	}
	if p.i >= p.end || p.src[p.i] != '}' {
		return "", 0, p.errorf(p.i, "expected a repetition of the form {m}, {m,}, {,n} or {m,n}, found %s", p.s.found(p.i))
	}
	p.i++
	switch {
	case !hasLo && !hasHi:
		return "", 0, p.errorf(start, "a repetition needs at least one count: {m}, {m,}, {,n} or {m,n}")
	case !comma:
		return fmt.Sprintf("{%d}", lo), max(lo, 1), nil
	case !hasHi:
		return fmt.Sprintf("{%d,}", lo), lo + 1, nil
	case hasLo && lo > hi:
		return "", 0, p.errorf(start, "repetition {%d,%d} has its minimum above its maximum", lo, hi)
	default:
		return fmt.Sprintf("{%d,%d}", lo, hi), max(hi, 1), nil
	}
}

// escape parses a backslash sequence outside a class.
func (p *regexParser) escape() (string, error) {
	c, set, err := p.escapeItem()
	if err != nil {
		return "", err
	}
	if set != nil {
		return set.re2(), nil
	}
	return literalRE2(c), nil
}

// escapeItem parses a backslash sequence and returns either a single
// character or a shorthand set.
func (p *regexParser) escapeItem() (byte, *asciiSet, error) {
	start := p.i
	p.i++
	if p.i >= p.end {
		return 0, nil, p.errorf(start, "regular expression ends with a lone \\ (use \\x25 to match %%)")
	}
	c := p.src[p.i]
	p.i++
	if set, ok := shorthandSet(c); ok {
		return 0, set, nil
	}
	switch {
	case c == 'x':
		if p.i+2 > p.end || !isHex(p.src[p.i]) || !isHex(p.src[p.i+1]) {
			return 0, nil, p.errorf(start, "\\x must be followed by two hexadecimal digits")
		}
		v := unhex(p.src[p.i])<<4 | unhex(p.src[p.i+1])
		if v >= 0x80 {
			return 0, nil, p.errorf(start, "\\x%s is not an ASCII character; multi-byte characters are not supported", p.src[p.i:p.i+2])
		}
		p.i += 2
		return v, nil, nil
	case strings.IndexByte(regexOperators, c) >= 0 || strings.IndexByte(regexSymbols, c) >= 0:
		return c, nil, nil
	default:
		return 0, nil, p.errorf(start, "unsupported escape \\%c: expected \\d, \\D, \\s, \\S, \\w, \\W, \\xhh or a backslash before an operator", c)
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// class parses [...] into a set; negation is applied here so the RE2 output
// never depends on RE2's own class syntax.
func (p *regexParser) class() (*asciiSet, error) {
	start := p.i
	p.i++
	negate := false
	if p.i < p.end && p.src[p.i] == '^' {
		negate = true
		p.i++
	}
	set := &asciiSet{}
	for first := true; ; first = false {
		if p.i >= p.end {
			return nil, p.errorf(start, "unterminated character class: expected ]")
		}
		if p.src[p.i] == ']' {
			if first {
				return nil, p.errorf(p.i, "empty character class")
			}
			p.i++
			break
		}
		itemStart := p.i
		lo, loSet, err := p.classItem()
		if err != nil {
			return nil, err
		}
		if loSet != nil {
			set.union(loSet)
			continue
		}
		if p.i+1 < p.end && p.src[p.i] == '-' && p.src[p.i+1] != ']' {
			p.i++
			hi, hiSet, err := p.classItem()
			if err != nil {
				return nil, err
			}
			if hiSet != nil {
				return nil, p.errorf(itemStart, "a range cannot end in a shorthand class such as \\d")
			}
			if lo > hi {
				return nil, p.errorf(itemStart, "invalid range %c-%c: the start is after the end", lo, hi)
			}
			set.addRange(lo, hi)
			continue
		}
		set.bits[lo] = true
	}
	if negate {
		set.negate()
	}
	return set, nil
}

func (p *regexParser) classItem() (byte, *asciiSet, error) {
	c := p.src[p.i]
	switch {
	case c == '\\':
		return p.escapeItem()
	case c == '(' || c == ')':
		return 0, nil, p.errorf(p.i, "parentheses are not supported in CloudWatch Logs regular expressions (use \\x28 or \\x29 to match one)")
	case c >= 0x80:
		return 0, nil, p.errorf(p.i, "multi-byte characters are not supported in CloudWatch Logs regular expressions")
	case isAlnum(c) || strings.IndexByte(regexSymbols, c) >= 0 || strings.IndexByte(regexOperators, c) >= 0:
		p.i++
		return c, nil, nil
	default:
		return 0, nil, p.errorf(p.i, "%s is not supported in a CloudWatch Logs regular expression (use \\x%02X to match it)", p.s.found(p.i), c)
	}
}
