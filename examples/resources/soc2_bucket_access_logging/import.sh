# Imported by target bucket and selector: <target_bucket>;buckets=<a>,<b>;tags=<key>=<value>,...
# (either or both of buckets= and tags=). target_prefix and partitioned_prefix are read from
# the sources' logging. Sources logging to the target become managed: destroy switches their
# logging off; sources logging elsewhere keep that configuration to be put back on destroy.
terraform import soc2_bucket_access_logging.sensitive 'acme-s3-access-logs;buckets=acme-customer-data;tags=data-classification=sensitive'
