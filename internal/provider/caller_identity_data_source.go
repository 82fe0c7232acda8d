package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// The caller identity data source exposes what the account guard checked, so configurations can
// build ARNs and auditors can see which account a baseline was applied to.
type callerIdentityDataSource struct {
	client *conns.AWSClient
}

func newCallerIdentityDataSource() datasource.DataSource { return &callerIdentityDataSource{} }

type callerIdentityModel struct {
	AccountID  types.String `tfsdk:"account_id"`
	ARN        types.String `tfsdk:"arn"`
	Partition  types.String `tfsdk:"partition"`
	HomeRegion types.String `tfsdk:"home_region"`
}

func (d *callerIdentityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_caller_identity"
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

func (d *callerIdentityDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *callerIdentityDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.client == nil {
		resp.Diagnostics.AddError("Provider not configured", "the soc2 provider has no AWS client; check the provider block")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, callerIdentityModel{
		AccountID:  types.StringValue(d.client.AccountID),
		ARN:        types.StringValue(d.client.CallerARN),
		Partition:  types.StringValue(d.client.Partition),
		HomeRegion: types.StringValue(d.client.HomeRegion),
	})...)
}
