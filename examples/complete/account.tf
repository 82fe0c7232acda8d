# The account-level S3 public access block (CIS 2.1.4, Security Hub S3.1): every bucket of the
# account, present and future, the evidence buckets included, refuses public ACLs and public
# policies whatever its own settings. Destroy leaves the block on (delete_on_destroy = false), so
# removing the baseline never opens the account's buckets.
resource "soc2_account_public_access_block" "account" {}
