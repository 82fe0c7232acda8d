# A log bucket is imported by its name.
terraform import soc2_log_bucket.logs acme-soc2-logs
