package kmskey_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// TestAccKMSKey_drift changes each enforced setting out of band with the SDK; the plan must
// name that attribute changing back, apply must restore it, and the plan after is empty.
func TestAccKMSKey_drift(t *testing.T) {
	acctest.PreCheck(t)
	ctx := context.Background()
	alias := randomAlias()
	var keyID string
	cfg := testAccKMSKeyConfig_basic(keyConfig{Alias: alias, Services: allServices, Tags: map[string]string{"team": "security"}})
	conn := kmsClient(t)
	id := func() *string { return aws.String(keyID) }
	do := func(f func() error) func(t *testing.T) {
		return func(t *testing.T) {
			if err := f(); err != nil {
				t.Fatal(err)
			}
		}
	}
	rootOnly := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` +
		acctest.Client(t).AccountID + `:root"},"Action":"kms:*","Resource":"*"}]}`
	resource.Test(t, acctest.Case(t, checkDeletionScheduled(t, alias, &keyID), []resource.TestStep{
		{Config: cfg, Check: captureKeyID(&keyID)},
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.DisableKey(ctx, &kms.DisableKeyInput{KeyId: id()})
			return err
		}), address, "enabled", "key_state"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: id()})
			return err
		}), address, "rotation_enabled"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: id(), PolicyName: aws.String("default"), Policy: aws.String(rootOnly)})
			return err
		}), address, "policy"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: id(), PendingWindowInDays: aws.Int32(7)})
			return err
		}), address, "pending_deletion", "key_state", "enabled"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: id(), Description: aws.String("changed")})
			return err
		}), address, "description"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(alias)})
			return err
		}), address, "alias"),
		acctest.DriftStep(t, cfg, func(t *testing.T) { repointAlias(t, alias) }, address, "alias"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.UntagResource(ctx, &kms.UntagResourceInput{KeyId: id(), TagKeys: []string{"team"}})
			return err
		}), address, "tags_all.team"),
		acctest.DriftStep(t, cfg, do(func() error {
			_, err := conn.TagResource(ctx, &kms.TagResourceInput{KeyId: id(), Tags: []kmstypes.Tag{{TagKey: aws.String("team"), TagValue: aws.String("someone-else")}}})
			return err
		}), address, "tags_all.team"),
		{Config: cfg, Check: checkKeyInAWS(t, alias, 365)},
	}))
}

// TestAccKMSKey_driftRotationPeriod: a rotation period changed out of band shows as
// rotation_period_days changing back.
func TestAccKMSKey_driftRotationPeriod(t *testing.T) {
	acctest.PreCheck(t)
	acctest.SkipOnMoto(t, "KMS RotationPeriodInDays is ignored by EnableKeyRotation and never returned by GetKeyRotationStatus")
	ctx := context.Background()
	alias := randomAlias()
	var keyID string
	cfg := testAccKMSKeyConfig_basic(keyConfig{Alias: alias, Services: []string{"cloudtrail"}, Rotation: 365})
	resource.Test(t, acctest.Case(t, checkDeletionScheduled(t, alias, &keyID), []resource.TestStep{
		{Config: cfg, Check: captureKeyID(&keyID)},
		acctest.DriftStep(t, cfg, func(t *testing.T) {
			in := &kms.EnableKeyRotationInput{KeyId: aws.String(keyID), RotationPeriodInDays: aws.Int32(730)}
			if _, err := kmsClient(t).EnableKeyRotation(ctx, in); err != nil {
				t.Fatal(err)
			}
		}, address, "rotation_period_days"),
		{Config: cfg, Check: checkKeyInAWS(t, alias, 365)},
	}))
}

// repointAlias points the alias at another key made for the purpose (its deletion scheduled at
// cleanup), as an operator mistake or an attacker might.
func repointAlias(t *testing.T, alias string) {
	t.Helper()
	ctx := context.Background()
	conn := kmsClient(t)
	other, err := conn.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("tf-acc other key")})
	if err != nil {
		t.Fatal(err)
	}
	otherID := other.KeyMetadata.KeyId
	t.Cleanup(func() {
		_, _ = conn.ScheduleKeyDeletion(context.Background(), &kms.ScheduleKeyDeletionInput{KeyId: otherID, PendingWindowInDays: aws.Int32(7)})
	})
	if _, err := conn.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String(alias), TargetKeyId: otherID}); err != nil {
		t.Fatal(err)
	}
}
