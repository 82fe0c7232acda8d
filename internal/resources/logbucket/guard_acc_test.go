package logbucket_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// The account guard refuses before any call that changes something: no bucket appears.
func TestAccLogBucket_accountGuard(t *testing.T) {
	account := acctest.Client(t).AccountID
	other := "111111111111"
	if account == other {
		other = "222222222222"
	}
	name := acctest.RandomName("lbg")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return bucketAbsent(t, name) },
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fmt.Sprintf("allowed_account_ids = [%q]", other)) +
				hcl("logs", fmt.Sprintf("bucket = %q", name)),
			ExpectError: acctest.ErrorRegexp(fmt.Sprintf(`account %s .*not in allowed_account_ids`, account)),
			Check:       func(*terraform.State) error { return bucketAbsent(t, name) },
		}},
	})
	if err := bucketAbsent(t, name); err != nil {
		t.Fatal(err)
	}
}

// A create that fails after CreateBucket (here PutBucketLogging towards a bucket that does not
// exist) deletes the bucket again: nothing is orphaned.
func TestAccLogBucket_createRollsBack(t *testing.T) {
	name, missing := acctest.RandomName("lbr"), acctest.RandomName("lbm")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return bucketAbsent(t, name) },
		Steps: []resource.TestStep{{
			Config:      providerWithDefaultTags() + hcl("logs", fmt.Sprintf("bucket = %q", name), fmt.Sprintf("access_log_bucket = %q", missing)),
			ExpectError: acctest.ErrorRegexp(`Cannot harden the new log bucket.*PutBucketLogging`),
		}},
	})
	if err := bucketAbsent(t, name); err != nil {
		t.Fatalf("the failed create left its bucket behind: %v", err)
	}
}
