# The trail whose log group the alarms watch, and its evidence bucket, declared here so this folder
# validates on its own (examples/complete shows the whole baseline).
resource "soc2_log_bucket" "logs" {
  bucket  = "acme-soc2-logs"
  writers = ["cloudtrail", "config"]
}

resource "soc2_cloudtrail_baseline" "main" {
  name           = "soc2"
  s3_bucket_name = soc2_log_bucket.logs.bucket
  cloudwatch_logs = {
    log_group_name = "/soc2/cloudtrail"
  }
}
