// Package logbucket implements soc2_log_bucket, the locked S3 evidence store of the baseline.
package logbucket

import (
	"context"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

var (
	_ resource.ResourceWithConfigure      = (*logBucket)(nil)
	_ resource.ResourceWithImportState    = (*logBucket)(nil)
	_ resource.ResourceWithModifyPlan     = (*logBucket)(nil)
	_ resource.ResourceWithValidateConfig = (*logBucket)(nil)
)

type logBucket struct {
	client *conns.AWSClient
}

// NewResource is the constructor the provider registry lists.
func NewResource() resource.Resource { return &logBucket{} }

func (r *logBucket) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_log_bucket"
}

func (r *logBucket) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ImportState takes the bucket name. Read sees retention_days unset and recovers every argument
// from the bucket's configuration and policy.
func (r *logBucket) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if p := validate.S3BucketNameProblem(req.ID); p != "" {
		resp.Diagnostics.AddError("Invalid import id", "import id "+req.ID+" is not a bucket name: "+p)
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("bucket"), req.ID)...)
}
