package accountpublicaccessblock

import "github.com/hashicorp/terraform-plugin-framework/types"

// resourceModel is soc2_account_public_access_block in Terraform.
type resourceModel struct {
	ID                    types.String `tfsdk:"id"`
	AccountID             types.String `tfsdk:"account_id"`
	BlockPublicACLs       types.Bool   `tfsdk:"block_public_acls"`
	IgnorePublicACLs      types.Bool   `tfsdk:"ignore_public_acls"`
	BlockPublicPolicy     types.Bool   `tfsdk:"block_public_policy"`
	RestrictPublicBuckets types.Bool   `tfsdk:"restrict_public_buckets"`
	DeleteOnDestroy       types.Bool   `tfsdk:"delete_on_destroy"`
}

// blockSettings are the four settings of an account's public access block, as AWS reports them
// or as this resource wants them. An account without a block has all four off.
type blockSettings struct {
	BlockPublicACLs       bool
	IgnorePublicACLs      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}
