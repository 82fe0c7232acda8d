package kmskey_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccKMSKey_badInput: each bad value is refused at plan time, before any AWS call, with an
// error naming the attribute, the value and the fix.
func TestAccKMSKey_badInput(t *testing.T) {
	acctest.PreCheck(t)
	ok := keyConfig{Alias: "alias/soc2-baseline", Services: []string{"cloudtrail"}}
	with := func(f func(c *keyConfig)) string {
		c := ok
		f(&c)
		return testAccKMSKeyConfig_basic(c)
	}
	cases := []struct {
		name, config, want string
	}{
		{"unknown service", with(func(c *keyConfig) { c.Services = []string{"cloudtrail", "dynamodb"} }),
			`services.* = "dynamodb": unknown service; use one of "cloudtrail", "config", "logs", "s3", "sns"`},
		{"no service", with(func(c *keyConfig) { c.Services = []string{} }),
			`services = \[\]: the key would serve none of the baseline's evidence; list at least one of`},
		{"rotation too short", with(func(c *keyConfig) { c.Rotation = 89 }),
			`rotation_period_days = 89: the rotation period must be between 90 and 2560 days`},
		{"rotation too long", with(func(c *keyConfig) { c.Rotation = 2561 }),
			`rotation_period_days = 2561: the rotation period must be between 90 and 2560 days`},
		{"alias without prefix", with(func(c *keyConfig) { c.Alias = "soc2-baseline" }),
			`alias = "soc2-baseline": an alias name must start with "alias/"; use "alias/" followed by`},
		{"reserved alias", with(func(c *keyConfig) { c.Alias = "alias/aws/soc2" }),
			`alias = "alias/aws/soc2": the prefix "alias/aws/" is reserved for AWS managed keys`},
		{"alias characters", with(func(c *keyConfig) { c.Alias = "alias/soc2 baseline" }),
			`alias = "alias/soc2 baseline": an alias name may hold only letters, digits, slashes, underscores and dashes`},
		{"admin not IAM", with(func(c *keyConfig) { c.Admins = []string{"arn:aws:s3:::soc2-logs"} }),
			`admin_arns.* = "arn:aws:s3:::soc2-logs": an ARN of service "s3", not an IAM principal; use an IAM role, user or account root ARN`},
		{"admin session", with(func(c *keyConfig) { c.Admins = []string{"arn:aws:sts::123456789012:assumed-role/admin/me"} }),
			`an ARN of service "sts", not an IAM principal`},
		{"admin group", with(func(c *keyConfig) { c.Admins = []string{"arn:aws:iam::123456789012:group/admins"} }),
			`resource "group/admins" is not a role, user or root`},
		{"deletion window too short", with(func(c *keyConfig) { c.Window = 6 }),
			`deletion_window_days = 6: the deletion window must be between 7 and 30 days`},
		{"deletion window too long", with(func(c *keyConfig) { c.Window = 31 }),
			`deletion_window_days = 31: the deletion window must be between 7 and 30 days`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, acctest.Case(t, nil, []resource.TestStep{{Config: c.config, PlanOnly: true, ExpectError: acctest.ErrorRegexp(c.want)}}))
		})
	}
}
