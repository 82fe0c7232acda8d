# The evidence bucket the trail delivers to, declared here so this folder validates on its own
# (examples/complete shows the whole baseline).
resource "soc2_log_bucket" "logs" {
  bucket  = "acme-soc2-logs"
  writers = ["cloudtrail", "config"]
}
