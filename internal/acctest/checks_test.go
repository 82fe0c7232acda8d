package acctest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func stateWith(attrs map[string]string) *terraform.State {
	return &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{"soc2_x.this": {
			Type:    "soc2_x",
			Primary: &terraform.InstanceState{ID: "x", Attributes: attrs},
		}},
	}}}
}

func TestChecks(t *testing.T) {
	s := stateWith(map[string]string{
		"id": "x", "a": "true", "b": "true", "c": "false",
		"tags_all.%": "2", "tags_all.team": "audit", "tags_all.owner": "security",
		"rule.0.days": "365",
	})
	cases := []struct {
		name string
		err  error
		ok   bool
	}{
		{"equal", CheckAttrsEqual("soc2_x.this", "true", "a", "b")(s), true},
		{"equal, one differs", CheckAttrsEqual("soc2_x.this", "true", "a", "c")(s), false},
		{"map", CheckMap("soc2_x.this", "tags_all", map[string]string{"team": "audit", "owner": "security"})(s), true},
		{"map with fewer keys", CheckMap("soc2_x.this", "tags_all", map[string]string{"team": "audit"})(s), false},
		{"attrs", CheckAttrs("soc2_x.this", map[string]string{"id": "x", "tags_all.team": "audit"})(s), true},
		{"under", CheckAttrsUnder("soc2_x.this", "rule.0", map[string]string{"days": "365"})(s), true},
		{"under, wrong value", CheckAttrsUnder("soc2_x.this", "rule.0", map[string]string{"days": "30"})(s), false},
	}
	for _, c := range cases {
		if (c.err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok = %v", c.name, c.err, c.ok)
		}
	}
}

func TestHCL(t *testing.T) {
	if got := HCLList([]string{"a", "b"}); got != `["a", "b"]` {
		t.Errorf("HCLList = %s", got)
	}
	if got := HCLTags(map[string]string{"team": "x", "env": "y"}); got != "  tags = {\n    \"env\" = \"y\"\n    \"team\" = \"x\"\n  }\n" {
		t.Errorf("HCLTags = %q", got)
	}
	if got := HCLTags(nil); got != "" {
		t.Errorf("HCLTags(nil) = %q", got)
	}
}
