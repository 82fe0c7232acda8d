# Server access logs of every sensitive data bucket, into a log bucket that accepts them.
resource "soc2_log_bucket" "access_logs" {
  bucket  = "acme-s3-access-logs"
  writers = ["s3_access_logs"] # lets logging.s3.amazonaws.com write, from this account's buckets only
}

resource "soc2_bucket_access_logging" "sensitive" {
  target_bucket = soc2_log_bucket.access_logs.bucket
  target_prefix = "s3-access/{bucket}/" # the default: {bucket} is each source bucket's name

  # Both selectors may be used; the sources are the union.
  buckets     = ["acme-customer-data"]
  bucket_tags = { data-classification = "sensitive" } # every bucket carrying all of these tags

  partitioned_prefix = true # keys <prefix><account>/<region>/<bucket>/<yyyy>/<mm>/<dd>/...
}
