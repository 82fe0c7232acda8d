# The evidence store: versioned, encrypted with the evidence key, closed to the public, retained
# for 400 days, every version immutable for a year (Object Lock), its own access logged to a
# second bucket (CIS 3.4 / S3.9), and locked by a generated policy that lets only CloudTrail and
# AWS Config deliver into it.
resource "soc2_log_bucket" "logs" {
  bucket         = "${var.name}-logs"
  retention_days = 400
  writers        = ["cloudtrail", "config"]
  kms_key_arn    = soc2_kms_key.evidence.arn

  # GOVERNANCE: principals with s3:BypassGovernanceRetention (the administrators below) can still
  # remove a version early; COMPLIANCE would bind even the root user. Switching Object Lock on or
  # off replaces the bucket, so decide before the first apply.
  object_lock = {
    mode = "GOVERNANCE"
    days = 365
  }

  # Server access logs of the evidence bucket: who read or changed the evidence.
  access_log_bucket = soc2_log_bucket.access_logs.bucket
  access_log_prefix = "evidence/"

  # Only these principals may change the bucket's controls or delete evidence: the bucket policy
  # denies it to everyone else, the identity that runs Terraform included. List your deploy role.
  admin_principal_arns = var.admin_principal_arns

  # `make demo` destroys the baseline at the end, by which time the trail and the recorders may
  # have delivered objects; a real baseline keeps the default (false), so destroy refuses to
  # delete a bucket that holds evidence.
  force_destroy = true

  tags = {
    purpose = "audit-evidence"
  }
}

output "log_bucket_name" {
  description = "Name of the evidence bucket."
  value       = soc2_log_bucket.logs.bucket
}

output "log_bucket_arn" {
  description = "ARN of the evidence bucket."
  value       = soc2_log_bucket.logs.arn
}

# The access-log bucket. S3 server access logging delivers only to a bucket with SSE-S3 default
# encryption (no SSE-KMS) and without Object Lock default retention, so this bucket has neither;
# its policy admits only logging.s3.amazonaws.com on behalf of this account's buckets. The trail
# leaves it out of its S3 data events (cloudtrail.tf): every access-log delivery would otherwise
# be a data event, and recording those would fill the trail with its own echo.
resource "soc2_log_bucket" "access_logs" {
  bucket                = "${var.name}-access-logs"
  retention_days        = 400
  writers               = ["s3_access_logs"]
  s3_access_logs_prefix = "evidence/"
  admin_principal_arns  = var.admin_principal_arns

  # As for the evidence bucket: the demo destroys what it made.
  force_destroy = true

  tags = {
    purpose = "audit-evidence-access-logs"
  }
}

output "access_log_bucket_name" {
  description = "Name of the bucket that receives the evidence bucket's server access logs."
  value       = soc2_log_bucket.access_logs.bucket
}
