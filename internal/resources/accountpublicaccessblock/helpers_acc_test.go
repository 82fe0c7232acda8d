package accountpublicaccessblock_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

const address = "soc2_account_public_access_block.test"

// flags are the four enforced attributes, in the order of flagSettings.
var flags = []string{"block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"}

// testAccAccountPublicAccessBlockConfig_basic renders the resource with the given argument lines.
func testAccAccountPublicAccessBlockConfig_basic(lines string) string {
	return acctest.ProviderConfig() + fmt.Sprintf("resource \"soc2_account_public_access_block\" \"test\" {\n%s}\n", lines)
}

func s3controlClient(t *testing.T) *s3control.Client {
	t.Helper()
	return acctest.Client(t).S3Control(acctest.Region)
}

// resetAccountBlock runs the precheck and deletes the account's block now and when the test ends:
// the block is one per account, so every test starts from an account without one and leaves it
// so. It returns the account's id.
func resetAccountBlock(t *testing.T) (account string) {
	t.Helper()
	acctest.PreCheck(t)
	deleteBlock(t)
	t.Cleanup(func() { deleteBlock(t) })
	return acctest.Client(t).AccountID
}

func deleteBlock(t *testing.T) {
	t.Helper()
	_, err := s3controlClient(t).DeletePublicAccessBlock(context.Background(), &s3control.DeletePublicAccessBlockInput{AccountId: aws.String(acctest.Client(t).AccountID)})
	if err != nil && !framework.HasCode(err, "NoSuchPublicAccessBlockConfiguration") {
		t.Fatalf("deleting the account's public access block: %v", err)
	}
}

// putBlock sets the account's block out of band: on[i] is the setting of flags[i].
func putBlock(t *testing.T, on [4]bool) {
	t.Helper()
	_, err := s3controlClient(t).PutPublicAccessBlock(context.Background(), &s3control.PutPublicAccessBlockInput{
		AccountId: aws.String(acctest.Client(t).AccountID),
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(on[0]), IgnorePublicAcls: aws.Bool(on[1]),
			BlockPublicPolicy: aws.Bool(on[2]), RestrictPublicBuckets: aws.Bool(on[3]),
		},
	})
	if err != nil {
		t.Fatalf("putting the account's public access block: %v", err)
	}
}

// allBut is every setting on except flags[off].
func allBut(off int) [4]bool {
	on := [4]bool{true, true, true, true}
	on[off] = false
	return on
}

// checkBlockInAWS asserts what AWS holds: all four on, or (present false) no block at all.
func checkBlockInAWS(t *testing.T, present bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		out, err := s3controlClient(t).GetPublicAccessBlock(context.Background(), &s3control.GetPublicAccessBlockInput{AccountId: aws.String(acctest.Client(t).AccountID)})
		if !present {
			if framework.HasCode(err, "NoSuchPublicAccessBlockConfiguration") {
				return nil
			}
			return fmt.Errorf("want no public access block, got %v (err %w)", out, err)
		}
		if err != nil {
			return fmt.Errorf("reading the account's public access block: %w", err)
		}
		c := out.PublicAccessBlockConfiguration
		got := [4]bool{aws.ToBool(c.BlockPublicAcls), aws.ToBool(c.IgnorePublicAcls), aws.ToBool(c.BlockPublicPolicy), aws.ToBool(c.RestrictPublicBuckets)}
		if got != [4]bool{true, true, true, true} {
			return fmt.Errorf("account public access block = %v (%v), want all four true", got, flags)
		}
		return nil
	}
}
