package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
)

// chromiumOrSkip returns the Chromium to render with; without one the test skips, except under
// CI, where .ci/run installs the chromium package and its absence is a failure.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	chromium := evidence.FindChromium()
	if chromium == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium at /usr/bin/chromium (nor $CHROMIUM, nor on PATH) under CI: .ci/run installs the Debian package chromium")
		}
		t.Skip("no Chromium installed (apt-get install -y chromium): the rendered page is not checked")
	}
	return chromium
}

// checkDOM renders index.html in headless Chromium, checks the summary and every control's
// section are in the rendered DOM, and saves a screenshot whose path it prints.
func checkDOM(t *testing.T, dir string, b *evidence.Binder) {
	chromium := chromiumOrSkip(t)
	page := filepath.Join(dir, evidence.FileHTML)
	dom, err := evidence.Headless(context.Background(), chromium, page, "--dump-dom")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="summary"`, `id="verdict"`, `id="change-log"`, `id="inventory"`, `data-criterion="CC7.2"`} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the rendered page lacks %s", want)
		}
	}
	for _, s := range evidence.SectionOrder {
		if !bytes.Contains(dom, []byte(`id="section-`+s+`"`)) {
			t.Errorf("the rendered page lacks the %s section", s)
		}
	}
	for _, c := range b.Controls {
		if !bytes.Contains(dom, []byte(`id="control-`+c.ID+`"`)) {
			t.Errorf("the rendered page lacks control %s", c.ID)
		}
	}
	if bytes.Contains(dom, []byte("http://")) && regexp.MustCompile(`(src|href)="https?://`).Match(dom) {
		t.Error("the page loads an external asset; it must be self-contained")
	}
	shotDir := filepath.Join(os.TempDir(), "soc2-evidence-screenshots")
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(shotDir, "binder-"+b.AccountID+".png")
	if _, err := evidence.Headless(context.Background(), chromium, page, "--window-size=1280,2400", "--hide-scrollbars", "--screenshot="+shot); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot at %s: %v", shot, err)
	}
	t.Logf("screenshot: %s", shot)
	fmt.Println("soc2-evidence screenshot:", shot)
}

// checkPDF checks binder.pdf was printed and has pages.
func checkPDF(t *testing.T, dir string) {
	chromiumOrSkip(t)
	data, err := os.ReadFile(filepath.Join(dir, evidence.FilePDF))
	if err != nil {
		t.Fatalf("binder.pdf was not printed although Chromium is installed: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("binder.pdf does not start with %%PDF-: %q", data[:min(16, len(data))])
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if pages == 0 {
		if m := regexp.MustCompile(`/Count\s+(\d+)`).FindSubmatch(data); m != nil && string(m[1]) != "0" {
			pages = 1
		}
	}
	if pages == 0 {
		t.Fatalf("binder.pdf (%d bytes) has no page", len(data))
	}
	t.Logf("binder.pdf: %d bytes, %d page objects", len(data), pages)
}
