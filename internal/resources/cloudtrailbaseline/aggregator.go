package cloudtrailbaseline

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// configPrincipal is the service principal AWS Config delegated administrators are registered for.
const configPrincipal = "config.amazonaws.com"

// aggregatorModel is config_aggregator: an organization-wide AWS Config aggregator and its role.
type aggregatorModel struct {
	Organization    types.Bool   `tfsdk:"organization"`
	Name            types.String `tfsdk:"name"`
	ARN             types.String `tfsdk:"arn"`
	AllRegions      types.Bool   `tfsdk:"all_regions"`
	RoleName        types.String `tfsdk:"role_name"`
	RoleARN         types.String `tfsdk:"role_arn"`
	RoleTrustPolicy types.String `tfsdk:"role_trust_policy"`
	RolePolicyARN   types.String `tfsdk:"role_policy_arn"`
}

// aggregatorView is what AWS has of the aggregator and its role; zero values mean absent.
type aggregatorView struct {
	ARN, SourceRoleARN string
	AllRegions         bool
	RoleARN            string
	TrustPolicy        string
	PolicyAttached     bool
}

// aggregatorRoleName derives the aggregator role's name from the trail's: the delivery role's
// soc2-cloudtrail- prefix (one IAM statement of the deploy policy covers both) and a "+config"
// suffix, which no trail name can contain, so it never collides with a delivery role.
func aggregatorRoleName(trail string) string {
	return roleNameFor(trail + "+config")
}

// readAggregator reads the aggregator named after the trail and its role.
func (r *baselineResource) readAggregator(ctx context.Context, trail string) (aggregatorView, error) {
	var v aggregatorView
	out, err := r.Client.ConfigService("").DescribeConfigurationAggregators(ctx, &configservice.DescribeConfigurationAggregatorsInput{
		ConfigurationAggregatorNames: []string{trail},
	})
	switch {
	case framework.IsA[*cfgtypes.NoSuchConfigurationAggregatorException](err):
	case err != nil:
		return v, fmt.Errorf("reading configuration aggregator %s (Config DescribeConfigurationAggregators): %w", trail, err)
	case len(out.ConfigurationAggregators) > 0:
		a := out.ConfigurationAggregators[0]
		v.ARN = aws.ToString(a.ConfigurationAggregatorArn)
		if src := a.OrganizationAggregationSource; src != nil {
			v.SourceRoleARN, v.AllRegions = aws.ToString(src.RoleArn), src.AllAwsRegions
		}
	}
	role := aggregatorRoleName(trail)
	got, err := r.Client.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)})
	if framework.IsA[*iamtypes.NoSuchEntityException](err) {
		return v, nil
	}
	if err != nil {
		return v, fmt.Errorf("reading role %s (IAM GetRole): %w", role, err)
	}
	v.RoleARN, v.TrustPolicy = aws.ToString(got.Role.Arn), policydoc.Decode(aws.ToString(got.Role.AssumeRolePolicyDocument))
	attached, err := r.Client.IAM().ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	if err != nil {
		return v, fmt.Errorf("reading the policies of role %s (IAM ListAttachedRolePolicies): %w", role, err)
	}
	want := policies.ConfigOrganizationsPolicyARN(r.Client.Partition)
	for _, p := range attached.AttachedPolicies {
		v.PolicyAttached = v.PolicyAttached || aws.ToString(p.PolicyArn) == want
	}
	return v, nil
}

// flattenAggregator stores what AWS has: an absent aggregator reads with empty ARN and role, a
// detached policy with an empty role_policy_arn, each drift the plan restores.
func (r *baselineResource) flattenAggregator(m *resourceModel, v aggregatorView) error {
	trust, err := policies.ConfigAggregatorTrust(r.Client.Partition)
	if err != nil {
		return err
	}
	a := m.ConfigAggregator
	a.Name = types.StringValue(m.Name.ValueString())
	a.ARN = types.StringValue(v.ARN)
	a.AllRegions = types.BoolValue(v.AllRegions)
	a.RoleName = types.StringValue(aggregatorRoleName(m.Name.ValueString()))
	a.RoleARN = types.StringValue(v.SourceRoleARN)
	a.RoleTrustPolicy = types.StringValue(policydoc.Preferred(v.TrustPolicy, trust))
	a.RolePolicyARN = types.StringValue("")
	if v.PolicyAttached {
		a.RolePolicyARN = types.StringValue(policies.ConfigOrganizationsPolicyARN(r.Client.Partition))
	}
	return nil
}

// ensureAggregator creates or repairs the aggregator's role (trust policy, managed policy) and
// the aggregator (organization source, all regions, that role). AWS Config checks the role when
// the aggregator is put, so a role made or changed in this apply is retried while IAM propagates.
func (r *baselineResource) ensureAggregator(ctx context.Context, trail string, tags map[string]string) error {
	have, err := r.readAggregator(ctx, trail)
	if err != nil {
		return err
	}
	roleARN, roleIsNew, err := r.ensureAggregatorRole(ctx, trail, have, tags)
	if err != nil {
		return err
	}
	if have.ARN != "" && have.SourceRoleARN == roleARN && have.AllRegions {
		return nil
	}
	in := &configservice.PutConfigurationAggregatorInput{
		ConfigurationAggregatorName: aws.String(trail),
		OrganizationAggregationSource: &cfgtypes.OrganizationAggregationSource{
			RoleArn: aws.String(roleARN), AllAwsRegions: true,
		},
	}
	if have.ARN == "" {
		in.Tags = cfgTags(tags)
	}
	put := func() error { _, err := r.Client.ConfigService("").PutConfigurationAggregator(ctx, in); return err }
	if roleIsNew {
		err = framework.RetryWhen(ctx, framework.PropagationTimeout, put, framework.IsA[*cfgtypes.InvalidRoleException])
	} else {
		err = put()
	}
	if err != nil {
		return fmt.Errorf("putting configuration aggregator %s (Config PutConfigurationAggregator): %w", trail, err)
	}
	return nil
}

func (r *baselineResource) ensureAggregatorRole(ctx context.Context, trail string, have aggregatorView, tags map[string]string) (string, bool, error) {
	client := r.Client.IAM()
	role := aws.String(aggregatorRoleName(trail))
	trust, err := policies.ConfigAggregatorTrust(r.Client.Partition)
	if err != nil {
		return "", false, err
	}
	roleARN, isNew := have.RoleARN, false
	if roleARN == "" {
		out, err := client.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName: role, AssumeRolePolicyDocument: aws.String(trust), Tags: iamTags(tags),
			Description: aws.String("Lets AWS Config aggregate the organization's configuration for the SOC 2 baseline (terraform-provider-soc2)."),
		})
		if err != nil {
			return "", false, fmt.Errorf("creating role %s (IAM CreateRole): %w", *role, err)
		}
		roleARN, isNew, have.TrustPolicy = aws.ToString(out.Role.Arn), true, trust
	}
	if !policydoc.Equivalent(have.TrustPolicy, trust) {
		if _, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: role, PolicyDocument: aws.String(trust)}); err != nil {
			return "", false, fmt.Errorf("restoring the trust policy of role %s (IAM UpdateAssumeRolePolicy): %w", *role, err)
		}
		isNew = true
	}
	if !have.PolicyAttached {
		if _, err := client.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{
			RoleName: role, PolicyArn: aws.String(policies.ConfigOrganizationsPolicyARN(r.Client.Partition)),
		}); err != nil {
			return "", false, fmt.Errorf("attaching AWSConfigRoleForOrganizations to role %s (IAM AttachRolePolicy): %w", *role, err)
		}
		isNew = true
	}
	return roleARN, isNew, nil
}

func cfgTags(m map[string]string) []cfgtypes.Tag {
	return framework.TagList(m, func(k, v string) cfgtypes.Tag { return cfgtypes.Tag{Key: aws.String(k), Value: aws.String(v)} })
}

// deleteAggregator removes the aggregator and its role; absent ones are fine.
func (r *baselineResource) deleteAggregator(ctx context.Context, trail string) error {
	_, err := r.Client.ConfigService("").DeleteConfigurationAggregator(ctx, &configservice.DeleteConfigurationAggregatorInput{ConfigurationAggregatorName: aws.String(trail)})
	if err != nil && !framework.IsA[*cfgtypes.NoSuchConfigurationAggregatorException](err) {
		return fmt.Errorf("deleting configuration aggregator %s (Config DeleteConfigurationAggregator): %w", trail, err)
	}
	client, role := r.Client.IAM(), aws.String(aggregatorRoleName(trail))
	_, err = client.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: role, PolicyArn: aws.String(policies.ConfigOrganizationsPolicyARN(r.Client.Partition))})
	if err != nil && !framework.IsA[*iamtypes.NoSuchEntityException](err) {
		return fmt.Errorf("detaching the policy of role %s (IAM DetachRolePolicy): %w", *role, err)
	}
	if _, err := client.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: role}); err != nil && !framework.IsA[*iamtypes.NoSuchEntityException](err) {
		return fmt.Errorf("deleting role %s (IAM DeleteRole): %w", *role, err)
	}
	return nil
}

// planAggregator plans the hardened aggregator: the organization as source in every region,
// through the role this resource makes. Only the management account or a delegated administrator
// of AWS Config may aggregate the organization; anything else is refused here.
func (r *baselineResource) planAggregator(ctx context.Context, plan, prior *resourceModel) diag.Diagnostics {
	a := plan.ConfigAggregator
	var diags diag.Diagnostics
	if a == nil {
		return nil
	}
	c := r.Client
	a.Name, a.RoleName, a.RoleARN, a.ARN = plan.Name, types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	if prior != nil && prior.ConfigAggregator != nil && prior.ConfigAggregator.ARN.ValueString() != "" {
		a.ARN = prior.ConfigAggregator.ARN
	}
	if !plan.Name.IsUnknown() {
		a.RoleName = types.StringValue(aggregatorRoleName(plan.Name.ValueString()))
		a.RoleARN = types.StringValue(arns.Role(c.Partition, c.AccountID, a.RoleName.ValueString()))
	}
	a.AllRegions = types.BoolValue(true)
	trust, err := policies.ConfigAggregatorTrust(c.Partition)
	if err != nil {
		diags.AddError("Building the aggregator role's trust policy", err.Error())
	}
	a.RoleTrustPolicy = types.StringValue(trust)
	a.RolePolicyARN = types.StringValue(policies.ConfigOrganizationsPolicyARN(c.Partition))
	f, err := r.findOrganization(ctx, configPrincipal)
	if err != nil && !framework.NotFound(err) {
		diags.AddAttributeError(path.Root("config_aggregator"), "Organization not readable",
			fmt.Sprintf("config_aggregator.organization = true: %v. Let the deploy role call organizations:DescribeOrganization and organizations:ListDelegatedAdministrators.", err))
		return diags
	}
	if problem := organizationProblem(c.AccountID, f, "AWS Config", "register-delegated-administrator --service-principal config.amazonaws.com"); problem != "" {
		diags.AddAttributeError(path.Root("config_aggregator").AtName("organization"), "Invalid config_aggregator", "config_aggregator.organization = true: "+problem)
	}
	return diags
}

// applyAggregator makes or repairs the aggregator the plan asks for, and removes one the plan
// dropped.
func (r *baselineResource) applyAggregator(ctx context.Context, plan resourceModel, prior *resourceModel) error {
	name := plan.Name.ValueString()
	if plan.ConfigAggregator != nil {
		return r.ensureAggregator(ctx, name, desiredTags(r.Client, plan))
	}
	if prior != nil && prior.ConfigAggregator != nil {
		return r.deleteAggregator(ctx, name)
	}
	return nil
}

// refreshAggregator reads the aggregator into m when the configuration has one.
func (r *baselineResource) refreshAggregator(ctx context.Context, m *resourceModel) error {
	if m.ConfigAggregator == nil {
		return nil
	}
	v, err := r.readAggregator(ctx, m.Name.ValueString())
	if err != nil {
		return err
	}
	return r.flattenAggregator(m, v)
}

// importAggregator recovers config_aggregator when an aggregator named after the trail exists.
func (r *baselineResource) importAggregator(ctx context.Context, m *resourceModel) error {
	v, err := r.readAggregator(ctx, m.Name.ValueString())
	if err != nil || v.ARN == "" {
		return err
	}
	m.ConfigAggregator = &aggregatorModel{Organization: types.BoolValue(true)}
	return nil
}

func aggregatorSchema() schema.SingleNestedAttribute {
	return framework.OptionalObject("An organization-wide AWS Config aggregator, named after the trail: the configuration "+
		"and compliance of every account and region of the organization in one view (CC7.1 across accounts). Only the "+
		"management account or a delegated administrator of AWS Config may make one; the plan checks (Organizations "+
		"DescribeOrganization, ListDelegatedAdministrators) and refuses anywhere else. Creates an IAM role that only "+
		"`config.amazonaws.com` may assume, with the AWS managed policy `AWSConfigRoleForOrganizations` "+
		"([Setting up an aggregator](https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html)). "+
		"Tagged at creation; the aggregator, its regions, the role, its trust policy and its policy are drift-checked.",
		map[string]schema.Attribute{
			"organization": schema.BoolAttribute{
				Required:            true,
				MarkdownDescription: "Must be `true`: aggregate the whole organization (account-list aggregators are not supported).",
			},
			"name":        framework.ComputedString("Name of the aggregator: the trail's name."),
			"arn":         framework.ComputedString("ARN of the aggregator; empty when it was deleted." + hardened),
			"all_regions": framework.ComputedBool("Whether the aggregator covers every region, present and future." + hardened),
			"role_name":   framework.ComputedString("Name of the aggregator's role, derived from the trail name."),
			"role_arn":    framework.ComputedString("Role the aggregator uses, as AWS Config reports it." + hardened),
			"role_trust_policy": framework.ComputedString("Trust policy of the role (JSON): only `config.amazonaws.com` may assume it." +
				hardened),
			"role_policy_arn": framework.ComputedString("The AWS managed policy `AWSConfigRoleForOrganizations` attached to the role; " +
				"empty when it was detached." + hardened),
		})
}
