package accessanalyzer_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccAccessAnalyzer_badInput: each bad value is refused at plan time, before any mutating
// call, naming the attribute, the value and the fix. These run on every emulator: they need
// only STS, EC2 DescribeRegions and Organizations DescribeOrganization.
func TestAccAccessAnalyzer_badInput(t *testing.T) {
	acctest.PreCheck(t)
	ok := analyzerConfig{Name: "soc2-access-analyzer", Topic: "arn:aws:sns:us-east-1:123456789012:alarms", Regions: []string{acctest.Region}}
	with := func(f func(c *analyzerConfig)) string {
		c := ok
		f(&c)
		return testAccAccessAnalyzerConfig_basic(c)
	}
	cases := []struct{ name, config, want string }{
		{"unknown region", with(func(c *analyzerConfig) { c.Regions = []string{"us-east-1", "xx-nowhere-9"} }),
			`"xx-nowhere-9"`},
		{"region not enabled", with(func(c *analyzerConfig) { c.Regions = []string{"us-east-1", "cn-north-1"} }),
			`regions contains "cn-north-1": not a region enabled for account`},
		{"archive key status", with(func(c *analyzerConfig) {
			c.Archive = `{ r = { filter = { status = { eq = ["ACTIVE"] } } } }`
		}), `archive_rules\["r"\].filter: "status" filters findings lists but Access Analyzer refuses it in archive rules`},
		{"archive key unknown", with(func(c *analyzerConfig) {
			c.Archive = `{ r = { filter = { ispublic = { eq = ["false"] } } } }`
		}), `archive_rules\["r"\].filter: "ispublic" is not an Access Analyzer archive-rule filter key; use one of`},
		{"age too short", with(func(c *analyzerConfig) { c.UnusedAge = -1 }), `outside the 1–365 Access Analyzer accepts`},
		{"age too long", with(func(c *analyzerConfig) { c.UnusedAge = 366 }), `366 days is outside the 1–365`},
		{"bad type", with(func(c *analyzerConfig) { c.Type = "ACCOUNT_UNUSED_ACCESS" }), `"ACCOUNT_UNUSED_ACCESS" is not an analyzer type; use "ACCOUNT" or "ORGANIZATION"`},
		{"organization without organization", with(func(c *analyzerConfig) { c.Type = "ORGANIZATION" }), orgRefusal()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{Config: c.config, PlanOnly: true, ExpectError: acctest.ErrorRegexp(c.want)}}))
		})
	}
}

// orgRefusal is the error an account outside any organization gets. LocalStack's free edition has
// no Organizations API (HTTP 501), so there the plan refuses ORGANIZATION because it cannot check
// the organization, which the same summary names; moto and AWS answer DescribeOrganization.
func orgRefusal() string {
	if acctest.EmulatorKind() == "localstack" {
		return `(?s)type = "ORGANIZATION" is not possible from this account.*could not check the organization`
	}
	return `is not in an AWS Organization; use type = "ACCOUNT", or create the organization first`
}
