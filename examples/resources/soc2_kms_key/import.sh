# A key is imported by its key id or key ARN; services, admin_arns and log_group_names are
# recovered from the key policy this resource generated.
terraform import soc2_kms_key.evidence 1234abcd-12ab-34cd-56ef-1234567890ab
