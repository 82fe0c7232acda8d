package evidence

import (
	"bytes"
	"encoding/json"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// indentJSON pretty-prints a JSON document; text that is not JSON is returned as it is.
func indentJSON(s string) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(s), "", "  "); err != nil {
		return s
	}
	return buf.String()
}

func hasAnyCode(err error, codes ...string) bool { return framework.HasCode(err, codes...) }
