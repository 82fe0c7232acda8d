package kmskey

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

const defaultDescription = "Customer-managed key of the SOC 2 logging baseline"

func (r *kmsKey) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keepID := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A customer-managed KMS key for the baseline's evidence: the log bucket, the trail's log " +
			"files, the CloudWatch Logs group and the alarm topic. Enabled, automatic rotation on, a key policy " +
			"generated from `services` exactly as AWS documents each service's use, an alias, a description and tags " +
			"are enforced: a change made out of band shows in the plan as that attribute changing back, and apply " +
			"restores it. Destroy never deletes the key at once: it schedules the deletion after `deletion_window_days`.",
		Attributes: map[string]schema.Attribute{
			"id":     schema.StringAttribute{Computed: true, MarkdownDescription: "The key id.", PlanModifiers: keepID},
			"key_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The key id.", PlanModifiers: keepID},
			"arn":    schema.StringAttribute{Computed: true, MarkdownDescription: "The key ARN: give it to `kms_key_arn` of the bucket, trail, log group and topic.", PlanModifiers: keepID},
			"alias": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The alias that names the key, e.g. `alias/soc2-baseline` (not `alias/aws/...`, which AWS " +
					"reserves). An alias deleted or pointed at another key out of band shows as this attribute changing back.",
				Validators: []validator.String{validate.StringFunc("an alias name", aliasProblem)},
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(defaultDescription),
				MarkdownDescription: "The key's description. Default: `" + defaultDescription + "`.",
			},
			"services": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "The services that use the key; each adds the key policy statements AWS documents for it: " +
					servicesDoc() + ".",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validate.StringFunc("a service name", serviceProblem))},
			},
			"admin_arns": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "IAM roles, users or account roots that may manage the key (not use it to encrypt or " +
					"decrypt). The account root always may, whatever this lists, so the key can never become unmanageable.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validate.StringFunc("an IAM principal ARN", adminProblem))},
			},
			"log_group_names": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "With `logs`: the log groups CloudWatch Logs may encrypt with the key " +
					"(`kms:EncryptionContext:aws:logs:arn`). Default: every log group of the account in the key's region.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validate.StringFunc("a log group name", logGroupProblem))},
			},
			"rotation_period_days": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(defaultRotationDays),
				MarkdownDescription: fmt.Sprintf("Days between automatic rotations of the key material, %d to %d. Default: %d.", minRotationDays, maxRotationDays, defaultRotationDays),
				Validators: []validator.Int64{validate.Int64Func("a rotation period",
					rangeProblem("the rotation period", minRotationDays, maxRotationDays, fmt.Sprintf("KMS accepts no other; %d rotates yearly", defaultRotationDays)))},
			},
			"deletion_window_days": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(defaultDeletionWindow),
				MarkdownDescription: fmt.Sprintf("Days between destroy and the deletion of the key, %d to %d. Default: %d. "+
					"Until then the deletion can be cancelled.", minDeletionWindowDays, maxDeletionWindowDays, defaultDeletionWindow),
				Validators: []validator.Int64{validate.Int64Func("a deletion window",
					rangeProblem("the deletion window", minDeletionWindowDays, maxDeletionWindowDays, "KMS accepts no other; 30 leaves the most time to cancel"))},
			},
			"enabled": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the key is enabled (enforced: true). A disabled key stops CloudTrail, Config and CloudWatch Logs from writing evidence (CC7.2)."},
			"key_state": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The key state (enforced: `Enabled`)."},
			"rotation_enabled": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether automatic rotation is on (enforced: true; CC6.1 key management)."},
			"pending_deletion": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether a deletion of the key is scheduled (enforced: false). A deletion scheduled out of band is cancelled and the key enabled again."},
			"policy": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The key policy generated from `services` and `admin_arns` (enforced: a replaced policy is put back)."},
			"tags":     framework.TagsAttribute("the key"),
			"tags_all": framework.TagsAllAttribute("the key"),
		},
	}
}

func servicesDoc() string {
	var parts []string
	for _, s := range policies.KeyServiceNames() {
		parts = append(parts, fmt.Sprintf("`%s` (%s)", s, policies.KeyServiceUse(s)))
	}
	return strings.Join(parts, "; ")
}
