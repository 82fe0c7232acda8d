package logbucket_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Combinations AWS rejects or that silently fail are refused at plan time, naming the attribute,
// the value, the AWS rule and the fix, before any bucket exists.
func TestAccLogBucket_planTimeRefusals(t *testing.T) {
	name := acctest.RandomName("lbv")
	for _, tc := range []struct {
		name, lines, want string
	}{
		{"object lock on an access log target", `writers = ["s3_access_logs"]
  object_lock = { mode = "GOVERNANCE", days = 30 }`,
			`object_lock = .*"s3_access_logs".*no Object Lock default retention.*Remove object_lock`},
		{"kms alias arn", `kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/soc2-logs"`,
			`kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/soc2-logs".*an alias.*full key ARN.*Set kms_key_arn to the key ARN`},
		{"kms alias name", `kms_key_arn = "alias/soc2-logs"`,
			`kms_key_arn = "alias/soc2-logs".*an alias.*Set kms_key_arn to the key ARN`},
		{"organization id", `organization_id = "123456789012"`,
			`organization_id = "123456789012".*not an AWS Organizations id.*o- followed by`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, acctest.Case(t, func(*terraform.State) error { return bucketAbsent(t, name) }, []resource.TestStep{{
				Config:      providerWithDefaultTags() + hcl("logs", fmt.Sprintf("bucket = %q", name), tc.lines),
				PlanOnly:    true,
				ExpectError: acctest.ErrorRegexp(tc.want),
			}}))
		})
	}
	if err := bucketAbsent(t, name); err != nil {
		t.Fatal(err)
	}
}
