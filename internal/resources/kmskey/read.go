package kmskey

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// stateFrom turns what AWS has into state; prior supplies the arguments AWS does not hold
// (deletion_window_days) and, after import, is mostly empty (import.go recovers the rest).
func stateFrom(client *conns.AWSClient, found *keyFound, prior resourceModel) resourceModel {
	next := prior
	next.ID = types.StringValue(found.KeyID)
	next.KeyID = types.StringValue(found.KeyID)
	next.ARN = types.StringValue(found.ARN)
	next.Description = types.StringValue(found.Description)
	next.Enabled = types.BoolValue(found.Enabled)
	next.KeyState = types.StringValue(found.State)
	next.PendingDeletion = types.BoolValue(found.State == statePendingDeletion)
	next.Policy = types.StringValue(policydoc.Preferred(found.Policy, prior.Policy.ValueString()))
	next.Alias = readAlias(found.Aliases, prior.Alias)
	readRotation(found, &next)
	if next.DeletionWindowDays.IsNull() {
		next.DeletionWindowDays = types.Int64Value(defaultDeletionWindow)
	}
	next.Tags = framework.ReadTags(client, found.Tags, prior.Tags)
	next.TagsAll = framework.ReadTagsAll(found.Tags)
	return next
}

// readAlias keeps the state's alias while it points at the key; an alias deleted or pointed
// elsewhere reads as null, so the plan shows it set again. With no alias in state (import),
// the key's first alias is taken.
func readAlias(aliases []string, prior types.String) types.String {
	if !prior.IsNull() && !prior.IsUnknown() {
		if slices.Contains(aliases, prior.ValueString()) {
			return prior
		}
		return types.StringNull()
	}
	if len(aliases) > 0 {
		return types.StringValue(aliases[0])
	}
	return types.StringNull()
}

// readRotation stores the rotation status. AWS reports no period while rotation is off, and none
// at all for a key pending deletion (findRotation): the period in state is then kept, and the
// drift shows as rotation_enabled or pending_deletion.
func readRotation(found *keyFound, next *resourceModel) {
	if !found.RotationKnown {
		if next.RotationEnabled.IsNull() || next.RotationEnabled.IsUnknown() {
			next.RotationEnabled = types.BoolValue(false)
		}
		return
	}
	next.RotationEnabled = types.BoolValue(found.RotationEnabled)
	// moto 5.2.1 ignores RotationPeriodInDays and never returns it; the period in state is then
	// kept, as it is while rotation is off. AWS returns it whenever rotation is on.
	if found.RotationEnabled && found.RotationPeriod > 0 {
		next.RotationPeriodDays = types.Int64Value(found.RotationPeriod)
	}
	if next.RotationPeriodDays.IsNull() || next.RotationPeriodDays.IsUnknown() {
		next.RotationPeriodDays = types.Int64Value(defaultRotationDays)
	}
}

// readBack reads the key after an apply: the state to save, planned arguments kept.
func (r *kmsKey) readBack(ctx context.Context, keyID string, plan resourceModel) (framework.Next[resourceModel], diag.Diagnostics) {
	found, err := findKey(ctx, r.Client, keyID)
	if err != nil {
		return framework.Next[resourceModel]{}, framework.ErrorDiags("Reading KMS key "+keyID+" after apply", err)
	}
	return framework.Save(stateFrom(r.Client, found, plan)), nil
}

// preferPolicy keeps the state's policy when it is equivalent to the generated one.
func preferPolicy(state, generated string) string {
	if policydoc.Equivalent(state, generated) {
		return state
	}
	return generated
}
