# An external-access analyzer and a findings rule in every enabled region. New active findings
# go to the alarm topic: with soc2_alarm_pack, use its topic,
#   sns_topic_arn = soc2_alarm_pack.alerts.notification.topic_arn
# Rules outside the topic's region forward to it through the role <name>-fwd (see Policies).
resource "soc2_access_analyzer" "this" {
  name          = "soc2-access-analyzer"
  sns_topic_arn = "arn:aws:sns:us-east-1:111122223333:soc2-alarms"

  # Archive, never alert on, findings for principals of our own organization and for keys
  # that are not public. Any rule added, changed or deleted out of band is drift.
  archive_rules = {
    trusted-org = {
      filter = {
        "condition.aws:PrincipalOrgID" = { eq = ["o-abc123def4"] }
      }
    }
    private-keys = {
      filter = {
        isPublic     = { eq = ["false"] }
        resourceType = { eq = ["AWS::KMS::Key"] }
      }
    }
  }

  # Paid: an unused-access analyzer per region (roles, users, keys and permissions unused for
  # 90 days). Remove to go without.
  unused_access_age_days = 90

  tags = {
    control = "CC7.2"
  }
}
