# A multi-region trail with log file validation into the evidence bucket, streamed to CloudWatch
# Logs for alarms, recording object-level events of a sensitive bucket, and an AWS Config
# recorder in three regions (global resource types only in the provider's home region).
resource "soc2_cloudtrail_baseline" "main" {
  name                  = "soc2"
  s3_bucket_name        = soc2_log_bucket.logs.bucket
  s3_key_prefix         = "cloudtrail"
  kms_key_arn           = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  s3_data_event_buckets = ["acme-customer-data"]

  cloudwatch_logs = {
    log_group_name    = "/soc2/cloudtrail"
    retention_in_days = 365
  }

  config_recorder = {
    regions            = ["us-east-1", "us-west-2", "eu-west-1"] # omit to record every enabled region
    s3_key_prefix      = "config"
    delivery_frequency = "TwentyFour_Hours"
  }

  tags = {
    control = "CC7.2"
  }
}
