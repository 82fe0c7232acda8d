# Makes this folder a configuration of its own (`terraform validate` passes in it as shipped);
# the docs show only the other files.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    soc2 = {
      source = "soc2kit/soc2"
    }
  }
}
