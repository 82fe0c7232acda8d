# The import id is the trail name. The CloudWatch Logs part is found from the trail's log group
# and role, and the Config part from the regions whose delivery channel writes to the trail's
# bucket. Recorders found this way are recorded as created by the baseline (not adopted).
terraform import soc2_cloudtrail_baseline.main soc2
