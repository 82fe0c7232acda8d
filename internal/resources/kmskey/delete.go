package kmskey

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// scheduleDeletion never deletes the key at once: KMS deletes it after the window, and until then
// `aws kms cancel-key-deletion` followed by `aws kms enable-key` brings it back. The alias goes
// now, so its name can be used again; a key already gone or already pending deletion is fine.
func (r *kmsKey) scheduleDeletion(ctx context.Context, state resourceModel) error {
	conn := r.Client.KMS(r.Client.HomeRegion)
	keyID := state.ID.ValueString()
	found, err := findKey(ctx, r.Client, keyID)
	if framework.NotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, alias := range found.Aliases {
		if alias != state.Alias.ValueString() {
			continue // adopted by someone else's configuration: not ours to remove
		}
		if _, err := conn.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(alias)}); err != nil && !isKeyGone(err) {
			return fmt.Errorf("(KMS DeleteAlias) %s: %w", alias, err)
		}
	}
	if found.State == statePendingDeletion {
		return nil
	}
	window := state.DeletionWindowDays.ValueInt64()
	if window == 0 {
		window = defaultDeletionWindow
	}
	_, err = conn.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(found.KeyID), PendingWindowInDays: aws.Int32(int32(window))})
	if err != nil && !isKeyGone(err) {
		return fmt.Errorf("(KMS ScheduleKeyDeletion) key %s, %d days: %w", keyID, window, err)
	}
	return nil
}
