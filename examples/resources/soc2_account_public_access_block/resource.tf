# All four settings of the account's S3 public access block, for every bucket of the account
# the provider's credentials belong to. Destroy leaves the block in place.
resource "soc2_account_public_access_block" "this" {}
