package kmskey

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceModel is soc2_kms_key in Terraform.
type resourceModel struct {
	ID                 types.String `tfsdk:"id"`
	KeyID              types.String `tfsdk:"key_id"`
	ARN                types.String `tfsdk:"arn"`
	Alias              types.String `tfsdk:"alias"`
	Description        types.String `tfsdk:"description"`
	Services           types.Set    `tfsdk:"services"`
	AdminARNs          types.Set    `tfsdk:"admin_arns"`
	LogGroupNames      types.Set    `tfsdk:"log_group_names"`
	RotationPeriodDays types.Int64  `tfsdk:"rotation_period_days"`
	DeletionWindowDays types.Int64  `tfsdk:"deletion_window_days"`
	Enabled            types.Bool   `tfsdk:"enabled"`
	KeyState           types.String `tfsdk:"key_state"`
	RotationEnabled    types.Bool   `tfsdk:"rotation_enabled"`
	PendingDeletion    types.Bool   `tfsdk:"pending_deletion"`
	Policy             types.String `tfsdk:"policy"`
	Tags               types.Map    `tfsdk:"tags"`
	TagsAll            types.Map    `tfsdk:"tags_all"`
}

// env is what the key policy depends on besides the configuration: where the key lives.
type env struct {
	Partition string
	Region    string
	AccountID string
}

// keyDesired is the hardened key the configuration asks for.
type keyDesired struct {
	Alias          string
	Description    string
	Policy         string
	RotationPeriod int64
	// Tags are the configured tags merged over default_tags.
	Tags map[string]string
}

// keyFound is what AWS has for the key.
type keyFound struct {
	KeyID       string
	ARN         string
	Description string
	State       string // KeyState: Enabled, Disabled, PendingDeletion, ...
	Enabled     bool
	Policy      string
	// RotationKnown is false when the rotation status could not be read (see findRotation).
	RotationKnown   bool
	RotationEnabled bool
	// RotationPeriod is 0 when AWS did not report one.
	RotationPeriod int64
	// Aliases are the names (alias/...) that point at the key.
	Aliases []string
	Tags    map[string]string
}

// Key states this resource acts on.
const (
	stateEnabled         = "Enabled"
	statePendingDeletion = "PendingDeletion"
)

// priorState is what state says before an apply: the alias to remove when renamed, the rotation
// period that stands in when AWS reports none, and whether the key is being created (then an
// alias that already names another key is refused rather than taken over).
type priorState struct {
	Alias          string
	RotationPeriod int64
	Creating       bool
}
