# Active external-access findings of the analyzer in every enabled region, e.g. for a quarterly
# access review. Findings are read at plan time; they are never part of soc2_access_analyzer's
# planned state.
data "soc2_access_findings" "active" {
  analyzer_name = "soc2-access-analyzer"
}

output "public_resources" {
  value = [for f in data.soc2_access_findings.active.findings : "${f.region}: ${f.resource}" if f.is_public]
}
