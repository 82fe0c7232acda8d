# Alerting on high-risk activity: the CIS / Security Hub CloudWatch.1-14 catalog plus the
# playbook's alarms, as metric filters on the trail's log group, notifying a topic the pack creates.
resource "soc2_alarm_pack" "alerts" {
  log_group_name = soc2_cloudtrail_baseline.main.cloudwatch_logs.log_group_name
  name_prefix    = "${var.name}-"
  profile        = "cis"

  business_hours = {
    start      = "08:00"
    end        = "18:00"
    utc_offset = "+00:00"
  }

  notification = {
    create_topic    = true
    kms_key_arn     = soc2_kms_key.evidence.arn
    email_endpoints = ["secops@example.com"]
  }

  overrides = {
    unauthorized_api_calls = { threshold = 5, period = 300 }
  }
}

output "alarm_name_prefix" {
  description = "Prefix of every alarm, metric filter and metric of the pack."
  value       = soc2_alarm_pack.alerts.name_prefix
}

output "alarm_names" {
  description = "CloudWatch alarm of each alarm id."
  value       = { for id, a in soc2_alarm_pack.alerts.alarms : id => a.alarm_name }
}

output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = soc2_alarm_pack.alerts.notification.topic_arn
}
