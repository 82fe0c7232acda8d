package kmskey

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// ImportState takes a key id or key ARN. Read then recovers the alias, description, rotation
// period and tags from the key, and services, admin_arns and log_group_names from the
// statements of a key policy this resource generated (by their statement ids);
// deletion_window_days, which AWS does not hold, takes its default.
func (r *kmsKey) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if a, err := arn.Parse(id); err == nil {
		if a.Service != "kms" || !strings.HasPrefix(a.Resource, "key/") {
			resp.Diagnostics.AddError("Invalid import id", "import id "+id+" is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID) or a key id")
			return
		}
		id = strings.TrimPrefix(a.Resource, "key/")
	}
	if id == "" || strings.HasPrefix(id, "alias/") {
		resp.Diagnostics.AddError("Invalid import id", "import id "+req.ID+" is not a key id or key ARN; an alias cannot be imported, use the key id it points at (aws kms list-aliases)")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// serviceBySid maps the statement that only a service's use adds back to that service.
var serviceBySid = map[string]string{
	policies.SidKeyCloudTrail:       policies.KeyServiceCloudTrail,
	policies.SidKeyConfig:           policies.KeyServiceConfig,
	policies.SidKeyLogs:             policies.KeyServiceLogs,
	policies.SidKeyS3Account:        policies.KeyServiceS3,
	policies.SidKeyCloudWatchAlarms: policies.KeyServiceSNS,
}

// recoverArguments fills services, admin_arns and log_group_names from the key policy.
func recoverArguments(ctx context.Context, policy string, m *resourceModel) diag.Diagnostics {
	var services, admins, groups []string
	for _, s := range policydoc.Statements(policy) {
		sid, _ := s["Sid"].(string)
		if service, ok := serviceBySid[sid]; ok {
			services = append(services, service)
		}
		switch sid {
		case policies.SidKeyAdmins:
			admins = policydoc.Principal(s["Principal"])["AWS"]
		case policies.SidKeyLogs:
			groups = logGroupsOf(s)
		}
	}
	var diags, d diag.Diagnostics
	m.Services, d = types.SetValueFrom(ctx, types.StringType, sortedOrEmpty(services))
	diags.Append(d...)
	m.AdminARNs, m.LogGroupNames = types.SetNull(types.StringType), types.SetNull(types.StringType)
	if len(admins) > 0 {
		m.AdminARNs, d = types.SetValueFrom(ctx, types.StringType, admins)
		diags.Append(d...)
	}
	if len(groups) > 0 {
		m.LogGroupNames, d = types.SetValueFrom(ctx, types.StringType, groups)
		diags.Append(d...)
	}
	return diags
}

// logGroupsOf returns the log group names of the logs statement; none when it covers every
// group of the account (log-group:*).
func logGroupsOf(s map[string]any) []string {
	var names []string
	for _, ops := range policydoc.Condition(s["Condition"]) {
		for _, v := range ops["kms:EncryptionContext:aws:logs:arn"] {
			a, err := arn.Parse(v)
			if err != nil || !strings.HasPrefix(a.Resource, "log-group:") {
				continue
			}
			name := strings.TrimPrefix(a.Resource, "log-group:")
			if name == "*" {
				return nil
			}
			names = append(names, name)
		}
	}
	return names
}

func sortedOrEmpty(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}
