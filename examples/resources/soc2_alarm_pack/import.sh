# The import id is the log group name and the name prefix separated by ":" (log group names
# cannot contain a colon). Every argument, including custom alarms, overrides, the profile and
# the business-hours window, is rebuilt from the filters, alarms and topic found in AWS.
terraform import soc2_alarm_pack.alerts '/soc2/cloudtrail:soc2-'
