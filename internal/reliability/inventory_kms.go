package reliability

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// kmsInventory lists the customer-managed keys of a region that are not pending deletion, and
// the aliases that are not AWS's own. soc2_kms_key never deletes a key (it schedules deletion,
// as AWS requires), so a key pending deletion is what a complete destroy leaves, not an orphan.
func kmsInventory(ctx context.Context, client *conns.AWSClient, region string, add func(kind, region string, names ...string), fail func(string, error)) {
	keys := kms.NewListKeysPaginator(client.KMS(region), &kms.ListKeysInput{})
	if err := framework.EachPage(ctx, keys.HasMorePages, keys.NextPage, func(page *kms.ListKeysOutput) bool {
		for _, k := range page.Keys {
			out, err := client.KMS(region).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
			if err != nil {
				fail("kms DescribeKey "+region, err)
				continue
			}
			if md := out.KeyMetadata; md.KeyManager == kmstypes.KeyManagerTypeCustomer && md.KeyState != kmstypes.KeyStatePendingDeletion {
				add("kms-key", region, aws.ToString(k.KeyId))
			}
		}
		return true
	}); err != nil {
		fail("kms ListKeys "+region, err)
	}
	aliases := kms.NewListAliasesPaginator(client.KMS(region), &kms.ListAliasesInput{})
	if err := framework.EachPage(ctx, aliases.HasMorePages, aliases.NextPage, func(page *kms.ListAliasesOutput) bool {
		for _, a := range page.Aliases {
			if name := aws.ToString(a.AliasName); !strings.HasPrefix(name, "alias/aws/") {
				add("kms-alias", region, name)
			}
		}
		return true
	}); err != nil {
		fail("kms ListAliases "+region, err)
	}
}
