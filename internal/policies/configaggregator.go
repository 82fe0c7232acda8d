package policies

const configService = "config.amazonaws.com"

// ConfigAggregatorTrust is the trust policy of the role an organization-wide AWS Config
// aggregator uses to read the organization's accounts on Config's behalf: only AWS Config may
// assume it (https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html).
func ConfigAggregatorTrust(partition string) (string, error) {
	return serviceTrust("config aggregator trust policy", partition, "ConfigOnly", configService)
}

// ConfigOrganizationsPolicyARN is the AWS managed policy the aggregator's role needs to list the
// organization's accounts (same page).
func ConfigOrganizationsPolicyARN(partition string) string {
	return "arn:" + partition + ":iam::aws:policy/service-role/AWSConfigRoleForOrganizations"
}
