package logbucket

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

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

// parsedPolicy is what import recovers from a policy this resource generated.
type parsedPolicy struct {
	Readers          []string
	Writers          []string
	Admins           []string
	OrganizationID   string
	AccessLogsPrefix string
}

// parsePolicy reads the arguments back from the statements policies.LogBucket writes, by their
// stable ids: readers from AllowReaders, admins from the control-change deny's exemption, the
// writers from their Allow<Service>Write statements, the organization id from CloudTrail's
// AWSLogs/<org-id>/ keys, and the access-log prefix from the logging statement's Resource.
func parsePolicy(raw, bucketARN string) parsedPolicy {
	var p parsedPolicy
	for _, s := range policydoc.Statements(raw) {
		sid, _ := s["Sid"].(string)
		switch sid {
		case policies.SidAllowReaders:
			p.Readers = policydoc.Principal(s["Principal"])["AWS"]
		case policies.SidDenyControlChanges:
			p.Admins = policydoc.Condition(s["Condition"])["ArnNotLike"]["aws:PrincipalArn"]
		}
		for name, w := range policies.Writers {
			if sid != "Allow"+w.SidName+"Write" {
				continue
			}
			p.Writers = append(p.Writers, name)
			resources := policydoc.Strings(s["Resource"])
			switch name {
			case policies.WriterCloudTrail:
				p.OrganizationID = organizationOf(resources)
			case policies.WriterS3AccessLogs:
				if len(resources) == 1 {
					p.AccessLogsPrefix = strings.TrimSuffix(strings.TrimPrefix(resources[0], bucketARN+"/"), "*")
				}
			}
		}
	}
	sort.Strings(p.Writers)
	return p
}

// organizationOf finds the o-... id among CloudTrail's .../AWSLogs/<id>/* keys.
func organizationOf(resources []string) string {
	for _, r := range resources {
		_, after, ok := strings.Cut(r, "/AWSLogs/")
		if id, _, _ := strings.Cut(after, "/"); ok && strings.HasPrefix(id, "o-") {
			return id
		}
	}
	return ""
}

// setImportedArguments recovers the arguments of an imported bucket from its configuration, so
// that an import followed by a plan of the matching configuration is empty.
func setImportedArguments(ctx context.Context, client *conns.AWSClient, m *model, o *observed) diag.Diagnostics {
	var diags diag.Diagnostics
	m.RetentionDays, m.GlacierDays = types.Int64Value(defaultRetentionDays), types.Int64Null()
	for _, r := range o.Lifecycle {
		if r.ID == retentionRuleID {
			m.RetentionDays, m.GlacierDays = types.Int64Value(r.Expiration), optionalInt(r.Transition)
		}
	}
	m.KMSKeyARN = types.StringNull()
	if o.SSEAlgorithm == algorithmKMS {
		m.KMSKeyARN = framework.StringOrNull(o.SSEKMSKeyID)
	}
	diags.Append(setImportedPolicyArguments(ctx, m, parsePolicy(o.Policy, m.ARN.ValueString()))...)

	m.ObjectLock = types.ObjectNull(objectLockAttrTypes)
	if o.LockEnabled && o.LockMode != "" {
		lock, d := types.ObjectValue(objectLockAttrTypes, map[string]attr.Value{
			"mode": types.StringValue(o.LockMode), "days": types.Int64Value(o.LockDays),
		})
		diags.Append(d...)
		m.ObjectLock = lock
	}
	m.AccessLogBucket, m.AccessLogPrefix = types.StringNull(), types.StringValue("")
	if o.LoggingEnabled {
		m.AccessLogBucket, m.AccessLogPrefix = types.StringValue(o.LoggingBucket), types.StringValue(o.LoggingPrefix)
	}
	// With the arguments recovered, the policy they generate replaces the live text when the two
	// are equivalent, so the imported state matches the state an apply would write.
	if generated, d := bucketPolicy(client, *m); !d.HasError() && framework.Known(generated) && o.Policy != "" {
		m.Policy = types.StringValue(policydoc.Preferred(o.Policy, generated.ValueString()))
	}
	m.BucketPrefix = types.StringNull()
	m.RequireMFADelete, m.ForceDestroy = types.BoolValue(false), types.BoolValue(false)

	// Tags equal to a default tag are taken to come from default_tags.
	m.Tags = framework.ReadTags(client, o.Tags, types.MapNull(types.StringType))
	return diags
}

func setImportedPolicyArguments(ctx context.Context, m *model, parsed parsedPolicy) diag.Diagnostics {
	var diags diag.Diagnostics
	var d diag.Diagnostics
	m.ReaderARNs, d = optionalSet(ctx, parsed.Readers)
	diags.Append(d...)
	m.Writers, d = optionalSet(ctx, parsed.Writers)
	diags.Append(d...)
	m.AdminPrincipalARNs, d = optionalSet(ctx, parsed.Admins)
	diags.Append(d...)
	m.OrganizationID = framework.StringOrNull(parsed.OrganizationID)
	m.S3AccessLogsPrefix = types.StringValue(parsed.AccessLogsPrefix)
	return diags
}

func optionalSet(ctx context.Context, values []string) (types.Set, diag.Diagnostics) {
	if len(values) == 0 {
		return types.SetNull(types.StringType), nil
	}
	values = slices.Clone(values)
	sort.Strings(values)
	return types.SetValueFrom(ctx, types.StringType, values)
}
