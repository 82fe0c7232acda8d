# Adopt an existing trail by its name; its CloudWatch Logs and AWS Config parts are found from it.
import {
  to = soc2_cloudtrail_baseline.main
  id = "soc2"
}
