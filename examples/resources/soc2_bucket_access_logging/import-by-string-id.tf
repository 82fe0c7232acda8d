# Adopt the logging of the selected buckets: <target_bucket>;buckets=<a>,<b>;tags=<key>=<value>.
import {
  to = soc2_bucket_access_logging.sensitive
  id = "acme-s3-access-logs;buckets=acme-customer-data;tags=data-classification=sensitive"
}
