package cloudtrailbaseline

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// orgTrailDocs says who may create an organization trail: the management account, or a
// delegated administrator of CloudTrail.
const orgTrailDocs = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html"

// cloudTrailPrincipal is the service principal CloudTrail delegated administrators are registered for.
const cloudTrailPrincipal = "cloudtrail.amazonaws.com"

// organizationFacts is what the account knows of its organization.
type organizationFacts struct {
	ID, ManagementAccountID string
	// Delegated lists the delegated administrators of the service asked about; nil when they
	// could not be read.
	Delegated []string
	// DelegatedErr is why they could not be read (a member account may not list them).
	DelegatedErr error
}

// findOrganization reads the account's organization; an account outside any organization is a
// framework.NotFoundError.
func (r *baselineResource) findOrganization(ctx context.Context, principal string) (*organizationFacts, error) {
	org := r.Client.Organizations()
	out, err := org.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		err = framework.AsNotFound(err, "organization of account "+r.Client.AccountID, framework.IsA[*orgtypes.AWSOrganizationsNotInUseException])
		return nil, fmt.Errorf("reading the organization (Organizations DescribeOrganization): %w", err)
	}
	f := &organizationFacts{ID: aws.ToString(out.Organization.Id), ManagementAccountID: aws.ToString(out.Organization.MasterAccountId)}
	if f.ManagementAccountID == r.Client.AccountID {
		return f, nil
	}
	p := organizations.NewListDelegatedAdministratorsPaginator(org, &organizations.ListDelegatedAdministratorsInput{ServicePrincipal: aws.String(principal)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			f.Delegated, f.DelegatedErr = nil, err
			return f, nil
		}
		for _, a := range page.DelegatedAdministrators {
			f.Delegated = append(f.Delegated, aws.ToString(a.Id))
		}
	}
	return f, nil
}

// organizationTrailProblem says why this account may not own an organization trail, or "".
func organizationTrailProblem(account string, f *organizationFacts) string {
	if f == nil {
		return fmt.Sprintf("account %s is not a member of an AWS Organization, so there is no organization to log; set "+
			"organization_trail = false, or create the organization first (%s)", account, orgTrailDocs)
	}
	p := organizationProblem(account, f, "CloudTrail", "cloudtrail register-organization-delegated-admin")
	if p == "" {
		return ""
	}
	return p + " See " + orgTrailDocs + "; member accounts keep organization_trail = false."
}

// organizationProblem says why this account may not act for the whole organization on behalf of
// service (its management account or the service's delegated administrator may), or "".
func organizationProblem(account string, f *organizationFacts, service, register string) string {
	if f == nil {
		return fmt.Sprintf("account %s is not a member of an AWS Organization, so there is no organization to aggregate; "+
			"remove config_aggregator, or create the organization first", account)
	}
	if f.ManagementAccountID == account || slices.Contains(f.Delegated, account) {
		return ""
	}
	why := ""
	if f.DelegatedErr != nil {
		why = fmt.Sprintf(" (its delegated administrators could not be listed: %v)", f.DelegatedErr)
	}
	return fmt.Sprintf("account %s is neither the management account (%s) of organization %s nor a delegated administrator "+
		"of %s%s. Apply this resource with a provider for the management account (e.g. assume_role into it), or "+
		"register this account as %s's delegated administrator first (aws %s).", account, f.ManagementAccountID, f.ID, service, why, service, register)
}

// readOrganizationID sets the organization an organization trail logs (read once, then kept:
// an account does not change organization under a trail), and null for an account-only trail.
func (r *baselineResource) readOrganizationID(ctx context.Context, m *resourceModel, organization bool) error {
	if !organization {
		m.OrganizationID = types.StringNull()
		return nil
	}
	if framework.Known(m.OrganizationID) && m.OrganizationID.ValueString() != "" {
		return nil
	}
	f, err := r.findOrganization(ctx, cloudTrailPrincipal)
	if err != nil {
		return err
	}
	m.OrganizationID = types.StringValue(f.ID)
	return nil
}
