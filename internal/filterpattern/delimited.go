package filterpattern

import "strings"

// fieldNode is a condition on one field of a space-delimited event.
type fieldNode interface {
	eval(sc scalar) bool
}

type fieldAnd []fieldNode

func (n fieldAnd) eval(sc scalar) bool {
	for _, c := range n {
		if !c.eval(sc) {
			return false
		}
	}
	return true
}

type fieldOr []fieldNode

func (n fieldOr) eval(sc scalar) bool {
	for _, c := range n {
		if c.eval(sc) {
			return true
		}
	}
	return false
}

type fieldCompare struct {
	op  compareOp
	val *value
}

func (n *fieldCompare) eval(sc scalar) bool { return n.val.test(n.op, sc) }

// slot is one comma-separated entry of [a, b = 1, ...].
type slot struct {
	ellipsis bool
	name     string    // "" for an unnamed field
	cond     fieldNode // nil when any value will do
}

func (sl *slot) test(text string) bool {
	return sl.cond == nil || sl.cond.eval(newScalar(text))
}

type delimitedPattern struct {
	slots       []slot
	hasEllipsis bool
}

func (dp *delimitedPattern) match(e *Event) bool {
	fields := e.delimitedFields()
	if !dp.hasEllipsis {
		// Without an ellipsis the last field takes the rest of the line,
		// which is why the guide's [w1=ERROR, w2] needs its trailing w2.
		n := len(dp.slots)
		if len(fields) < n {
			return false
		}
		for i := 0; i < n-1; i++ {
			if !dp.slots[i].test(fields[i].value) {
				return false
			}
		}
		last := fields[n-1].value
		if len(fields) > n {
			last = strings.TrimRight(e.raw[fields[n-1].start:], " \t\r\n")
		}
		return dp.slots[n-1].test(last)
	}
	// Each ellipsis takes any number of fields; every other slot takes one.
	// ok[j] means slots i.. can consume exactly fields j.., filled from the
	// last slot backwards, so any number of ellipses costs O(slots*fields).
	nf := len(fields)
	ok := make([]bool, nf+1)
	ok[nf] = true
	for i := len(dp.slots) - 1; i >= 0; i-- {
		sl := &dp.slots[i]
		cur := make([]bool, nf+1)
		if sl.ellipsis {
			acc := false
			for j := nf; j >= 0; j-- {
				acc = acc || ok[j]
				cur[j] = acc
			}
		} else {
			for j := 0; j < nf; j++ {
				cur[j] = ok[j+1] && sl.test(fields[j].value)
			}
		}
		ok = cur
	}
	return ok[0]
}

var fieldValueSyntax = valueSyntax{
	stop: func(c byte) bool {
		return isSpace(c) || c == ',' || c == ']' || c == ')' || c == '&' || c == '|'
	},
	allowed: func(c byte) bool {
		return strings.IndexByte(`["%=!<>(`, c) < 0
	},
}

// parseDelimited parses "[slot, slot, ...]" starting at the '['.
func (s *scanner) parseDelimited() (*delimitedPattern, error) {
	s.off++ // '['
	dp := &delimitedPattern{}
	for {
		s.skipSpace()
		sl, err := s.parseSlot()
		if err != nil {
			return nil, err
		}
		dp.slots = append(dp.slots, sl)
		dp.hasEllipsis = dp.hasEllipsis || sl.ellipsis
		s.skipSpace()
		if s.eof() {
			return nil, s.errorf(s.off, `expected "," or "]", found end of pattern`)
		}
		if s.peek() == ',' {
			s.off++
			continue
		}
		if s.peek() == ']' {
			s.off++
			break
		}
		return nil, s.errorf(s.off, `expected "," or "]", found %s`, s.found(s.off))
	}
	s.skipSpace()
	if !s.eof() {
		return nil, s.errorf(s.off, "unexpected %s after the closing ] of a space-delimited pattern", s.found(s.off))
	}
	return dp, nil
}

func (s *scanner) parseSlot() (slot, error) {
	if s.hasPrefix("...") {
		s.off += 3
		return slot{ellipsis: true}, nil
	}
	c := s.peek()
	if s.eof() || c == ',' || c == ']' {
		return slot{}, nil // an unnamed field, as in the guide's [..., status_code=4*,]
	}
	if !isWord(c) && c != '(' {
		return slot{}, s.errorf(s.off, `expected a field name, "..." or ",", found %s`, s.found(s.off))
	}
	if isWord(c) {
		save := s.off
		name := s.word()
		s.off += len(name)
		s.skipSpace()
		if s.eof() || s.peek() == ',' || s.peek() == ']' {
			return slot{name: name}, nil
		}
		s.off = save
	}
	sl := slot{}
	cond, err := s.parseFieldOr(&sl.name)
	if err != nil {
		return slot{}, err
	}
	sl.cond = cond
	return sl, nil
}

func (s *scanner) parseFieldOr(name *string) (fieldNode, error) {
	return parseOrAnd(s, func() (fieldNode, error) { return s.parseFieldPrimary(name) },
		func(terms []fieldNode) fieldNode { return fieldAnd(terms) },
		func(terms []fieldNode) fieldNode { return fieldOr(terms) })
}

func (s *scanner) parseFieldPrimary(name *string) (fieldNode, error) {
	s.skipSpace()
	if s.peek() == '(' && !s.eof() {
		return parseGroup(s, func() (fieldNode, error) { return s.parseFieldOr(name) })
	}
	start := s.off
	w := s.word()
	if w == "" {
		return nil, s.errorf(start, "expected a field name, found %s", s.found(start))
	}
	if *name == "" {
		*name = w
	} else if w != *name {
		return nil, s.errorf(start, "all conditions in one field must name that field: expected %q, found %q", *name, w)
	}
	s.off += len(w)
	s.skipSpace()
	o, ok := s.comparisonOp()
	if !ok {
		return nil, s.errorf(s.off, `expected "=", "!=", "<", ">", "<=" or ">=" after field %s, found %s`, w, s.found(s.off))
	}
	s.skipSpace()
	v, err := s.parseValue(o, w, fieldValueSyntax)
	if err != nil {
		return nil, err
	}
	return &fieldCompare{op: o, val: v}, nil
}
