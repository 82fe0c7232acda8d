// Package evidencedata is the soc2_evidence data source: the evidence binder's model as
// attributes, for Terraform outputs, check blocks and preconditions.
package evidencedata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

type dataSource struct {
	framework.DataSourceBase
}

// NewDataSource is the soc2_evidence constructor.
func NewDataSource() datasource.DataSource {
	return &dataSource{DataSourceBase: framework.NewDataSourceBase("_evidence")}
}

var _ datasource.DataSourceWithConfigure = (*dataSource)(nil)

type model struct {
	Trail            types.String `tfsdk:"trail"`
	Regions          types.List   `tfsdk:"regions"`
	Days             types.Int64  `tfsdk:"days"`
	ID               types.String `tfsdk:"id"`
	SchemaVersion    types.String `tfsdk:"schema_version"`
	GeneratedAt      types.String `tfsdk:"generated_at"`
	Passed           types.Bool   `tfsdk:"passed"`
	FailedControls   types.List   `tfsdk:"failed_controls"`
	Controls         types.List   `tfsdk:"controls"`
	Summary          types.List   `tfsdk:"summary"`
	ChangeEventCount types.Int64  `tfsdk:"change_event_count"`
	Digest           types.String `tfsdk:"digest"`
}

var controlType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "section": types.StringType, "title": types.StringType, "status": types.StringType,
	"reason": types.StringType, "resource": types.StringType, "region": types.StringType, "read_at": types.StringType,
	"soc2": types.ListType{ElemType: types.StringType}, "cis": types.ListType{ElemType: types.StringType},
	"security_hub": types.ListType{ElemType: types.StringType},
}}

var summaryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"criterion": types.StringType, "pass": types.Int64Type, "fail": types.Int64Type, "skipped": types.Int64Type,
}}

func (d *dataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str, strList := framework.DataSourceString, framework.DataSourceStringList
	resp.Schema = schema.Schema{
		MarkdownDescription: "The SOC 2 evidence of the account as read now, control by control: the same model as the " +
			"`soc2-evidence` binder (without its inventory). Each control has a pass/fail verdict with its reason and the SOC 2 " +
			"criteria, CIS AWS Foundations and Security Hub controls it evidences. The baseline is found from its trail: the " +
			"trail's bucket, log group, the alarm pack on that log group, and the Config recorders of `regions`.",
		Attributes: map[string]schema.Attribute{
			"trail": schema.StringAttribute{Optional: true, MarkdownDescription: "Name or ARN of the baseline's trail. " +
				"Default: the one multi-region trail homed in the provider's region (an error when there are several)."},
			"regions": schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Regions whose " +
				"AWS Config recorder is checked. Default: every region enabled for the account."},
			"days": schema.Int64Attribute{Optional: true, MarkdownDescription: "Change-log window in days (default 90).",
				Validators: []validator.Int64{int64validator.Between(1, 3650)}},
			"id":                 str("The account id."),
			"schema_version":     str("Version of the evidence model (`" + evidence.SchemaVersion + "`)."),
			"generated_at":       str("When the evidence was read (RFC 3339, UTC)."),
			"passed":             schema.BoolAttribute{Computed: true, MarkdownDescription: "True when no control failed."},
			"failed_controls":    strList("Ids of the controls that failed."),
			"change_event_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Changes to a logging control in the window."},
			"digest":             str("SHA-256 digest of the evidence (as in evidence.json)."),
			"controls": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Every control, in binder order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": str("Control id, e.g. `trail.logging`."), "section": str("Section: trail, log_bucket, config, alarm_pack, access_logging, access_analyzer."),
					"title": str("What the control checks."), "status": str("`pass`, `fail` or `skipped`."),
					"reason": str("Why: the failure(s), or what passing means."), "resource": str("The AWS object read."),
					"region": str("Region read."), "read_at": str("When it was read."),
					"soc2": strList("SOC 2 criteria evidenced."), "cis": strList("CIS AWS Foundations recommendations evidenced."),
					"security_hub": strList("Security Hub controls evidenced."),
				}}},
			"summary": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Verdict counts per SOC 2 criterion.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"criterion": str("SOC 2 criterion."),
					"pass":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls passed."},
					"fail":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls failed."},
					"skipped":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls skipped."},
				}}},
		},
	}
}

func (d *dataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	framework.ReadData(ctx, d.Client, req, resp, d.read)
}

func (d *dataSource) read(ctx context.Context, m model) (next framework.Next[model], diags diag.Diagnostics) {
	opts := evidence.Options{Trail: m.Trail.ValueString(), Days: int(m.Days.ValueInt64()), SkipInventory: true, Generator: "data.soc2_evidence"}
	if !m.Regions.IsNull() {
		diags.Append(m.Regions.ElementsAs(ctx, &opts.Regions, false)...)
	}
	b, err := evidence.Collect(ctx, d.Client, opts)
	if err != nil {
		return next, append(diags, framework.ErrorDiags("Reading the SOC 2 evidence", err)...)
	}
	diags.Append(fill(&m, b)...)
	return framework.Save(m), diags
}
