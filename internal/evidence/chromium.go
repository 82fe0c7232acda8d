package evidence

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ChromiumTimeout bounds one headless Chromium run; printing a binder takes a second or two.
const ChromiumTimeout = 90 * time.Second

// FindChromium returns the Chromium (or Chrome) to print with: $CHROMIUM, /usr/bin/chromium, or
// the first of the usual names on PATH; "" when there is none.
func FindChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Headless runs Chromium headless on a local file with the given extra arguments and returns its
// standard output. Every run gets a fresh profile directory, and nothing that reaches the network
// (updates, sync, background fetches) runs, so the page is rendered from the file alone.
func Headless(ctx context.Context, chromium, page string, extra ...string) ([]byte, error) {
	profile, err := os.MkdirTemp("", "soc2-evidence-chromium-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(profile) }()
	abs, err := filepath.Abs(page)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, ChromiumTimeout)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
		"--user-data-dir=" + profile,
	}, extra...)
	args = append(args, "file://"+abs)
	cmd := exec.CommandContext(ctx, chromium, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w; stderr: %s", chromium, strings.Join(extra, " "), err, lastLines(stderr.String(), 5))
	}
	return out, nil
}

// PrintPDF prints the page to pdf with Chromium.
func PrintPDF(ctx context.Context, chromium, page, pdf string) error {
	abs, err := filepath.Abs(pdf)
	if err != nil {
		return err
	}
	if _, err := Headless(ctx, chromium, page, "--no-pdf-header-footer", "--print-to-pdf="+abs); err != nil {
		return err
	}
	if st, err := os.Stat(abs); err != nil || st.Size() == 0 {
		return fmt.Errorf("%s printed no PDF to %s", chromium, abs)
	}
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
