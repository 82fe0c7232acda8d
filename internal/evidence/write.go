package evidence

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Binder files.
const (
	FileHTML = "index.html"
	FileJSON = "evidence.json"
	FilePDF  = "binder.pdf"
)

// CheckOut refuses an output folder that exists and is not empty, before anything is read: the
// binder never mixes with, or replaces, an earlier one.
func CheckOut(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("--out %s already holds files: a binder is written to a new (or empty) folder; choose another --out", dir)
	}
	return nil
}

// Write renders the binder into a temporary folder beside dir and renames it to dir only when
// every file is written, so a failure leaves no partial binder. chromium "" skips the PDF.
func Write(ctx context.Context, b *Binder, dir, chromium string, progress io.Writer) error {
	if progress == nil {
		progress = io.Discard
	}
	if err := CheckOut(dir); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, ".soc2-evidence-partial-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder in %s: %w", parent, err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := writeFiles(ctx, b, tmp, chromium, progress); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// An empty folder at dir (CheckOut allows it) is replaced; rename refuses a non-empty one.
	_ = os.Remove(dir)
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("moving the binder into %s: %w", dir, err)
	}
	done = true
	return nil
}

func writeFiles(ctx context.Context, b *Binder, tmp, chromium string, progress io.Writer) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding evidence.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, FileJSON), append(data, '\n'), 0o644); err != nil {
		return err
	}
	page, err := RenderHTML(b)
	if err != nil {
		return fmt.Errorf("rendering index.html: %w", err)
	}
	htmlPath := filepath.Join(tmp, FileHTML)
	if err := os.WriteFile(htmlPath, page, 0o644); err != nil {
		return err
	}
	if chromium == "" {
		fmt.Fprintln(progress, "soc2-evidence: no Chromium found (install the chromium package or set CHROMIUM): binder.pdf not printed")
		return nil
	}
	fmt.Fprintf(progress, "soc2-evidence: printing binder.pdf with %s\n", chromium)
	if err := PrintPDF(ctx, chromium, htmlPath, filepath.Join(tmp, FilePDF)); err != nil {
		return fmt.Errorf("printing binder.pdf: %w", err)
	}
	return nil
}
