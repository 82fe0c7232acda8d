// Package provider defines the soc2 provider: its configuration schema, the account guard and
// the list of resources it serves.
package provider

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

var _ provider.Provider = (*soc2Provider)(nil)

type soc2Provider struct {
	version string
}

// New returns the provider factory providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &soc2Provider{version: version} }
}

type providerModel struct {
	Region                 types.String     `tfsdk:"region"`
	Profile                types.String     `tfsdk:"profile"`
	SharedConfigFiles      types.List       `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List       `tfsdk:"shared_credentials_files"`
	EndpointURL            types.String     `tfsdk:"endpoint_url"`
	AllowedAccountIDs      types.Set        `tfsdk:"allowed_account_ids"`
	ForbiddenAccountIDs    types.Set        `tfsdk:"forbidden_account_ids"`
	DefaultTags            types.Map        `tfsdk:"default_tags"`
	MaxRetries             types.Int64      `tfsdk:"max_retries"`
	SkipRegionValidation   types.Bool       `tfsdk:"skip_region_validation"`
	AssumeRole             *assumeRoleModel `tfsdk:"assume_role"`
}

type assumeRoleModel struct {
	RoleARN     types.String `tfsdk:"role_arn"`
	ExternalID  types.String `tfsdk:"external_id"`
	SessionName types.String `tfsdk:"session_name"`
	Duration    types.String `tfsdk:"duration"`
}

func (p *soc2Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "soc2"
	resp.Version = p.version
}

func (p *soc2Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Puts an AWS account under a SOC 2 logging and alerting baseline and keeps it there. " +
			"Credentials come from the AWS SDK's default chain (environment, shared config and credentials files, SSO, " +
			"instance and container roles), optionally followed by `assume_role`.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Home region: where the trail, log group and alarms live. Defaults to `AWS_REGION` or the profile's region.",
				Validators:          []validator.String{validate.Region()},
			},
			"profile": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Named profile of the shared config files (`AWS_PROFILE` otherwise). SSO profiles work.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"shared_config_files": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Shared config files to read instead of `~/.aws/config`.",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"shared_credentials_files": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Shared credentials files to read instead of `~/.aws/credentials`.",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"skip_region_validation": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Accept a `region` this provider does not know as a region of its AWS partition " +
					"(one AWS launched after this release). Without it such a region, a typo like `us-east-7` say, " +
					"is refused at plan time before any call. Regions are never checked with `endpoint_url` set.",
			},
			"endpoint_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Send every AWS call to this endpoint, e.g. `http://127.0.0.1:4566` for moto or LocalStack. " +
					"Falls back to `AWS_ENDPOINT_URL`. S3 then uses path-style addressing.",
				Validators: []validator.String{validate.EndpointURL()},
			},
			"allowed_account_ids": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Only these AWS accounts may be managed. Any other account is refused when the provider " +
					"is configured, before any resource is read or changed. Conflicts with `forbidden_account_ids`.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validate.AccountID()),
					setvalidator.ConflictsWith(path.MatchRoot("forbidden_account_ids")),
				},
			},
			"forbidden_account_ids": schema.SetAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "These AWS accounts are refused before anything is touched. Conflicts with `allowed_account_ids`.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validate.AccountID()),
				},
			},
			"default_tags": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Tags merged into every taggable object the provider creates; a resource's own `tags` win on conflicts.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "How often a throttled or failed AWS call is retried, with exponential backoff. Default 10.",
				Validators:          []validator.Int64{int64validator.Between(0, 100)},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume this IAM role after loading the base credentials.",
				Validators: []validator.Object{
					objectvalidator.AlsoRequires(path.MatchRelative().AtName("role_arn")),
				},
				Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "ARN of the role to assume. Required when the block is present.",
						Validators:          []validator.String{validate.ARN("iam", "role/")},
					},
					"external_id": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "External id the role's trust policy requires.",
						Validators:          []validator.String{stringvalidator.LengthBetween(2, 1224)},
					},
					"session_name": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Session name shown in CloudTrail. Default `terraform-provider-soc2`.",
						Validators:          []validator.String{stringvalidator.LengthBetween(2, 64)},
					},
					"duration": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Session duration as a Go duration, e.g. `1h`. Between 15m and 12h.",
						Validators:          []validator.String{durationValidator()},
					},
				},
			},
		},
	}
}

func durationValidator() validator.String {
	return validate.StringFunc("a duration between 15m and 12h", func(v string) string {
		d, err := time.ParseDuration(v)
		if err != nil || d < 15*time.Minute || d > 12*time.Hour {
			return "not a duration between 15m and 12h; use e.g. \"1h\" or \"90m\""
		}
		return ""
	})
}

func (p *soc2Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}

	cfg, diags := model.clientConfig(ctx, p.version)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	client, err := conns.New(ctx, cfg)
	if err != nil {
		addClientError(&resp.Diagnostics, err)
		return
	}

	allowed, diags := framework.StringList(ctx, model.AllowedAccountIDs)
	resp.Diagnostics.Append(diags...)
	forbidden, diags := framework.StringList(ctx, model.ForbiddenAccountIDs)
	resp.Diagnostics.Append(diags...)
	if err := client.CheckAccount(allowed, forbidden); err != nil {
		attr := path.Root("allowed_account_ids")
		if len(allowed) == 0 {
			attr = path.Root("forbidden_account_ids")
		}
		resp.Diagnostics.AddAttributeError(attr, "Refusing to manage this AWS account", err.Error())
		return
	}

	tflog.Info(ctx, "configured AWS client", map[string]any{
		"account_id":  client.AccountID,
		"home_region": client.HomeRegion,
		"endpoint":    cfg.EndpointURL,
	})
	resp.ResourceData = client
	resp.DataSourceData = client
}

// addClientError reports a failure to set up the AWS client against what the user can fix: the
// region attribute, the credentials, or the connection.
func addClientError(diags *diag.Diagnostics, err error) {
	var unknownRegion *conns.UnknownRegionError
	switch {
	case errors.As(err, &unknownRegion):
		diags.AddAttributeError(path.Root("region"), "Unknown AWS region", err.Error())
	case conns.IsCredentialsError(err):
		diags.AddError("No usable AWS credentials", err.Error())
	default:
		diags.AddError("Cannot reach AWS", err.Error())
	}
}

func (m providerModel) clientConfig(ctx context.Context, version string) (conns.Config, diag.Diagnostics) {
	configFiles, diags := framework.StringList(ctx, m.SharedConfigFiles)
	credentialsFiles, d := framework.StringList(ctx, m.SharedCredentialsFiles)
	diags.Append(d...)
	cfg := conns.Config{
		Region:                 m.Region.ValueString(),
		Profile:                m.Profile.ValueString(),
		SharedConfigFiles:      configFiles,
		SharedCredentialsFiles: credentialsFiles,
		EndpointURL:            m.EndpointURL.ValueString(),
		MaxRetries:             -1,
		ProviderVersion:        version,
		RecordCalls:            true,
		SkipRegionValidation:   m.SkipRegionValidation.ValueBool(),
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if cfg.EndpointURL == "" {
		if env := os.Getenv("AWS_ENDPOINT_URL"); env != "" {
			if problem := validate.EndpointURLProblem(env); problem != "" {
				diags.AddError("Invalid AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL = "+env+": "+problem)
				return cfg, diags
			}
			cfg.EndpointURL = env
		}
	}
	if !m.DefaultTags.IsNull() && !m.DefaultTags.IsUnknown() {
		tags := map[string]string{}
		diags.Append(m.DefaultTags.ElementsAs(ctx, &tags, false)...)
		cfg.DefaultTags = tags
	}
	if ar := m.AssumeRole; ar != nil && !ar.RoleARN.IsNull() {
		cfg.AssumeRole = &conns.AssumeRole{
			RoleARN:     ar.RoleARN.ValueString(),
			ExternalID:  ar.ExternalID.ValueString(),
			SessionName: ar.SessionName.ValueString(),
		}
		if d, err := time.ParseDuration(ar.Duration.ValueString()); err == nil {
			cfg.AssumeRole.Duration = d
		}
	}
	return cfg, diags
}

func (p *soc2Provider) Resources(context.Context) []func() resource.Resource {
	return resources()
}

func (p *soc2Provider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSources()
}
