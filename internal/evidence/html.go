package evidence

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
	"time"
)

// RenderHTML renders the binder as one self-contained page: inline style, no script, no external
// asset, so it opens offline and prints as it shows.
func RenderHTML(b *Binder) ([]byte, error) {
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, pageData(b)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type htmlSection struct {
	ID, Title string
	Controls  []Control
}

type htmlPage struct {
	*Binder
	Sections            []htmlSection
	Pass, Fail, Skipped int
	Verdict             string
	InventoryTagKeys    []string
}

func pageData(b *Binder) htmlPage {
	p := htmlPage{Binder: b, Verdict: "PASS"}
	for _, id := range SectionOrder {
		s := htmlSection{ID: id, Title: SectionTitles[id]}
		for _, c := range b.Controls {
			if c.Section == id {
				s.Controls = append(s.Controls, c)
			}
		}
		p.Sections = append(p.Sections, s)
	}
	for _, c := range b.Controls {
		switch c.Status {
		case StatusPass:
			p.Pass++
		case StatusFail:
			p.Fail++
		default:
			p.Skipped++
		}
	}
	if p.Fail > 0 {
		p.Verdict = "FAIL"
	}
	keys := map[string]bool{}
	for _, it := range b.Inventory.Items {
		for k := range it.Tags {
			keys[k] = true
		}
	}
	for k := range keys {
		p.InventoryTagKeys = append(p.InventoryTagKeys, k)
	}
	sort.Strings(p.InventoryTagKeys)
	return p
}

var pageTemplate = template.Must(template.New("binder").Funcs(template.FuncMap{
	"join": func(s []string) string { return strings.Join(s, ", ") },
	"ts":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
	"tagsText": func(tags map[string]string) string {
		keys := make([]string, 0, len(tags))
		for k := range tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+"="+tags[k])
		}
		return strings.Join(parts, ", ")
	},
}).Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>SOC 2 logging evidence: account {{.AccountID}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#1b1f23;line-height:1.4}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1em;width:100%}
th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f6f8fa}
.pass{color:#116329}.fail{color:#a40e26}.skipped{color:#6e7781}
.badge{font-weight:bold;text-transform:uppercase}
.control{border:1px solid #d0d7de;border-left:6px solid #6e7781;padding:.5em 1em;margin:1em 0;page-break-inside:avoid}
.control-pass{border-left-color:#2da44e}.control-fail{border-left-color:#cf222e}
.control h3{margin:.2em 0;color:#1b1f23}
pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:.8em;white-space:pre-wrap;word-break:break-all}
.meta{color:#57606a;font-size:.9em}code{font-size:.9em}
</style>
</head>
<body>
<h1>SOC 2 logging evidence</h1>
<p class="meta">Account <code>{{.AccountID}}</code> ({{.Partition}}), read as <code>{{.CallerARN}}</code>, home region {{.HomeRegion}}, regions {{join .Regions}}.<br>
Generated {{ts .GeneratedAt}} by {{.Generator}}. Schema {{.Schema}}.<br>
Binder digest (SHA-256): <code id="binder-digest">{{.Digest}}</code></p>

<section id="summary">
<h2>Summary</h2>
<p id="verdict" class="badge {{if eq .Verdict "PASS"}}pass{{else}}fail{{end}}">{{.Verdict}}: {{.Pass}} passed, {{.Fail}} failed, {{.Skipped}} skipped</p>
<table>
<tr><th>SOC 2 criterion</th><th>Passed</th><th>Failed</th><th>Skipped</th></tr>
{{range .Summary}}<tr class="criterion" data-criterion="{{.Criterion}}"><td>{{.Criterion}}</td><td>{{.Pass}}</td><td{{if .Fail}} class="fail"{{end}}>{{.Fail}}</td><td>{{.Skipped}}</td></tr>
{{end}}</table>
<table>
<tr><th>Control</th><th>Verdict</th><th>Reason</th></tr>
{{range .Controls}}<tr><td><a href="#control-{{.ID}}">{{.ID}}</a></td><td class="badge {{.Status}}">{{.Status}}</td><td>{{.Reason}}</td></tr>
{{end}}</table>
</section>

{{range .Sections}}<section id="section-{{.ID}}">
<h2>{{.Title}}</h2>
{{range .Controls}}<div class="control control-{{.Status}}" id="control-{{.ID}}">
<h3>{{.Title}} <span class="badge {{.Status}}">{{.Status}}</span></h3>
<p><strong>{{.ID}}</strong>: {{.Reason}}</p>
<p class="meta">Resource <code>{{.Resource}}</code> in {{.Region}}, read {{ts .ReadAt}}.
SOC 2 {{join .SOC2}}{{if .CIS}}; CIS AWS Foundations {{join .CIS}}{{end}}{{if .SecurityHub}}; Security Hub {{join .SecurityHub}}{{end}}.<br>
SHA-256 <code>{{.Digest}}</code></p>
{{if .Settings}}<table><tr><th>Setting</th><th>Value read from AWS</th></tr>
{{range .Settings}}<tr><td>{{.Name}}</td><td>{{.Value}}</td></tr>
{{end}}</table>{{end}}
{{if .Policy}}<pre class="policy">{{.Policy}}</pre>{{end}}
</div>
{{end}}</section>
{{end}}
<section id="change-log">
<h2>Change log of the logging controls</h2>
<p class="meta">{{ts .ChangeLog.Since}} to {{ts .ChangeLog.Until}} ({{.Days}} days). Source: {{.ChangeLog.Source}}. SHA-256 <code>{{.ChangeLog.Digest}}</code></p>
{{if .ChangeLog.Events}}<table>
<tr><th>When</th><th>What</th><th>Target</th><th>Who</th><th>From</th><th>Region</th></tr>
{{range .ChangeLog.Events}}<tr class="change-event"><td>{{ts .Time}}</td><td>{{.EventName}} ({{.EventSource}})</td><td>{{.Target}}</td><td>{{.Who}}</td><td>{{.SourceIP}}<br><span class="meta">{{.UserAgent}}</span></td><td>{{.Region}}</td></tr>
{{end}}</table>{{else}}<p>No change to a logging control in the window.</p>{{end}}
</section>

<section id="inventory">
<h2>Inventory of log-producing resources</h2>
<p class="meta">Source: {{.Inventory.Source}}. SHA-256 <code>{{.Inventory.Digest}}</code></p>
<table><tr><th>Resource</th><th>Type</th><th>Region</th><th>Tags</th></tr>
{{range .Inventory.Items}}<tr><td><code>{{.ARN}}</code></td><td>{{.Type}}</td><td>{{.Region}}</td><td>{{tagsText .Tags}}</td></tr>
{{end}}</table>
<h3>Baseline objects without tags</h3>
{{if .Inventory.Untagged}}<ul id="untagged">{{range .Inventory.Untagged}}<li><code>{{.}}</code></li>{{end}}</ul>{{else}}<p id="untagged">None: every baseline object carries tags.</p>{{end}}
{{range .Inventory.Notes}}<p class="meta">{{.}}</p>{{end}}
</section>
</body>
</html>
`
