data "soc2_caller_identity" "current" {}

# Readers of the log bucket are usually roles of the same account.
output "security_audit_role_arn" {
  value = "arn:${data.soc2_caller_identity.current.partition}:iam::${data.soc2_caller_identity.current.account_id}:role/security-audit"
}
