# The SOC 2 evidence of the baseline, read after the baseline is applied: every control's verdict
# and reason, for outputs and checks. `soc2-evidence --out DIR` writes the same model as a binder.
# In the configuration that declares the baseline, name the trail by reference
# (trail = soc2_cloudtrail_baseline.main.name) and add depends_on = [soc2_alarm_pack.alerts], so
# the evidence is read after the whole baseline is applied.
data "soc2_evidence" "now" {
  trail   = "soc2"
  regions = ["us-east-1", "us-west-2", "eu-west-1"]
  days    = 30
}

output "failed_controls" {
  value = { for c in data.soc2_evidence.now.controls : c.id => c.reason if c.status == "fail" }
}

check "soc2_evidence" {
  assert {
    condition     = data.soc2_evidence.now.passed
    error_message = "SOC 2 controls failing: ${join(", ", data.soc2_evidence.now.failed_controls)}"
  }
}
