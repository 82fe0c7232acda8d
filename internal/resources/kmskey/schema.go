package kmskey

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

const defaultDescription = "Customer-managed key of the SOC 2 logging baseline"

func (r *kmsKey) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription(),
		Attributes: map[string]schema.Attribute{
			"id":     framework.IDAttribute("The key id."),
			"key_id": framework.IDAttribute("The key id."),
			"arn":    framework.IDAttribute("The key ARN: give it to `kms_key_arn` of the bucket, trail, log group and topic."),
			"alias": framework.RequiredString("The alias that names the key, e.g. `alias/soc2-baseline` (not `alias/aws/...`, "+
				"which AWS reserves). An alias deleted or pointed at another key out of band shows as this attribute changing back.",
				validate.StringFunc("an alias name", aliasProblem)),
			"description": framework.DefaultString("The key's description. Default: `"+defaultDescription+"`.", defaultDescription),
			"services": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "The services that use the key; each adds the key policy statements AWS documents for it: " +
					servicesDoc() + ".",
				Validators: []validator.Set{setvalidator.ValueStringsAre(validate.StringFunc("a service name", serviceProblem))},
			},
			"admin_arns": framework.OptionalStringSet("IAM roles, users or account roots that may manage the key (not use it "+
				"to encrypt or decrypt). The account root always may, whatever this lists, so the key can never become unmanageable.",
				setvalidator.ValueStringsAre(validate.StringFunc("an IAM principal ARN", adminProblem))),
			"log_group_names": framework.OptionalStringSet("With `logs`: the log groups CloudWatch Logs may encrypt with the key "+
				"(`kms:EncryptionContext:aws:logs:arn`). Default: every log group of the account in the key's region.",
				setvalidator.ValueStringsAre(validate.StringFunc("a log group name", logGroupProblem))),
			"rotation_period_days": framework.DefaultInt64(fmt.Sprintf("Days between automatic rotations of the key material, "+
				"%d to %d. Default: %d.", minRotationDays, maxRotationDays, defaultRotationDays), defaultRotationDays,
				validate.Int64Func("a rotation period", rangeProblem("the rotation period", minRotationDays, maxRotationDays,
					fmt.Sprintf("KMS accepts no other; %d rotates yearly", defaultRotationDays)))),
			"deletion_window_days": framework.DefaultInt64(fmt.Sprintf("Days between destroy and the deletion of the key, "+
				"%d to %d. Default: %d. Until then the deletion can be cancelled.", minDeletionWindowDays, maxDeletionWindowDays,
				defaultDeletionWindow), defaultDeletionWindow,
				validate.Int64Func("a deletion window", rangeProblem("the deletion window", minDeletionWindowDays,
					maxDeletionWindowDays, "KMS accepts no other; 30 leaves the most time to cancel"))),
			"enabled":          framework.ComputedBool("Whether the key is enabled. Hardened: `true`. A disabled key stops CloudTrail, Config and CloudWatch Logs from writing evidence (CC7.2)."),
			"key_state":        framework.ComputedString("The key state. Hardened: `Enabled`."),
			"rotation_enabled": framework.ComputedBool("Whether automatic rotation is on. Hardened: `true` (CC6.1 key management)."),
			"pending_deletion": framework.ComputedBool("Whether a deletion of the key is scheduled. Hardened: `false`: a deletion scheduled out of band is cancelled and the key enabled again."),
			"policy":           framework.ComputedString("The key policy. Hardened: the policy generated from `services` and `admin_arns` (see The key policy)."),
			"tags":             framework.TagsAttribute("the key"),
			"tags_all":         framework.TagsAllAttribute("the key"),
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

// resourceDescription is the resource's documentation page: what it enforces, the key policy
// it generates and why, and how a scheduled deletion is undone.
func resourceDescription() string {
	return "A customer-managed KMS key for the baseline's evidence: the log bucket, the trail's log files, the " +
		"CloudWatch Logs group and the alarm topic. Enabled, automatic rotation on (`rotation_period_days`), a key " +
		"policy generated from `services`, an alias, a description and tags are hardened: a change made out of band " +
		"(DisableKey, DisableKeyRotation, PutKeyPolicy, ScheduleKeyDeletion, an alias deleted or pointed at another " +
		"key, a tag removed) shows in the plan as that attribute changing back (`enabled`, `key_state`, " +
		"`rotation_enabled`, `policy`, `pending_deletion`, `alias`, `tags_all`), and apply restores only that " +
		"(EnableKey, EnableKeyRotation, PutKeyPolicy, CancelKeyDeletion followed by EnableKey, CreateAlias or " +
		"UpdateAlias, TagResource).\n\n" +
		"**The key policy.** It always holds `" + policies.SidKeyRoot + "`: `kms:*` for the account root " +
		"(`arn:aws:iam::ACCOUNT:root`), so IAM policies of the account govern the key and it can never become " +
		"unmanageable ([AWS](https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam)); " +
		"with `admin_arns`, `" + policies.SidKeyAdmins + "` lets them manage but not use the key. Each service adds " +
		"the statements its documentation requires, scoped to this account:\n\n" +
		"| service | statements | why |\n|---|---|---|\n" +
		"| `cloudtrail` | `" + policies.SidKeyCloudTrail + "` (`kms:GenerateDataKey*` for `cloudtrail.amazonaws.com` with " +
		"`kms:EncryptionContext:aws:cloudtrail:arn` and `aws:SourceArn` = this account's trails), `" + policies.SidKeyCloudTrailRead +
		"`, `" + policies.SidKeyCloudTrailLogs + "` (`kms:Decrypt` by the account's principals, `kms:CallerAccount`) | " +
		"CloudTrail encrypts log and digest files; readers decrypt them; a trail over a bucket with an S3 Bucket Key needs the decrypt " +
		"([AWS](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html)) |\n" +
		"| `config` | `" + policies.SidKeyConfig + "` (`kms:GenerateDataKey`, `kms:Decrypt` for `config.amazonaws.com`, `aws:SourceAccount`) | " +
		"AWS Config delivers to an SSE-KMS bucket ([AWS](https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html)) |\n" +
		"| `logs` | `" + policies.SidKeyLogs + "` (`logs.REGION.amazonaws.com`, `kms:EncryptionContext:aws:logs:arn` = `log_group_names` or every group of the account) | " +
		"CloudWatch Logs encrypts the group ([AWS](https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html)) |\n" +
		"| `s3` | `" + policies.SidKeyS3Account + "` (the account's principals through S3 only: `kms:ViaService`, `kms:CallerAccount`), `" +
		policies.SidKeyS3CloudTrail + "` (`cloudtrail.amazonaws.com` data keys for S3 objects, `kms:EncryptionContext:aws:s3:arn`, this account's trails) | " +
		"the log bucket's SSE-KMS default encryption with an S3 Bucket Key ([AWS](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html)); " +
		"S3 server access logs cannot be delivered to an SSE-KMS bucket at all |\n" +
		"| `sns` | `" + policies.SidKeyCloudWatchAlarms + "` (`cloudwatch.amazonaws.com`, this account's alarms in the region), `" +
		policies.SidKeySNSAccount + "` (the account's publishers through SNS only) | CloudWatch alarms publish to the encrypted alarm topic " +
		"([AWS](https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services)) |\n\n" +
		"**Destroy never deletes the key at once.** It deletes the alias and schedules the deletion after " +
		"`deletion_window_days` (7 to 30, default 30). Until then the key, and everything it encrypted, can be brought back: " +
		"`aws kms cancel-key-deletion --key-id KEY_ID` followed by `aws kms enable-key --key-id KEY_ID` (a cancelled key is " +
		"left disabled), then `aws kms create-alias` and `terraform import`.\n\n" +
		"**Failed creates.** When a call fails after the key was made (the alias, say), the key is recorded in state, " +
		"tainted, so the next apply replaces it and its deletion is scheduled; nothing is orphaned."
}
