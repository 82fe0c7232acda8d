# Adopt an existing bucket by its name. The next apply hardens it to the configuration, including
# the retention lifecycle rule and the generated bucket policy.
import {
  to = soc2_log_bucket.logs
  id = "acme-soc2-logs"
}
