// Package filterpattern parses and evaluates CloudWatch Logs filter patterns,
// the language of metric filters, subscription filters, FilterLogEvents and
// Live Tail. The provider validates every pattern with it at plan time, so a
// pattern this package accepts should be one AWS accepts, and it should match
// the events AWS would count.
//
// The grammar follows the CloudWatch Logs User Guide page "Filter pattern
// syntax for metric filters, subscription filters, filter log events, and Live
// Tail" (FilterAndPatternSyntax.html) and its sections on regex, unstructured,
// JSON and space-delimited events. Where the page is silent this package picks
// the stricter reading, so that plan succeeds only for patterns that AWS will
// also take:
//
//   - Positions in a SyntaxError are 1-based and count characters (runes),
//     not bytes, so they line up with what an editor shows.
//   - The length limit (MaxLength, from the PutMetricFilter API reference)
//     counts characters.
//   - Keywords (IS, NULL, TRUE, FALSE, NOT, EXISTS) are upper case, as in
//     every documented example. "IS NOT" and a bare "EXISTS" are rejected, as
//     the guide says they are unsupported.
//   - A comparison on a JSON selector that selects nothing, null, an array or
//     an object is false, including "!=": the guide says such a filter "won't
//     match". Only IS NULL, NOT EXISTS and IS TRUE/FALSE look at those.
//   - A "*" in a string value is a wildcard at the start or the end of the
//     value; inside it is a literal star (the guide: "Ev*ent will only match
//     the actual string Ev*ent").
//   - "=" with a numeric literal matches a value that is numerically equal
//     (a JSON number or a string holding a number) or whose text equals the
//     literal; <, >, <= and >= need a number on both sides.
//   - Regular expressions are the documented subset only: alphanumerics, the
//     symbols : _ # = @ / ; , - and space, the operators ^ $ ? [ ] { } | \ * + .,
//     the escapes \d \D \s \S \w \W \xhh; no parentheses and no multi-byte
//     characters; at most two regular expressions per pattern, each
//     expanding to at most 10000 atoms (our bound on matching time). A regex
//     matches anywhere in the value (the guide's %Trail% matches
//     "UpdateTrail"); ^ and $ anchor to the start and end of the value.
//     Two characters are taken although the guide is inconsistent about
//     them: ":" is in some versions of its symbol list and not others, and
//     space is in none but appears in its example %^shutting down%. Patterns
//     this project generates use neither.
//   - JSON selectors: $.name, $.a.b, $.a[0], $.['key.with.dots'], and the
//     wildcards $.* (any member) and [*] (any element), at most one per
//     selector and three per pattern. A selector with a wildcard holds when
//     any selected value satisfies the comparison.
//   - Unstructured terms without quotes may only hold letters, digits and
//     underscores. When "?term" is combined with plain or "-" terms, the
//     "?" terms are ignored, as the guide describes.
//   - Space-delimited patterns: without an ellipsis the last field takes the
//     rest of the line, which is why the guide insists on the trailing w2 in
//     [w1=ERROR, w2]. All conditions in one field must name that field.
package filterpattern
