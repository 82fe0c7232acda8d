package policies

import (
	"errors"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const configService = "config.amazonaws.com"

// ConfigAggregatorTrust is the trust policy of the role an organization-wide AWS Config
// aggregator uses to read the organization: AWS Config may assume it
// (https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html).
func ConfigAggregatorTrust(partition string) (string, error) {
	if partition == "" {
		return "", errors.New("config aggregator trust policy: partition is empty")
	}
	return policydoc.Document{Statement: []policydoc.Statement{{
		// The aggregator's role reads the organization's accounts on Config's behalf; only
		// Config assumes it.
		// https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html
		Sid:       "ConfigOnly",
		Effect:    policydoc.Allow,
		Principal: policydoc.Service(configService),
		Action:    policydoc.Values{"sts:AssumeRole"},
	}}}.JSON()
}

// ConfigOrganizationsPolicyARN is the AWS managed policy the aggregator's role needs to list the
// organization's accounts (same page).
func ConfigOrganizationsPolicyARN(partition string) string {
	return "arn:" + partition + ":iam::aws:policy/service-role/AWSConfigRoleForOrganizations"
}
