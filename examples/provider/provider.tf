provider "soc2" {
  region              = "us-east-1"
  profile             = "security"
  allowed_account_ids = ["123456789012"]

  assume_role {
    role_arn    = "arn:aws:iam::123456789012:role/soc2-baseline"
    external_id = "soc2-baseline"
  }

  default_tags = {
    owner = "security"
  }
}
