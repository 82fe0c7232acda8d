# Adopt the analyzers of that name (and their findings rules) in every enabled region.
import {
  to = soc2_access_analyzer.this
  id = "soc2-access-analyzer"
}
