# Adopt the account's public access block by the account id of the provider's credentials.
import {
  to = soc2_account_public_access_block.this
  id = "123456789012"
}
