# Adopt an existing key by its key id (or ARN). The next apply enforces rotation, the enabled
# state and the generated key policy.
import {
  to = soc2_kms_key.evidence
  id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}
