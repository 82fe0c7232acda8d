# The customer-managed key of the evidence: the log bucket's default encryption, the trail's log
# files, the CloudWatch Logs group the trail streams to, and the alarm topic. Its policy holds,
# per service, exactly the statements AWS documents, plus the account root statement so the key
# can never become unmanageable. Destroy schedules its deletion (30 days), never deletes it.
resource "soc2_kms_key" "evidence" {
  alias    = "alias/${var.name}-evidence"
  services = ["cloudtrail", "config", "logs", "s3", "sns"]

  # The trail's log group, by name (a plain string: the key must exist before the group).
  log_group_names = ["/soc2/${var.name}/cloudtrail"]

  tags = {
    purpose = "audit-evidence"
  }
}

output "kms_key_arn" {
  description = "ARN of the evidence key."
  value       = soc2_kms_key.evidence.arn
}
