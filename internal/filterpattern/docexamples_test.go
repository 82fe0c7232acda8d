package filterpattern

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The events and patterns below are the worked examples of the CloudWatch
// Logs User Guide, "Filter pattern syntax for metric filters, subscription
// filters, filter log events, and Live Tail" (current page and the earlier
// "Filter and Pattern Syntax" page), with the outcome the guide states.

const docJSONEvent = `{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111",` +
	`"arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],` +
	`"SomeObject":null,"cluster.name":"c"}`

const docJSONEventOld = `{"eventType":"UpdateTrail","sourceIPAddress":"111.111.111.111",` +
	`"arrayKey":["value","another value"],"objectList":[{"name":"a","id":1},{"name":"b","id":2}],` +
	`"SomeObject":null,"ThisFlag":true}`

const docCompoundEvent = `{"user":{"id":1,"email":"John.Stiles@example.com"},` +
	`"users":[{"id":2,"email":"John.Doe@example.com"},{"id":3,"email":"Jane.Doe@example.com"}],` +
	`"actions":["GET","PUT","DELETE"],"coordinates":[[0,1,2],[4,5,6],[7,8,9]]}`

type matchCase struct {
	pattern string
	event   string
	want    bool
}

func runMatchCases(t *testing.T, cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		p, err := Parse(c.pattern)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.pattern, err)
			continue
		}
		if got := p.Match([]byte(c.event)); got != c.want {
			t.Errorf("Parse(%q).Match(%q) = %v, want %v", c.pattern, c.event, got, c.want)
		}
	}
}

func TestDocJSONExamples(t *testing.T) {
	runMatchCases(t, []matchCase{
		{`{ $.eventType = "UpdateTrail" }`, docJSONEvent, true},
		{`{ $.sourceIPAddress != 123.123.* }`, docJSONEvent, true},
		{`{ $.sourceIPAddress != 111.111.* }`, docJSONEvent, false},
		{`{ $.arrayKey[0] = "value" }`, docJSONEvent, true},
		{`{ $.arrayKey[1] = "value" }`, docJSONEvent, false},
		{`{ $.eventType = %Trail% }`, docJSONEvent, true},
		{`{ $.arrayKey[*] = %val.{2}% }`, docJSONEvent, true},
		{`{ $.* = %111\.111\.111\.1[0-9]{1,2}% }`, docJSONEvent, true},
		{`{ $.['cluster.name'] = "c" }`, docJSONEvent, true},
		{`{ $.SomeObject IS NULL }`, docJSONEvent, true},
		{`{ $.eventType IS NULL }`, docJSONEvent, false},
		{`{ $.SomeOtherObject NOT EXISTS }`, docJSONEvent, true},
		{`{ $.eventType NOT EXISTS }`, docJSONEvent, false},
		{`{ $.objectList[1].id = 2 }`, docJSONEventOld, true},
		{`{ $.objectList[1].number = 2 }`, docJSONEventOld, false},
		{`{ $.ThisFlag IS TRUE }`, docJSONEventOld, true},
		{`{ $.ThisFlag IS FALSE }`, docJSONEventOld, false},
		{`{ $.ThisFlag[0] = "value" }`, docJSONEventOld, false},
		// "If it points to an array or object, the filter will not be
		// applied": both = and != fail.
		{`{ $.users = 1 }`, `{"users": [1, 2, 3]}`, false},
		{`{ $.users != 1 }`, `{"users": [1, 2, 3]}`, false},
		{`{$.foo = bar}`, `{"foo": "bar"}`, true},
		{`{$.foo = bar}`, `{"foo": "baz"}`, false},
		{`{$.foo = bar || $.foo = baz }`, `{"foo": "baz"}`, true},
		{`{ $.latency = * }`, `{"latency": 12}`, true},
		{`{ $.latency = * }`, `{"other": 12}`, false},
	})
}

func TestDocCompoundExamples(t *testing.T) {
	runMatchCases(t, []matchCase{
		{`{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }`, docCompoundEvent, true},
		{`{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }`, docCompoundEvent, false},
		{`{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }`, docCompoundEvent, true},
		{`{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }`, docCompoundEvent, false},
		{`{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }`, docCompoundEvent, true},
		{`{ $.coordinates[1][2] = 6 && $.actions[*] = DELETE }`, docCompoundEvent, true},
		{`{ $.users[*].email = "Jane.*" }`, docCompoundEvent, true},
	})
}

func TestDocNumericExamples(t *testing.T) {
	event := `{"bandwidth":80,"latency":500,"refreshRate":60,"responseTime":5,"errorCode":400,` +
		`"number":[1000],"numbers":[9],"processes":[{},{},{},{},{"averageRuntime":55.5}]}`
	runMatchCases(t, []matchCase{
		{`{ $.bandwidth > 75 }`, event, true},
		{`{ $.latency < 50 }`, event, false},
		{`{ $.refreshRate >= 60 }`, event, true},
		{`{ $.responseTime <= 5 }`, event, true},
		{`{ $.errorCode = 400}`, event, true},
		{`{ $.errorCode != 500 }`, event, true},
		{`{ $.number[0] = 1e+3 }`, event, true},
		{`{ $.number[0] != 1e-3 }`, event, true},
		{`{ $.latency >= 500 }`, event, true},
		{`{ $.numbers[0] < 10e3 }`, event, true},
		{`{ $.numbers[0] < 10e-3 }`, event, false},
		{`{ $.processes[4].averageRuntime <= 55.5 }`, event, true},
		{`{ $.latency > +1000 }`, event, false},
		{`{ $.missing != 500 }`, event, false},
	})
}

var docTermEvents = []string{
	"[ERROR 400] BAD REQUEST",
	"[ERROR 401] UNAUTHORIZED REQUEST",
	"[ERROR 419] MISSING ARGUMENTS",
	"[ERROR 420] INVALID ARGUMENTS",
	"[INFO] REQUEST FAILED",
	"[ERROR 500] INTERNAL SERVER ERROR",
	"[SUCCESS 200] AUTHORIZED REQUEST",
	"Exiting with ERRORCODE: -1",
}

// eventCase is a pattern and the indexes of the events, of the list it runs against, it matches.
type eventCase struct {
	pattern string
	want    []int
}

// runEventCases requires each pattern to match exactly the events at its want indexes.
func runEventCases(t *testing.T, events []string, cases []eventCase) {
	t.Helper()
	var each []matchCase
	for _, c := range cases {
		for i, e := range events {
			each = append(each, matchCase{c.pattern, e, slices.Contains(c.want, i)})
		}
	}
	runMatchCases(t, each)
}

func TestDocUnstructuredExamples(t *testing.T) {
	cases := []eventCase{
		{`ERROR`, []int{0, 1, 2, 3, 5, 7}},
		{`ERROR ARGUMENTS`, []int{2, 3}},
		{`?ERROR ?ARGUMENTS`, []int{0, 1, 2, 3, 5, 7}},
		{`?ERROR ?ARGUMENTS REQUEST`, []int{0, 1, 4, 6}},
		{`"INTERNAL SERVER ERROR"`, []int{5}},
		{`ERROR -ARGUMENTS`, []int{0, 1, 5, 7}},
		{`"ERROR" -"Exiting"`, []int{0, 1, 2, 3, 5}},
		{`" "`, []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{``, []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{`%AUTHORIZED%`, []int{1, 6}},
		{`Failed to process the request`, nil},
	}
	runEventCases(t, docTermEvents, cases)
	runMatchCases(t, []matchCase{
		{`?ERROR ?WARN`, "WARN message", true},
		{`ERROR WARN`, "ERROR message", false},
		{`ERROR WARN`, "ERROR WARN message", true},
		{`ERROR -WARN`, "ERROR WARN message", false},
		{`ERROR -WARN`, "ERROR message", true},
		{`Failed to process the request`, "[ERROR] Unable to continue: Failed to process the request", true},
	})
}

const docAccessLog = `127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`

var docServiceLog = []string{
	"INFO 09/25/2014 12:00:00 GET /service/resource/67 1200",
	"INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310",
	"WARNING 09/25/2014 12:00:02 Invalid user request",
	"ERROR 09/25/2014 12:00:02 Failed to process request",
}

func TestDocSpaceDelimitedExamples(t *testing.T) {
	runMatchCases(t, []matchCase{
		{`[ip=%127\.0\.0\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]`, docAccessLog, true},
		{`[ip=%127\.0\.0\.[2-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]`, docAccessLog, false},
		{`[..., request =*.html*, status_code = 4*, bytes]`, docAccessLog, true},
		{`[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]`, docAccessLog, true},
		{`[ip, user, username, timestamp, request, status_code, bytes > 1000]`, docAccessLog, true},
		{`[ip, user, username, timestamp, request, status_code = 200, bytes]`, docAccessLog, false},
		{`[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]`, docAccessLog, true},
		{`[..., status_code, bytes]`, docAccessLog, true},
		{`[ip, user, ..., status_code, bytes]`, docAccessLog, true},
		{`[ip, user, ...]`, docAccessLog, true},
		{`[..., request=*.html*, status_code=4*,]`, docAccessLog, true},
		{`[ip, user, username, timestamp = "10/Oct/2000:13:25:15 -0700", ...]`, docAccessLog, true},
	})
	cases := []eventCase{
		{`[w1=ERROR, w2]`, []int{3}},
		{`[w1=ERROR || w1=WARNING, w2]`, []int{2, 3}},
		{`[w1!=ERROR && w1!=WARNING, w2]`, []int{0, 1}},
		{`[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]`, []int{0}},
		{`[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]`, []int{1}},
		// Without the trailing field the single field is the whole line.
		{`[w1=ERROR]`, nil},
	}
	runEventCases(t, docServiceLog, cases)
}

func TestDocRegexExamples(t *testing.T) {
	runMatchCases(t, []matchCase{
		{`%^[hc]at%`, "hat trick", true},
		{`%^[hc]at%`, "a cat", false},
		{`%[hc]at$%`, "a cat", true},
		{`%[hc]at$%`, "cats", false},
		{`%colou?r%`, "color", true},
		{`%colou?r%`, "colour", true},
		{`%[abcx-z]%`, "y", true},
		{`%[abcx-z]%`, "w", false},
		{`%a{3,5}%`, "aa", false},
		{`%a{3,5}%`, "aaa", true},
		{`%^a{3,5}$%`, "aaaaaa", false},
		{`%^a{,2}$%`, "aa", true},
		{`%^a{,2}$%`, "aaa", false},
		{`%^a{2,}$%`, "aaaa", true},
		{`%gra|ey%`, "gray", true},
		{`%gra|ey%`, "grey", true},
		{`%^starting|^initializing|^shutting down%`, "shutting down now", true},
		{`%^starting|^initializing|^shutting down%`, "skipping initializing", false},
		{`%abcc|ab[^c]$%`, "abcc now", true},
		{`%abcc|ab[^c]$%`, "aba", true},
		{`%abcc|ab[^c]$%`, "aac", false},
		{`%\[.\]%`, "[a]", true},
		{`%\[.\]%`, "[]]", true},
		{`%\[.\]%`, "[ ]", true},
		{`%\[.\]%`, "[]", false},
		{`%10\.10\.0\.1%`, "10.10.0.1", true},
		{`%10\.10\.0\.1%`, "10010,051", false},
		{`%10.10.0.1%`, "10010,051", true},
		{`%ab*c%`, "ac", true},
		{`%ab[0-9]*%`, "ab129", true},
		{`%ab+c%`, "ac", false},
		{`%ab+c%`, "abbbc", true},
		{`%.at%`, " at", true},
		{`%.at%`, "at", false},
		{`%a.b%`, "a\nb", true},
		{`%\d%`, "x7", true},
		{`%\D%`, "77", false},
		{`%a\sb%`, "a\tb", true},
		{`%a\sb%`, "a\fb", false},
		{`%a\Sb%`, "a-b", true},
		{`%^\w+$%`, "a_Z9", true},
		{`%\W%`, "a_Z9", false},
		{`%\x3A%`, "a:b", true},
		{`%\x28%`, "f(x)", true},
		{`%[\d\s]%`, "a b", true},
		{`%[^\d]%`, "123", false},
		{`%[^\d]%`, "12é", true},
		{`%\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}%`, "from 10.0.0.1", true},
		{`%[Ee]rror|[Ff]ail%`, "request failed", true},
	})
}

type errorCase struct {
	pattern string
	pos     int
	msg     string // substring of the message
}

func TestSyntaxErrors(t *testing.T) {
	cases := []errorCase{
		{`{ $.eventName }`, 15, `expected "=", "!=", "<", ">", "<=", ">=", "IS" or "NOT EXISTS" after selector $.eventName, found "}"`},
		{`{ $.eventName = }`, 17, `expected a value after $.eventName =, found "}"`},
		{`{ eventName = "x" }`, 3, `expected a selector starting with "$." or "(", found "eventName"`},
		{`{ $eventName = "x" }`, 4, `expected "." after "$"`},
		{`{ $. = "x" }`, 5, `expected a property name`},
		{`{ $.a = "x" `, 13, `expected "&&", "||" or "}", found end of pattern`},
		{`{ $.a = "x" } extra`, 15, `unexpected "extra" after the closing }`},
		{`{ $.a = "x }`, 9, `unterminated quoted string`},
		{`{ ($.a = 1 }`, 12, `to close the "(" at position 3`},
		{`{ $.a = 1 && }`, 14, `expected a selector`},
		{`{}`, 2, `expected a selector`},
		{`{ $.a > abc }`, 9, `expected a number after $.a >`},
		{`{ $.a > "x*" }`, 9, `expected a number`},
		{`{ $.a > %x% }`, 9, `a regular expression can only follow = or !=`},
		{`{ $.a = b@c }`, 10, `"@" in a value must be enclosed in double quotes`},
		{`{ $.a IS NOT NULL }`, 7, `"IS NOT" is not supported`},
		{`{ $.a EXISTS }`, 7, `"EXISTS" is not supported`},
		{`{ $.a is null }`, 7, `keywords are upper case: write IS instead of is`},
		{`{ $.a IS MAYBE }`, 10, `expected NULL, TRUE or FALSE after IS, found "MAYBE"`},
		{`{ $.a NOT THERE }`, 11, `expected EXISTS after NOT`},
		{`{ $.*.* = 1 }`, 7, `at most one wildcard`},
		{`{ $.a[*].*= 1 }`, 10, `at most one wildcard`},
		{`{ $.a[*] = 1 || $.b[*] = 1 || $.c[*] = 1 || $.d[*] = 1 }`, 49, `at most 3 wildcard selectors`},
		{`{ $.a[x] = 1 }`, 7, `expected an array index, * or a quoted name after [, found "x"`},
		{`{ $.a[0 = 1 }`, 8, `expected "]" to close the "[" at position 6`},
		{`{ $.['a.b = 1 }`, 6, `unterminated quoted name`},
		{`{ $.[0] = 1 }`, 6, `expected a quoted name such as ['cluster.name']`},
		{`{ $.a = %x% || $.b = %y% || $.c = %z% }`, 35, `at most 2 regular expressions`},
		{`{ $.é = 1 }`, 5, `expected a property name`},
		{`{ $.a = "é" && é }`, 16, `expected a selector`},
		// Regular expressions.
		{`%%`, 1, `empty regular expression`},
		{`%abc`, 1, `unterminated regular expression`},
		{`%a|%`, 4, `empty alternative`},
		{`%|a%`, 2, `empty alternative`},
		{`%a(b)%`, 3, `parentheses are not supported`},
		{`%*a%`, 2, `'*' must follow a character`},
		{`%a**%`, 4, `a quantifier cannot follow another quantifier`},
		{`%^*%`, 2, `'^' cannot be repeated`},
		{`%a{2,1}%`, 3, `minimum above its maximum`},
		{`%a{}%`, 3, `at least one count`},
		{`%a{1001}%`, 7, `larger than 1000`},
		{`%a{1 ,2}%`, 5, `expected a repetition of the form`},
		{"%" + strings.Repeat(".{1000}", 11) + "%", 72, `regular expression is too large`},
		{`%a}%`, 3, `unmatched '}'`},
		{`%[]%`, 3, `empty character class`},
		{`%[a%`, 2, `unterminated character class`},
		{`%[z-a]%`, 3, `invalid range z-a`},
		{`%\q%`, 2, `unsupported escape \q`},
		{`%\x4%`, 2, `\x must be followed by two hexadecimal digits`},
		{`%\x80%`, 2, `not an ASCII character`},
		{`%a\%`, 3, `lone \`},
		{`%é%`, 2, `multi-byte characters are not supported`},
		{`%a!%`, 3, `"!" is not supported in a CloudWatch Logs regular expression (use \x21 to match it)`},
		// Unstructured terms.
		{`ERROR:`, 1, `a term containing ":" must be enclosed in double quotes`},
		{`ERROR -`, 8, `expected a term after '-'`},
		{`"abc`, 1, `unterminated quoted string`},
		{`"a"b`, 4, `expected a space between terms`},
		{`a.b`, 1, `a term containing "." must be enclosed in double quotes`},
		// Space-delimited.
		{`[a`, 3, `expected "," or "]", found end of pattern`},
		{`[a b]`, 4, `expected "=", "!=", "<", ">", "<=" or ">=" after field a, found "b"`},
		{`[a = ]`, 6, `expected a value after a =, found "]"`},
		{`[a = 1 && b = 2, c]`, 11, `all conditions in one field must name that field: expected "a", found "b"`},
		{`[a, b] x`, 8, `unexpected "x" after the closing ]`},
		{`[a > x]`, 6, `expected a number after a >`},
		{`[a = x"y]`, 7, `"\"" in a value must be enclosed in double quotes`},
		{`[a, @]`, 5, `expected a field name, "..." or ","`},
		{`[(a = 1]`, 8, `to close the "(" at position 2`},
		// Length and encoding.
		{strings.Repeat("a", MaxLength+1), MaxLength + 1, `at most 1024`},
		{"ab\xffc", 3, `not valid UTF-8`},
	}
	for _, c := range cases {
		_, err := Parse(c.pattern)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want a *SyntaxError", c.pattern, err)
			continue
		}
		if se.Pos != c.pos || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("Parse(%q) error = %q, want position %d and a message containing %q", c.pattern, se.Error(), c.pos, c.msg)
		}
		if want := fmt.Sprintf("position %d: %s", se.Pos, se.Msg); se.Error() != want {
			t.Errorf("Error() = %q, want %q", se.Error(), want)
		}
	}
}

func TestValidEdgeCases(t *testing.T) {
	for _, p := range []string{
		strings.Repeat("a", MaxLength),
		`{$.eventName=CreateTrail}`,
		`{ $.a-b_c.d = "x" }`,
		`{ $.a["quoted"] = 1 }`,
		`{ $.a[0][1].b = -1.5e+3 }`,
		`{ ((($.a = 1))) }`,
		`[...]`,
		`[a, , b]`,
		`[..., a, ..., b, ...]`,
		`[a = "x y" || (a = 1 && a != 2), b]`,
		"\t{ $.a = 1 }\n",
		`%^\[a-z\]$%`,
		`%[a\]b]%`,
		`%a{2}b{2,}c{,3}%`,
		`-ERROR ?WARN`,
	} {
		if _, err := Parse(p); err != nil {
			t.Errorf("Parse(%q): %v", p, err)
		}
	}
}

func TestMatchSemantics(t *testing.T) {
	runMatchCases(t, []matchCase{
		// Interior stars are literal; leading and trailing ones are wildcards.
		{`{ $.a = "Ev*ent" }`, `{"a":"Event"}`, false},
		{`{ $.a = "Ev*ent" }`, `{"a":"Ev*ent"}`, true},
		{`{ $.a = "*Event" }`, `{"a":"PutEvent"}`, true},
		{`{ $.a = "Event*" }`, `{"a":"EventName"}`, true},
		{`{ $.a = "*ven*" }`, `{"a":"Event"}`, true},
		// Numbers: numeric equality and text equality.
		{`{ $.a = 1 }`, `{"a":1.0}`, true},
		{`{ $.a = 1 }`, `{"a":"1"}`, true},
		{`{ $.a = "1" }`, `{"a":1}`, true},
		{`{ $.a > 1 }`, `{"a":"2"}`, true},
		{`{ $.a > 1 }`, `{"a":"two"}`, false},
		{`{ $.a = true }`, `{"a":true}`, true},
		// Null, objects and missing values fail every comparison.
		{`{ $.a != "x" }`, `{"a":null}`, false},
		{`{ $.a != "x" }`, `{"a":{"b":1}}`, false},
		{`{ $.a != "x" }`, `{}`, false},
		{`{ $.a = "*" }`, `{"a":null}`, false},
		// Wildcards select any member or element.
		{`{ $.* = 2 }`, `{"a":1,"b":2}`, true},
		{`{ $.*.c = 2 }`, `{"a":{"c":1},"b":{"c":2}}`, true},
		{`{ $.a[*] != 1 }`, `{"a":[1,1]}`, false},
		{`{ $.a[*] NOT EXISTS }`, `{"a":[]}`, true},
		{`{ $.a[*] IS NULL }`, `{"a":[1,null]}`, true},
		// JSON patterns need a JSON object event.
		{`{ $.a NOT EXISTS }`, `not json`, false},
		{`{ $.a NOT EXISTS }`, `[1,2]`, false},
		{`{ $.a NOT EXISTS }`, `{"b":1} trailing`, false},
		{`{ $.a NOT EXISTS }`, ` {"b":1} `, true},
		// Terms are case-sensitive substrings.
		{`error`, `ERROR`, false},
		{`-ERROR ?WARN`, `WARN`, true},
		{`-ERROR ?WARN`, `nothing`, true},
		// Space-delimited fields.
		{`[a, b = 200, c]`, `x 200.0 y`, true},
		{`[a, b, c]`, `x  "q r"  [s t]`, true},
		{`[a, b = "q r", c = "s t"]`, `x "q r" [s t]`, true},
		{`[a, b]`, `only`, false},
		{`[a, b = "2 3"]`, `1 2 3`, true},
		{`[..., b = 3]`, `1 2 3`, true},
		{`[..., b = 2]`, `1 2 3`, false},
		{`[a = 1, ..., b = 3, ...]`, `1 2 3 4`, true},
		{`[...]`, ``, true},
		{`[a]`, ``, false},
	})
}

func TestStringAndMultiPattern(t *testing.T) {
	const src = " { $.a = 1 } "
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.String() != src {
		t.Errorf("String() = %q, want %q", p.String(), src)
	}
	e := ParseEvent([]byte(`{"a":1,"b":"x"}`))
	for i := 0; i < 3; i++ {
		if !p.MatchEvent(e) {
			t.Fatal("cached event stopped matching")
		}
	}
	q, _ := Parse(`[x]`)
	if !q.MatchEvent(e) {
		t.Error("the same event should also match a space-delimited pattern")
	}
}

func TestRegexesCountsRegularExpressions(t *testing.T) {
	for pattern, want := range map[string]int{
		`{ $.eventName = "ConsoleLogin" }`: 0,
		`{ $.eventTime = %T0[0-7]% }`:      1,
		`{ $.a = %x% || $.b = %y% }`:       2,
		`ERROR`:                            0,
	} {
		p, err := Parse(pattern)
		if err != nil {
			t.Fatalf("%s: %v", pattern, err)
		}
		if got := p.Regexes(); got != want {
			t.Errorf("Regexes(%s) = %d, want %d", pattern, got, want)
		}
	}
}
