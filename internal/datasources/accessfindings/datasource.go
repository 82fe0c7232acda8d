// Package accessfindings implements the soc2_access_findings data source: the active findings of
// soc2_access_analyzer's external-access analyzers, for reports. Findings change without anyone
// touching the configuration, so they are read here and never planned by the resource.
package accessfindings

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*findingsDataSource)(nil)

type findingsDataSource struct {
	framework.DataSourceBase
}

// NewDataSource is the constructor the provider registry lists.
func NewDataSource() datasource.DataSource {
	return &findingsDataSource{DataSourceBase: framework.NewDataSourceBase("_access_findings")}
}

type model struct {
	AnalyzerName types.String   `tfsdk:"analyzer_name"`
	Regions      types.Set      `tfsdk:"regions"`
	Findings     []findingModel `tfsdk:"findings"`
}

type findingModel struct {
	ID           types.String `tfsdk:"id"`
	Region       types.String `tfsdk:"region"`
	Resource     types.String `tfsdk:"resource"`
	ResourceType types.String `tfsdk:"resource_type"`
	Principal    types.Map    `tfsdk:"principal"`
	Condition    types.Map    `tfsdk:"condition"`
	IsPublic     types.Bool   `tfsdk:"is_public"`
	Actions      types.List   `tfsdk:"actions"`
}

func (d *findingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str, strMap := framework.DataSourceString, framework.DataSourceStringMap
	resp.Schema = schema.Schema{
		MarkdownDescription: "The ACTIVE findings of an external-access analyzer (such as `soc2_access_analyzer`'s) in every " +
			"region, for access reviews and audit evidence (SOC 2 CC6.1, CC6.3). Regions without that analyzer are skipped.",
		Attributes: map[string]schema.Attribute{
			"analyzer_name": schema.StringAttribute{Required: true, MarkdownDescription: "The analyzer name, e.g. `soc2_access_analyzer.this.name`."},
			"regions": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Regions to read. Default: every region enabled for the account.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(validate.Region())}},
			"findings": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "Active findings, sorted by region, resource and id.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": str("Finding id."), "region": str("Region of the analyzer that reported it."),
					"resource": str("The resource shared outside the zone of trust."), "resource_type": str("Its type, e.g. `AWS::S3::Bucket`."),
					"principal": strMap("The external principal granted access (e.g. `AWS` → account or ARN)."),
					"condition": strMap("The policy conditions that limit the access, if any."),
					"is_public": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the resource is public."},
					"actions":   schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The actions granted."},
				}},
			},
		},
	}
}

func (d *findingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	framework.ReadData(ctx, d.Client, req, resp, d.read)
}

func (d *findingsDataSource) read(ctx context.Context, m model) (next framework.Next[model], diags diag.Diagnostics) {
	regions, diags := framework.StringList(ctx, m.Regions)
	if regions == nil {
		var err error
		if regions, err = d.Client.EnabledRegions(ctx); err != nil {
			return next, append(diags, framework.ErrorDiags("Listing the account's regions", err)...)
		}
	}
	findings, err := activeFindings(ctx, d.Client, regions, m.AnalyzerName.ValueString())
	if err != nil {
		return next, append(diags, framework.ErrorDiags("Reading Access Analyzer findings", err)...)
	}
	m.Findings = findings
	return framework.Save(m), diags
}

// activeFindings lists the ACTIVE findings of the analyzer in every region at once.
func activeFindings(ctx context.Context, client *conns.AWSClient, regions []string, name string) ([]findingModel, error) {
	var (
		mu  sync.Mutex
		all []findingModel
	)
	err := framework.ForEachRegion(ctx, regions, func(ctx context.Context, region string) error {
		found, err := regionFindings(ctx, client, region, name)
		mu.Lock()
		defer mu.Unlock()
		all = append(all, found...)
		return err
	})
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		return slices.Compare([]string{a.Region.ValueString(), a.Resource.ValueString(), a.ID.ValueString()},
			[]string{b.Region.ValueString(), b.Resource.ValueString(), b.ID.ValueString()}) < 0
	})
	return all, err
}

func regionFindings(ctx context.Context, client *conns.AWSClient, region, name string) ([]findingModel, error) {
	analyzer := arn.ARN{Partition: client.Partition, Service: "access-analyzer", Region: region, AccountID: client.AccountID, Resource: "analyzer/" + name}
	pages := accessanalyzer.NewListFindingsPaginator(client.AccessAnalyzer(region), &accessanalyzer.ListFindingsInput{
		AnalyzerArn: aws.String(analyzer.String()),
		Filter:      map[string]aatypes.Criterion{"status": {Eq: []string{string(aatypes.FindingStatusActive)}}},
	})
	var out []findingModel
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if framework.IsA[*aatypes.ResourceNotFoundException](err) {
			return nil, nil // no analyzer of that name in this region
		}
		if err != nil {
			return out, fmt.Errorf("%s: listing findings of %s (Access Analyzer ListFindings): %w", region, name, err)
		}
		for _, f := range page.Findings {
			out = append(out, findingFrom(region, f))
		}
	}
	return out, nil
}

func findingFrom(region string, f aatypes.FindingSummary) findingModel {
	actions, _ := types.ListValueFrom(context.Background(), types.StringType, f.Action)
	principal, _ := types.MapValueFrom(context.Background(), types.StringType, nonNil(f.Principal))
	condition, _ := types.MapValueFrom(context.Background(), types.StringType, nonNil(f.Condition))
	return findingModel{
		ID: types.StringValue(aws.ToString(f.Id)), Region: types.StringValue(region),
		Resource: types.StringValue(aws.ToString(f.Resource)), ResourceType: types.StringValue(string(f.ResourceType)),
		Principal: principal, Condition: condition, IsPublic: types.BoolValue(aws.ToBool(f.IsPublic)), Actions: actions,
	}
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
