package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// ResourceBase gives a resource its type name and, once the provider is configured, the AWS
// client. Embed it and construct it with NewResourceBase.
type ResourceBase struct {
	typeSuffix string
	// Client is nil until Configure ran: Terraform validates configurations (ValidateConfig,
	// and ModifyPlan on destroy-only plans) before the provider is configured.
	Client *conns.AWSClient
}

// NewResourceBase names the resource soc2<suffix>, e.g. "_log_bucket".
func NewResourceBase(typeSuffix string) ResourceBase { return ResourceBase{typeSuffix: typeSuffix} }

// Metadata sets the resource type name.
func (b *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeSuffix
}

// Configure keeps the provider's AWS client.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase is ResourceBase for data sources.
type DataSourceBase struct {
	typeSuffix string
	Client     *conns.AWSClient
}

// NewDataSourceBase names the data source soc2<suffix>.
func NewDataSourceBase(typeSuffix string) DataSourceBase {
	return DataSourceBase{typeSuffix: typeSuffix}
}

// Metadata sets the data source type name.
func (b *DataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeSuffix
}

// Configure keeps the provider's AWS client.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}
