# The evidence store: versioned, encrypted, closed to the public, retained for 400 days and locked
# by a generated policy that lets only CloudTrail and AWS Config deliver into it.
resource "soc2_log_bucket" "logs" {
  bucket         = "${var.name}-logs"
  retention_days = 400
  writers        = ["cloudtrail", "config"]
  kms_key_arn    = soc2_kms_key.evidence.arn

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
