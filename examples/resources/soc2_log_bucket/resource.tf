# The locked evidence store for CloudTrail and AWS Config.
resource "soc2_log_bucket" "logs" {
  bucket                  = "acme-soc2-logs"
  retention_days          = 400 # objects and noncurrent versions expire after 400 days
  glacier_transition_days = 90  # and move to Glacier after 90
  kms_key_arn             = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  reader_arns = ["arn:aws:iam::123456789012:role/security-audit"]
  writers     = ["cloudtrail", "config"]

  # The only principals the policy's denies spare. List the role Terraform runs as too, or on AWS
  # it can no longer restore drift or destroy the bucket (the plan warns when it is missing).
  admin_principal_arns = [
    "arn:aws:iam::123456789012:role/break-glass",
    "arn:aws:iam::123456789012:role/terraform-ci",
  ]

  # Immutable log versions; adding or removing this replaces the bucket.
  object_lock = {
    mode = "GOVERNANCE"
    days = 90
  }

  # Server access logs of this bucket go to another bucket whose policy allows S3 logging,
  # e.g. a second soc2_log_bucket with writers = ["s3_access_logs"].
  access_log_bucket = "acme-s3-access-logs"
  access_log_prefix = "acme-soc2-logs/"

  tags = {
    data = "audit-evidence"
  }
}
