# The CIS / Security Hub alarm catalog on the CloudTrail log group, notifying a topic the pack
# creates, with an out-of-hours window for New York and one alarm of your own.
resource "soc2_alarm_pack" "alerts" {
  log_group_name = soc2_cloudtrail_baseline.main.cloudwatch_logs.log_group_name
  name_prefix    = "soc2-"
  profile        = "cis"
  exclude        = ["organizations_changes"]

  business_hours = {
    start      = "08:00"
    end        = "18:00"
    utc_offset = "-05:00"
  }

  notification = {
    create_topic    = true
    email_endpoints = ["secops@acme.example"]
  }

  overrides = {
    unauthorized_api_calls = { threshold = 5, period = 300 }
  }

  custom_alarms = [{
    id          = "public_access_block_changes"
    pattern     = "{ $.eventName = PutPublicAccessBlock }"
    description = "An S3 public access block was changed."
    controls    = ["CC6.1", "CC7.2"]
  }]
}
