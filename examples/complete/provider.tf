# A complete SOC 2 logging baseline for one AWS account. `make demo` applies this directory
# against the embedded emulator; against real AWS, leave endpoint_url unset and set the account id.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    soc2 = {
      source = "soc2kit/soc2"
    }
  }
}

variable "region" {
  description = "Home region of the baseline."
  type        = string
  default     = "us-east-1"
}

variable "endpoint_url" {
  description = "AWS emulator endpoint (moto, LocalStack); null for real AWS."
  type        = string
  default     = null
}

variable "allowed_account_ids" {
  description = "The account(s) this baseline may touch. The demo's emulator account is 123456789012."
  type        = list(string)
  default     = ["123456789012"]
}

variable "admin_principal_arns" {
  description = "IAM principals (aws:PrincipalArn patterns) that may change the log bucket's controls: your deploy role and a break-glass role. The demo passes the emulator's identity."
  type        = list(string)
  default     = []
}

variable "name" {
  description = "Stem of every name in the baseline."
  type        = string
  default     = "acme-soc2"
}

provider "soc2" {
  region              = var.region
  endpoint_url        = var.endpoint_url
  allowed_account_ids = var.allowed_account_ids
  default_tags = {
    owner      = "security"
    compliance = "soc2"
  }
}

data "soc2_caller_identity" "current" {}

output "account_id" {
  value = data.soc2_caller_identity.current.account_id
}
