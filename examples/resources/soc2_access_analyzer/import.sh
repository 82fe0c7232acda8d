# The import id is the analyzer name. Import recovers, from every enabled region where that
# analyzer or its findings rule exists: the regions, the type, the unused-access age, the archive
# rules, the topic the rule targets and the tags.
terraform import soc2_access_analyzer.this soc2-access-analyzer
