package bucketaccesslogging

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// destroy gives every source back (see release): logging off where this resource turned it on,
// the earlier configuration where the bucket logged elsewhere before; absent buckets are fine.
func (r *bucketAccessLogging) destroy(ctx context.Context, m resourceModel) diag.Diagnostics {
	sources, diags := sourcesFrom(ctx, m.Sources)
	if diags.HasError() {
		return diags
	}
	diags.Append(r.releaseAll(ctx, m.TargetBucket.ValueString(), sources)...)
	return diags
}
