// Package resources holds one package per composite resource; this test keeps them to the one
// layout docs/ARCHITECTURE.md describes.
package resources

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// layoutFiles are the files every resource package has, each for the same concern.
var layoutFiles = []string{
	"resource.go", "schema.go", "model.go", "desired.go", "find.go", "read.go",
	"plan.go", "steps.go", "delete.go", "import.go", "validators.go",
}

const maxFunctionLines = 80

func TestEveryResourcePackageHasTheLayout(t *testing.T) {
	for _, dir := range resourcePackages(t) {
		for _, f := range layoutFiles {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("%s has no %s (docs/ARCHITECTURE.md, \"The layout of a resource package\")", dir, f)
			}
		}
	}
}

func TestNoResourceFunctionOver80Lines(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range resourcePackages(t) {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; n > maxFunctionLines {
					t.Errorf("%s: %s is %d lines; split it (at most %d)", name, fn.Name.Name, n, maxFunctionLines)
				}
			}
		}
	}
}

func resourcePackages(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) < 5 {
		t.Fatalf("found %d resource packages, want at least 5: the test is not looking where it should", len(dirs))
	}
	return dirs
}
