# The audit trail: every region, log file validation, management events read and write, object-level
# read and write events of every bucket (CIS 3.8/3.9), encrypted with the evidence key (CIS 3.5),
# delivered to the evidence bucket and streamed to CloudWatch Logs for the alarm pack; and an AWS
# Config recorder in three regions (the default, with no regions, is every region enabled for the
# account).
resource "soc2_cloudtrail_baseline" "main" {
  name           = var.name
  s3_bucket_name = soc2_log_bucket.logs.bucket
  s3_key_prefix  = "cloudtrail"
  kms_key_arn    = soc2_kms_key.evidence.arn

  # Data events of all current and future buckets, billed per event. The trail's own bucket is
  # left out by the provider; the access-log bucket is left out here (see log_bucket.tf).
  s3_data_events = {
    all_buckets     = true
    read            = true
    write           = true
    exclude_buckets = [soc2_log_bucket.access_logs.bucket]
  }

  cloudwatch_logs = {
    log_group_name    = "/soc2/${var.name}/cloudtrail"
    retention_in_days = 365
    kms_key_arn       = soc2_kms_key.evidence.arn
  }

  config_recorder = {
    regions       = ["us-east-1", "us-west-2", "eu-west-1"]
    s3_key_prefix = "config"
  }
}

output "trail_name" {
  description = "Name of the trail."
  value       = soc2_cloudtrail_baseline.main.name
}

output "trail_arn" {
  description = "ARN of the trail."
  value       = soc2_cloudtrail_baseline.main.arn
}

output "log_group_name" {
  description = "CloudWatch Logs group the trail streams to."
  value       = soc2_cloudtrail_baseline.main.cloudwatch_logs.log_group_name
}

output "config_recorders" {
  description = "AWS Config recorder name of each recorded region."
  value       = { for region, r in soc2_cloudtrail_baseline.main.recorders : region => r.name }
}
