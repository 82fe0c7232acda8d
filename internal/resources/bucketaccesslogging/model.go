package bucketaccesslogging

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceModel is the Terraform state and plan of soc2_bucket_access_logging.
type resourceModel struct {
	ID                types.String `tfsdk:"id"`
	TargetBucket      types.String `tfsdk:"target_bucket"`
	TargetPrefix      types.String `tfsdk:"target_prefix"`
	Buckets           types.Set    `tfsdk:"buckets"`
	BucketTags        types.Map    `tfsdk:"bucket_tags"`
	PartitionedPrefix types.Bool   `tfsdk:"partitioned_prefix"`
	// Sources maps a source bucket name to sourceModel.
	Sources types.Map `tfsdk:"sources"`
}

// sourceModel is one element of the sources map.
type sourceModel struct {
	LoggingEnabled       types.Bool   `tfsdk:"logging_enabled"`
	TargetBucket         types.String `tfsdk:"target_bucket"`
	TargetPrefix         types.String `tfsdk:"target_prefix"`
	PartitionedPrefix    types.Bool   `tfsdk:"partitioned_prefix"`
	Managed              types.Bool   `tfsdk:"managed"`
	PreviousTargetBucket types.String `tfsdk:"previous_target_bucket"`
	PreviousTargetPrefix types.String `tfsdk:"previous_target_prefix"`
}

var sourceAttrTypes = map[string]attr.Type{
	"logging_enabled":        types.BoolType,
	"target_bucket":          types.StringType,
	"target_prefix":          types.StringType,
	"partitioned_prefix":     types.BoolType,
	"managed":                types.BoolType,
	"previous_target_bucket": types.StringType,
	"previous_target_prefix": types.StringType,
}

var sourceType = types.ObjectType{AttrTypes: sourceAttrTypes}

// logging is a bucket's server access logging configuration as S3 reports it.
type logging struct {
	Enabled     bool
	Bucket      string
	Prefix      string
	Partitioned bool
}

// source is one source bucket: what the resource wants of it and what it remembers about it.
type source struct {
	Name    string
	Region  string
	Logging logging
	// Managed is false when the bucket already logged somewhere when this resource took it
	// over; destroy then puts back Previous instead of switching logging off.
	Managed  bool
	Previous logging
}

// spec is the configuration the plan and apply work from.
type spec struct {
	Target         string
	PrefixTemplate string
	Buckets        []string
	Tags           map[string]string
	Partitioned    bool
}
