package kmskey

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// createKey makes the key with its policy, description and tags; converge does the rest.
func (r *kmsKey) createKey(ctx context.Context, want keyDesired) (string, error) {
	out, err := r.Client.KMS(r.Client.HomeRegion).CreateKey(ctx, &kms.CreateKeyInput{
		Description: aws.String(want.Description),
		Policy:      aws.String(want.Policy),
		KeySpec:     kmstypes.KeySpecSymmetricDefault,
		KeyUsage:    kmstypes.KeyUsageTypeEncryptDecrypt,
		Tags:        kmsTags(want.Tags),
	})
	if err != nil {
		if framework.IsA[*kmstypes.MalformedPolicyDocumentException](err) {
			return "", fmt.Errorf("(KMS CreateKey): %w; every ARN in admin_arns must name an existing IAM role, user or account", err)
		}
		return "", fmt.Errorf("(KMS CreateKey): %w", err)
	}
	return aws.ToString(out.KeyMetadata.KeyId), nil
}

// converge runs, against what AWS has, only the steps whose setting differs from want, in the
// order KMS requires: a key pending deletion is first cancelled (which leaves it Disabled), a
// disabled key enabled, and only then can its rotation change.
func (r *kmsKey) converge(ctx context.Context, keyID string, want keyDesired, prior priorState) error {
	conn := r.Client.KMS(r.Client.HomeRegion)
	found, err := findKey(ctx, r.Client, keyID)
	if err != nil {
		return err
	}
	id := aws.String(found.KeyID)
	if found.State == statePendingDeletion {
		if _, err := conn.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: id}); err != nil {
			return fmt.Errorf("(KMS CancelKeyDeletion) key %s: %w", keyID, err)
		}
		found.Enabled, found.RotationKnown = false, false
	}
	if !found.Enabled {
		if _, err := conn.EnableKey(ctx, &kms.EnableKeyInput{KeyId: id}); err != nil {
			return fmt.Errorf("(KMS EnableKey) key %s: %w", keyID, err)
		}
	}
	if !policydoc.Equivalent(found.Policy, want.Policy) {
		if _, err := conn.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: id, PolicyName: aws.String(policyName), Policy: aws.String(want.Policy)}); err != nil {
			return fmt.Errorf("(KMS PutKeyPolicy) key %s: %w", keyID, err)
		}
	}
	if found.Description != want.Description {
		if _, err := conn.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: id, Description: aws.String(want.Description)}); err != nil {
			return fmt.Errorf("(KMS UpdateKeyDescription) key %s: %w", keyID, err)
		}
	}
	if rotationDiffers(found, want.RotationPeriod, prior.RotationPeriod) {
		in := &kms.EnableKeyRotationInput{KeyId: id, RotationPeriodInDays: aws.Int32(int32(want.RotationPeriod))}
		if _, err := conn.EnableKeyRotation(ctx, in); err != nil {
			return fmt.Errorf("(KMS EnableKeyRotation) key %s, %d days: %w", keyID, want.RotationPeriod, err)
		}
	}
	if err := r.convergeAlias(ctx, found, want.Alias, prior); err != nil {
		return err
	}
	return r.convergeTags(ctx, found, want.Tags)
}

// rotationDiffers: rotation off, unknown, or on with another period. AWS always reports the
// period while rotation is on; where it reports none (moto), the period in state stands for it.
func rotationDiffers(found *keyFound, want, prior int64) bool {
	if !found.RotationKnown || !found.RotationEnabled {
		return true
	}
	if found.RotationPeriod > 0 {
		return found.RotationPeriod != want
	}
	return prior != want
}

// convergeAlias points the alias at the key (creating it, or taking it back from another key
// once the alias is this resource's) and removes the alias the key had under its previous name.
// A new key never takes over an alias another key holds: that alias may be someone else's.
func (r *kmsKey) convergeAlias(ctx context.Context, found *keyFound, alias string, prior priorState) error {
	conn := r.Client.KMS(r.Client.HomeRegion)
	target, err := findAlias(ctx, conn, alias)
	switch {
	case framework.NotFound(err):
		_, err = conn.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(alias), TargetKeyId: aws.String(found.KeyID)})
		if err != nil {
			return fmt.Errorf("(KMS CreateAlias) %s for key %s: %w", alias, found.KeyID, err)
		}
	case err != nil:
		return err
	case target != found.KeyID && prior.Creating:
		return fmt.Errorf("alias = %q already names key %s; choose another alias, or import that key (terraform import ADDRESS %s)", alias, target, target)
	case target != found.KeyID:
		_, err = conn.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String(alias), TargetKeyId: aws.String(found.KeyID)})
		if err != nil {
			return fmt.Errorf("(KMS UpdateAlias) %s from key %s to key %s: %w", alias, target, found.KeyID, err)
		}
	}
	if old := prior.Alias; old != "" && old != alias && slices.Contains(found.Aliases, old) {
		if _, err := conn.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(old)}); err != nil && !isKeyGone(err) {
			return fmt.Errorf("(KMS DeleteAlias) %s, the key's previous alias: %w", old, err)
		}
	}
	return nil
}

// convergeTags re-tags the key only where its tags differ from tags_all.
func (r *kmsKey) convergeTags(ctx context.Context, found *keyFound, want map[string]string) error {
	conn := r.Client.KMS(r.Client.HomeRegion)
	return framework.SyncTags(found.Tags, want, func(remove []string) error {
		if _, err := conn.UntagResource(ctx, &kms.UntagResourceInput{KeyId: aws.String(found.KeyID), TagKeys: remove}); err != nil {
			return fmt.Errorf("(KMS UntagResource) key %s: %w", found.KeyID, err)
		}
		return nil
	}, func(set map[string]string) error {
		if _, err := conn.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(found.KeyID), Tags: kmsTags(set)}); err != nil {
			return fmt.Errorf("(KMS TagResource) key %s: %w", found.KeyID, err)
		}
		return nil
	})
}

func kmsTags(tags map[string]string) []kmstypes.Tag {
	return framework.TagList(tags, func(k, v string) kmstypes.Tag { return kmstypes.Tag{TagKey: aws.String(k), TagValue: aws.String(v)} })
}

// failedCreateState is what a create that made the key but failed later leaves in state: the
// key's id, so destroy can schedule its deletion; settings not known yet are null, and the
// plan after the failure shows them as changes (Terraform also marks the resource tainted).
func failedCreateState(plan resourceModel, keyID string, e env) resourceModel {
	s := plan
	s.ID, s.KeyID = types.StringValue(keyID), types.StringValue(keyID)
	s.ARN = types.StringNull()
	if e.Partition != "" {
		s.ARN = types.StringValue(fmt.Sprintf("arn:%s:kms:%s:%s:key/%s", e.Partition, e.Region, e.AccountID, keyID))
	}
	s.Enabled, s.RotationEnabled, s.PendingDeletion = types.BoolNull(), types.BoolNull(), types.BoolNull()
	s.KeyState = types.StringNull()
	if s.Policy.IsUnknown() {
		s.Policy = types.StringNull()
	}
	if s.TagsAll.IsUnknown() {
		s.TagsAll = types.MapNull(types.StringType)
	}
	return s
}
