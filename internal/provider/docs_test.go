package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestResourcePagesAdoptable checks the generated resource pages (docs/ is kept in step with the
// schemas by CI) for what a user adopting existing infrastructure needs: one import section
// with both the import block and the CLI command introduced once, the import hazards, the cost
// notes, the permissions guide, and the drift rule said once instead of per attribute.
func TestResourcePagesAdoptable(t *testing.T) {
	pages, err := filepath.Glob("../../docs/resources/*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no resource pages found (%v)", err)
	}
	enforced := regexp.MustCompile(`(?i)\benforced\b`)
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		doc, name := string(b), filepath.Base(page)
		for _, want := range []string{"\n## Import\n", "\nimport {\n", "terraform import soc2_", "\n## Cost\n",
			"\n## Permissions\n", "](../guides/iam-permissions.md)", "\n## Drift detection\n"} {
			if n := strings.Count(doc, want); n != 1 {
				t.Errorf("%s: %q appears %d times, want once", name, want, n)
			}
		}
		for _, doubled := range []string{"Import is supported using the following syntax", "can be used with the `id` attribute"} {
			if strings.Contains(doc, doubled) {
				t.Errorf("%s: the generator's doubled import lead-in %q is back", name, doubled)
			}
		}
		if n := len(enforced.FindAllString(doc, -1)); n > 1 {
			t.Errorf("%s: \"enforced\" appears %d times; say it once in Drift detection and give per-attribute Hardened values", name, n)
		}
	}
}

// TestImportHazardsDocumented pins the import hazards the code implies to the pages that must state them.
func TestImportHazardsDocumented(t *testing.T) {
	for page, want := range map[string][]string{
		"cloudtrail_baseline.md": {"destroy stops and deletes those recorders and their delivery channels", "destroy deletes that log group"},
		"log_bucket.md":          {"the single rule `soc2-retention`", "replaced by the generated one, with the deny statements"},
		"kms_key.md":             {"replaces the key policy with the generated one"},
	} {
		b, err := os.ReadFile(filepath.Join("../../docs/resources", page))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: missing import hazard %q", page, w)
			}
		}
	}
}
