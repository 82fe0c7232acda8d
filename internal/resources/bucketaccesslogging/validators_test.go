package bucketaccesslogging

import (
	"strings"
	"testing"
)

func TestPrefixTemplateProblem(t *testing.T) {
	for v, want := range map[string]string{
		"":                       "",
		"s3-access/{bucket}/":    "",
		"logs/":                  "",
		"logs/{name}/":           "only placeholder is {bucket}",
		"/logs/":                 "drop the leading '/'",
		strings.Repeat("a", 513): "keep it under 512",
	} {
		got := prefixTemplateProblem(v)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("prefixTemplateProblem(%.20q) = %q, want %q", v, got, want)
		}
	}
}
