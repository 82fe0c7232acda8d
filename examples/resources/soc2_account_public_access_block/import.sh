# The block is imported by the account id, which must be the account of the provider's
# credentials; delete_on_destroy takes its default (false).
terraform import soc2_account_public_access_block.this 123456789012
