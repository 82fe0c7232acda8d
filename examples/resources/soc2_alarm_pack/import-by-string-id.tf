# Adopt an existing pack by "<log group name>:<name prefix>".
import {
  to = soc2_alarm_pack.alerts
  id = "/soc2/cloudtrail:soc2-"
}
