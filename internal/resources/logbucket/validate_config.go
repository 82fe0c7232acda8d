package logbucket

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

func (r *logBucket) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m model
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(crossFieldProblems(ctx, m)...)
}

// crossFieldProblems holds the rules that relate two arguments; unknown values are left to the
// next plan, when they are known.
func crossFieldProblems(ctx context.Context, m model) diag.Diagnostics {
	var diags diag.Diagnostics
	bucketSet := !m.Bucket.IsNull()
	prefixSet := !m.BucketPrefix.IsNull()
	switch {
	case bucketSet && prefixSet:
		diags.AddAttributeError(path.Root("bucket_prefix"), "Conflicting bucket and bucket_prefix",
			fmt.Sprintf("bucket = %s and bucket_prefix = %s are both set: they are alternatives; keep bucket for a fixed name or bucket_prefix for a generated one",
				m.Bucket.String(), m.BucketPrefix.String()))
	case !bucketSet && !prefixSet:
		diags.AddAttributeError(path.Root("bucket"), "Missing bucket name",
			"bucket = null and bucket_prefix = null: set bucket to the name of the bucket, e.g. bucket = \"acme-soc2-logs\", or bucket_prefix to generate one")
	}

	retention := int64(defaultRetentionDays)
	if !m.RetentionDays.IsNull() {
		if m.RetentionDays.IsUnknown() {
			return diags
		}
		retention = m.RetentionDays.ValueInt64()
	}
	if !m.GlacierDays.IsNull() && !m.GlacierDays.IsUnknown() && m.GlacierDays.ValueInt64() >= retention {
		diags.AddAttributeError(path.Root("glacier_transition_days"), "Invalid glacier_transition_days",
			fmt.Sprintf("glacier_transition_days = %d: objects must move to Glacier before they expire at retention_days = %d; set glacier_transition_days below %d or remove it",
				m.GlacierDays.ValueInt64(), retention, retention))
	}
	if !m.ObjectLock.IsNull() && !m.ObjectLock.IsUnknown() {
		var lock objectLockModel
		diags.Append(m.ObjectLock.As(ctx, &lock, objectAsOptions)...)
		if !lock.Days.IsNull() && !lock.Days.IsUnknown() && lock.Days.ValueInt64() > retention {
			diags.AddAttributeError(path.Root("object_lock").AtName("days"), "Invalid object_lock.days",
				fmt.Sprintf("object_lock.days = %d: versions locked longer than retention_days = %d could not expire on time; set object_lock.days to %d or less, or raise retention_days",
					lock.Days.ValueInt64(), retention, retention))
		}
	}
	return diags
}
