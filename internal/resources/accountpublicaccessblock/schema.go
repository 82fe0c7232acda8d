package accountpublicaccessblock

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

func (r *accountPublicAccessBlock) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": framework.IDAttribute("The account id."),
			"account_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The account whose block this is. Default: the account of the provider's credentials, " +
					"the only one it may be (an account sets only its own block); another id is a plan-time error.",
				Validators:    []validator.String{validate.AccountID()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"block_public_acls": flag("`BlockPublicAcls`: S3 refuses calls that grant public access through a bucket or object ACL (PutBucketAcl, PutObjectAcl, PutObject with a public ACL)."),
			"ignore_public_acls": flag("`IgnorePublicAcls`: S3 ignores every public ACL on the account's buckets and objects, " +
				"including ones granted before the block."),
			"block_public_policy": flag("`BlockPublicPolicy`: S3 refuses a bucket policy (and access point policy) that grants public access."),
			"restrict_public_buckets": flag("`RestrictPublicBuckets`: a bucket whose policy is public is reachable only by AWS services " +
				"and principals of the bucket owner's account, so a public policy already in place stops working."),
			"delete_on_destroy": framework.DefaultBool("Whether destroy deletes the block (DeletePublicAccessBlock). Default: "+
				"`false`: destroy leaves the block in place and only forgets it, so removing the resource never opens the "+
				"account's buckets silently. With `true`, the destroy plan warns that the block will be deleted.", false),
		},
	}
}

// flag is one enforced setting: computed, planned true, so turning it off out of band shows as
// this attribute changing back.
func flag(what string) schema.BoolAttribute {
	return framework.ComputedBool(what + " Hardened: `true` (CC6.1, CC6.6).")
}

const resourceDescription = "The account-level S3 public access block of the account the provider's credentials belong " +
	"to, with all four settings on: `block_public_acls`, `ignore_public_acls`, `block_public_policy` and " +
	"`restrict_public_buckets`. It applies to every bucket of the account, present and future, whatever the " +
	"bucket's own settings, so no bucket (the evidence buckets included) can be made public by an ACL or a " +
	"bucket policy. Evidence for CIS AWS Foundations Benchmark 2.1.4 (\"Ensure that S3 is configured with " +
	"'Block Public Access' enabled\"), AWS Security Hub S3.1 and SOC 2 CC6.1/CC6.6 (logical access to " +
	"stored data is restricted).\n\n" +
	"**Drift.** Each setting is its own attribute: one turned off out of band (PutPublicAccessBlock) shows as " +
	"that attribute changing back to `true`; a block deleted out of band (DeletePublicAccessBlock) shows as all " +
	"four changing back. Apply puts the block again (PutPublicAccessBlock), and only when something differs.\n\n" +
	"**Destroy leaves the block in place** by default (`delete_on_destroy = false`): removing the resource from " +
	"the configuration must not quietly weaken the account. Set `delete_on_destroy = true` to have destroy " +
	"delete it; the destroy plan then warns.\n\n" +
	"**Adoption.** An account whose block is already all on is adopted without a call; one with any setting " +
	"off is turned fully on. The block is one per account: manage it from one configuration only.\n\n" +
	"Changes to the account's block can take a while to apply everywhere " +
	"([AWS](https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html)); " +
	"apply waits until a read shows the new settings. An account governed by an organization-level " +
	"block public access policy refuses account-level changes with Access Denied; the policy then holds " +
	"the settings instead.\n\n" +
	"This resource generates no policy. IAM: `s3:GetAccountPublicAccessBlock` and " +
	"`s3:PutAccountPublicAccessBlock` (which also authorizes DeletePublicAccessBlock), resource `*`."
