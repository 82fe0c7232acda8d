package kmskey

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// policyName is the only key policy name KMS has.
const policyName = "default"

func isKeyGone(err error) bool { return framework.IsA[*kmstypes.NotFoundException](err) }

// findKey reads everything the resource enforces on the key. A key that does not exist (or
// whose deletion completed) is a framework.NotFoundError; a key pending deletion is found,
// and its state shows the drift.
func findKey(ctx context.Context, client *conns.AWSClient, keyID string) (*keyFound, error) {
	conn := client.KMS(client.HomeRegion)
	out, err := conn.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyID)})
	if err != nil {
		return nil, framework.AsNotFound(fmt.Errorf("(KMS DescribeKey) key %s: %w", keyID, err), "KMS key "+keyID, isKeyGone)
	}
	md := out.KeyMetadata
	found := &keyFound{
		KeyID: aws.ToString(md.KeyId), ARN: aws.ToString(md.Arn), Description: aws.ToString(md.Description),
		State: string(md.KeyState), Enabled: md.Enabled,
	}
	policy, err := conn.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: md.KeyId, PolicyName: aws.String(policyName)})
	if err != nil {
		return nil, fmt.Errorf("(KMS GetKeyPolicy) key %s: %w", keyID, err)
	}
	found.Policy = aws.ToString(policy.Policy)
	if err := findRotation(ctx, conn, found); err != nil {
		return nil, err
	}
	if found.Aliases, err = findAliases(ctx, conn, found.KeyID); err != nil {
		return nil, err
	}
	if found.Tags, err = findTags(ctx, conn, found.KeyID); err != nil {
		return nil, err
	}
	return found, nil
}

// findRotation reads the rotation status. KMS refuses it for a key pending deletion
// (KMSInvalidStateException); the rotation then stays unknown and the pending deletion is the
// drift the plan shows.
func findRotation(ctx context.Context, conn *kms.Client, found *keyFound) error {
	out, err := conn.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(found.KeyID)})
	if framework.IsA[*kmstypes.KMSInvalidStateException](err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("(KMS GetKeyRotationStatus) key %s: %w", found.KeyID, err)
	}
	found.RotationKnown = true
	found.RotationEnabled = out.KeyRotationEnabled
	found.RotationPeriod = int64(aws.ToInt32(out.RotationPeriodInDays))
	return nil
}

// findAliases lists the alias names that point at the key, sorted.
func findAliases(ctx context.Context, conn *kms.Client, keyID string) ([]string, error) {
	var names []string
	pages := kms.NewListAliasesPaginator(conn, &kms.ListAliasesInput{KeyId: aws.String(keyID)})
	err := framework.EachPage(ctx, pages.HasMorePages, pages.NextPage, func(page *kms.ListAliasesOutput) bool {
		for _, a := range page.Aliases {
			// The key filter is applied by AWS; checked again for emulators that ignore it.
			if aws.ToString(a.TargetKeyId) == keyID {
				names = append(names, aws.ToString(a.AliasName))
			}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("(KMS ListAliases) key %s: %w", keyID, err)
	}
	slices.Sort(names)
	return names, nil
}

// findAlias reports the key an alias name points at; a framework.NotFoundError when no alias
// has that name.
func findAlias(ctx context.Context, conn *kms.Client, name string) (string, error) {
	pages := kms.NewListAliasesPaginator(conn, &kms.ListAliasesInput{})
	var target *string
	err := framework.EachPage(ctx, pages.HasMorePages, pages.NextPage, func(page *kms.ListAliasesOutput) bool {
		if i := slices.IndexFunc(page.Aliases, func(a kmstypes.AliasListEntry) bool { return aws.ToString(a.AliasName) == name }); i >= 0 {
			target = aws.String(aws.ToString(page.Aliases[i].TargetKeyId))
		}
		return target == nil
	})
	switch {
	case err != nil:
		return "", fmt.Errorf("(KMS ListAliases): %w", err)
	case target == nil:
		return "", framework.NewNotFound("KMS alias "+name, nil)
	}
	return *target, nil
}

func findTags(ctx context.Context, conn *kms.Client, keyID string) (map[string]string, error) {
	tags := map[string]string{}
	pages := kms.NewListResourceTagsPaginator(conn, &kms.ListResourceTagsInput{KeyId: aws.String(keyID)})
	err := framework.EachPage(ctx, pages.HasMorePages, pages.NextPage, func(page *kms.ListResourceTagsOutput) bool {
		for _, t := range page.Tags {
			tags[aws.ToString(t.TagKey)] = aws.ToString(t.TagValue)
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("(KMS ListResourceTags) key %s: %w", keyID, err)
	}
	return tags, nil
}
