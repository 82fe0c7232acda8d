package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// The caller identity data source exposes what the account guard checked, so configurations can
// build ARNs and auditors can see which account a baseline was applied to.
type callerIdentityDataSource struct {
	framework.DataSourceBase
}

func newCallerIdentityDataSource() datasource.DataSource {
	return &callerIdentityDataSource{DataSourceBase: framework.NewDataSourceBase("_caller_identity")}
}

type callerIdentityModel struct {
	AccountID  types.String `tfsdk:"account_id"`
	ARN        types.String `tfsdk:"arn"`
	Partition  types.String `tfsdk:"partition"`
	HomeRegion types.String `tfsdk:"home_region"`
}

func (d *callerIdentityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The AWS account, caller and home region the provider manages (the identity `allowed_account_ids` was checked against).",
		Attributes: map[string]schema.Attribute{
			"account_id":  schema.StringAttribute{Computed: true, MarkdownDescription: "AWS account id."},
			"arn":         schema.StringAttribute{Computed: true, MarkdownDescription: "ARN of the calling principal."},
			"partition":   schema.StringAttribute{Computed: true, MarkdownDescription: "AWS partition (`aws`, `aws-cn`, `aws-us-gov`)."},
			"home_region": schema.StringAttribute{Computed: true, MarkdownDescription: "The provider's home region."},
		},
	}
}

func (d *callerIdentityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	framework.ReadData(ctx, d.Client, req, resp, func(context.Context, callerIdentityModel) (framework.Next[callerIdentityModel], diag.Diagnostics) {
		return framework.Save(callerIdentityModel{
			AccountID:  types.StringValue(d.Client.AccountID),
			ARN:        types.StringValue(d.Client.CallerARN),
			Partition:  types.StringValue(d.Client.Partition),
			HomeRegion: types.StringValue(d.Client.HomeRegion),
		}), nil
	})
}
