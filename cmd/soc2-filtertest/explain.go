package main

import (
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/filterpattern"
)

// explain names the part of m's pattern that matched ev: of a JSON pattern whose conditions are
// joined by ||, the first alternative that matches on its own (each is parsed and tested as a
// pattern of its own); otherwise the whole pattern, all of whose conditions held.
func explain(m matcher, ev *filterpattern.Event) string {
	src := strings.TrimSpace(m.source)
	if !strings.HasPrefix(src, "{") || !strings.HasSuffix(src, "}") {
		return src
	}
	body := strings.TrimSpace(src[1 : len(src)-1])
	alts := splitTop(body, "||")
	for len(alts) == 1 && wrapped(alts[0]) {
		inner := strings.TrimSpace(alts[0][1 : len(alts[0])-1])
		alts = splitTop(inner, "||")
		body = inner
	}
	if len(alts) == 1 {
		return "{ " + body + " }"
	}
	for _, alt := range alts {
		p, err := filterpattern.Parse("{ " + alt + " }")
		if err == nil && p.MatchEvent(ev) {
			return "{ " + alt + " }"
		}
	}
	return src
}

// splitTop splits s at each op outside parentheses and quotes.
func splitTop(s, op string) []string {
	var parts []string
	depth := nesting(s)
	start := 0
	for i := 0; i < len(s); i++ {
		if depth[i] == 0 && strings.HasPrefix(s[i:], op) {
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + len(op)
			i += len(op) - 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

// wrapped reports whether s is one parenthesised group, "(a || b)", not "(a) || (b)".
func wrapped(s string) bool {
	if !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") {
		return false
	}
	depth := nesting(s)
	for i := 0; i < len(s)-1; i++ {
		if s[i] == ')' && depth[i] == 0 {
			return false
		}
	}
	return true
}

// nesting gives, for each byte of s, the parenthesis depth after it, or -1 inside a quoted
// string (where parentheses and operators are text), so the two scans above agree on both.
func nesting(s string) []int {
	depth := make([]int, len(s))
	level := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			depth[i] = -1
			if c == '\\' && i+1 < len(s) {
				i++
				depth[i] = -1
			} else if c == quote {
				quote = 0
			}
			continue
		case c == '"':
			quote = c
			depth[i] = -1
			continue
		case c == '(':
			level++
		case c == ')':
			level--
		}
		depth[i] = level
	}
	return depth
}
