# The customer-managed key of the baseline: the log bucket, the trail's log files, the
# CloudWatch Logs group and the alarm topic are encrypted with it.
resource "soc2_kms_key" "evidence" {
  alias    = "alias/soc2-baseline"
  services = ["cloudtrail", "config", "logs", "s3", "sns"]

  # Who may manage (not use) the key; the account root always may.
  admin_arns = ["arn:aws:iam::123456789012:role/security-admin"]

  # Only this log group may be encrypted by CloudWatch Logs (default: every group of the account).
  log_group_names = ["/soc2/cloudtrail"]

  rotation_period_days = 365 # 90 to 2560
  deletion_window_days = 30  # destroy schedules deletion after 7 to 30 days

  tags = {
    data = "audit-evidence"
  }
}
