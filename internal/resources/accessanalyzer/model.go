package accessanalyzer

import (
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceModel is the Terraform state of soc2_access_analyzer.
type resourceModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Type                types.String `tfsdk:"type"`
	Regions             types.Set    `tfsdk:"regions"`
	UnusedAccessAgeDays types.Int64  `tfsdk:"unused_access_age_days"`
	ArchiveRules        types.Map    `tfsdk:"archive_rules"`
	SNSTopicARN         types.String `tfsdk:"sns_topic_arn"`
	Analyzers           types.Map    `tfsdk:"analyzers"`
	ForwardingRoleARN   types.String `tfsdk:"forwarding_role_arn"`
	Tags                types.Map    `tfsdk:"tags"`
	TagsAll             types.Map    `tfsdk:"tags_all"`
}

// archiveRuleModel is one element of archive_rules.
type archiveRuleModel struct {
	Filter map[string]criterionModel `tfsdk:"filter"`
}

// criterionModel is one filter key's criterion, as Access Analyzer's Criterion shape.
type criterionModel struct {
	Eq       []string `tfsdk:"eq"`
	Neq      []string `tfsdk:"neq"`
	Contains []string `tfsdk:"contains"`
	Exists   *bool    `tfsdk:"exists"`
}

var criterionAttrTypes = map[string]attr.Type{
	"eq": types.ListType{ElemType: types.StringType}, "neq": types.ListType{ElemType: types.StringType},
	"contains": types.ListType{ElemType: types.StringType}, "exists": types.BoolType,
}

var archiveRuleObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"filter": types.MapType{ElemType: types.ObjectType{AttrTypes: criterionAttrTypes}},
}}

// regionModel is one element of the computed analyzers map: what a region has.
type regionModel struct {
	AnalyzerARN             types.String `tfsdk:"analyzer_arn"`
	Status                  types.String `tfsdk:"status"`
	UnusedAccessAnalyzerARN types.String `tfsdk:"unused_access_analyzer_arn"`
	UnusedAccessStatus      types.String `tfsdk:"unused_access_status"`
	RuleARN                 types.String `tfsdk:"rule_arn"`
	RuleState               types.String `tfsdk:"rule_state"`
	RuleMatchesFindings     types.Bool   `tfsdk:"rule_matches_findings"`
	TargetPresent           types.Bool   `tfsdk:"target_present"`
	ArchiveRulesInSync      types.Bool   `tfsdk:"archive_rules_in_sync"`
}

var regionAttrTypes = map[string]attr.Type{
	"analyzer_arn": types.StringType, "status": types.StringType,
	"unused_access_analyzer_arn": types.StringType, "unused_access_status": types.StringType,
	"rule_arn": types.StringType, "rule_state": types.StringType,
	"rule_matches_findings": types.BoolType, "target_present": types.BoolType, "archive_rules_in_sync": types.BoolType,
}

var regionObjectType = types.ObjectType{AttrTypes: regionAttrTypes}

// Values of status, unused_access_status and rule_state that AWS itself never reports.
const (
	statusMissing       = "MISSING"        // the object does not exist in the region
	statusNotConfigured = "NOT_CONFIGURED" // unused_access_age_days is not set
	statusActive        = "ACTIVE"
	ruleEnabled         = "ENABLED"
)

// AWS side ----------------------------------------------------------------------------------

// archiveRule is an archive rule's filter: filter key → criterion.
type archiveRule map[string]criterion

// criterion is Access Analyzer's Criterion with slices sorted, so two equal rules compare equal.
type criterion struct {
	Eq, Neq, Contains []string
	Exists            *bool
}

// desired is the hardened state the configuration asks for.
type desired struct {
	Name      string
	Type      aatypes.Type
	Regions   []string
	UnusedAge int32 // 0: no unused-access analyzer
	Archive   map[string]archiveRule
	TopicARN  string
	Tags      map[string]string
}

// regionFound is what one region has of the objects the resource owns.
type regionFound struct {
	Analyzer *aatypes.AnalyzerSummary // nil: missing
	Unused   *aatypes.AnalyzerSummary // nil: missing
	Archive  map[string]archiveRule   // nil when the analyzer is missing
	Rule     *ruleFound               // nil: missing
}

// ruleFound is the EventBridge rule of a region with its targets and tags.
type ruleFound struct {
	ARN, State, Pattern string
	Targets             []ebtypes.Target
	Tags                map[string]string
}
