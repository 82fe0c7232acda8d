package cloudtrailbaseline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func (r *baselineResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cr *configRecorderModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("config_recorder"), &cr)...)
	if cr == nil || cr.Regions.IsNull() || cr.Regions.IsUnknown() {
		return
	}
	if len(cr.Regions.Elements()) == 0 {
		p := path.Root("config_recorder").AtName("regions")
		resp.Diagnostics.AddAttributeError(p, "Invalid config_recorder.regions",
			"config_recorder.regions = []: an empty list records no region at all, which leaves CC7.1 without evidence; "+
				"list at least one region, or omit regions to record every region enabled for the account")
	}
}

// ModifyPlan plans the hardened value of every enforced setting and derives the computed ARNs,
// so a weakened setting is a diff and a plan right after apply is empty. It also checks the
// chosen regions against those the account has enabled, before anything is changed.
func (r *baselineResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var prior *resourceModel
	if !req.State.Raw.IsNull() {
		prior = &resourceModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	c := r.client
	name := plan.Name.ValueString()
	nameKnown := !plan.Name.IsUnknown()

	plan.HomeRegion = types.StringValue(c.HomeRegion)
	plan.IsMultiRegionTrail = types.BoolValue(true)
	plan.IncludeGlobalServiceEvents = types.BoolValue(true)
	plan.EnableLogFileValidation = types.BoolValue(true)
	plan.Logging = types.BoolValue(true)
	plan.IncludeManagementEvents = types.BoolValue(true)
	plan.ManagementEventReadWriteType = types.StringValue("All")
	if plan.S3DataEventBuckets.IsUnknown() {
		plan.DataEventResources = types.SetUnknown(types.StringType)
	} else {
		plan.DataEventResources = setOf(dataEventResources(c.Partition, stringSet(plan.S3DataEventBuckets)))
	}
	trail := ""
	if nameKnown {
		trail = trailARN(c.Partition, c.HomeRegion, c.AccountID, name)
		plan.ID = types.StringValue(name)
		plan.ARN = types.StringValue(trail)
	} else {
		plan.ARN = types.StringUnknown()
	}

	if cw := plan.CloudWatchLogs; cw != nil {
		group := cw.LogGroupName.ValueString()
		groupKnown := !cw.LogGroupName.IsUnknown()
		cw.LogGroupARN, cw.RolePolicy = types.StringUnknown(), types.StringUnknown()
		cw.RoleName, cw.RoleARN, cw.RoleTrustPolicy = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		if groupKnown {
			cw.LogGroupARN = types.StringValue(logGroupARN(c.Partition, c.HomeRegion, c.AccountID, group))
			cw.RolePolicy = types.StringValue(deliveryPolicy(c.Partition, c.HomeRegion, c.AccountID, group))
		}
		if nameKnown {
			role := roleNameFor(name)
			cw.RoleName = types.StringValue(role)
			cw.RoleARN = types.StringValue(roleARN(c.Partition, c.AccountID, role))
			cw.RoleTrustPolicy = types.StringValue(trustPolicy(c.AccountID, trail))
		}
	}

	if cr := plan.ConfigRecorder; cr != nil {
		r.planRegions(ctx, cr, config.ConfigRecorder, resp)
		if resp.Diagnostics.HasError() {
			return
		}
		plan.ConfigRoleARN = types.StringUnknown()
		if prior != nil && prior.ConfigRecorder != nil && prior.ConfigRoleARN.ValueString() != "" {
			plan.ConfigRoleARN = prior.ConfigRoleARN
		}
		plan.Recorders = r.planRecorders(plan, prior)
	} else {
		plan.ConfigRoleARN = types.StringNull()
		plan.Recorders = types.MapNull(recorderObjectType)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planRegions fills the default (every enabled region) and rejects regions the account cannot use.
func (r *baselineResource) planRegions(ctx context.Context, cr, configured *configRecorderModel, resp *resource.ModifyPlanResponse) {
	if configured != nil && configured.Regions.IsUnknown() {
		cr.Regions = types.SetUnknown(types.StringType)
		return
	}
	enabled, err := r.client.EnabledRegions(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Listing the account's regions", err.Error())
		return
	}
	if configured == nil || configured.Regions.IsNull() {
		cr.Regions = setOf(enabled)
		return
	}
	p := path.Root("config_recorder").AtName("regions")
	for _, region := range stringSet(configured.Regions) {
		if !slices.Contains(enabled, region) {
			resp.Diagnostics.AddAttributeError(p, "Invalid config_recorder.regions",
				fmt.Sprintf("config_recorder.regions contains %q: not a region enabled for account %s; remove it, or opt the account into it first. Enabled regions: %s",
					region, r.client.AccountID, strings.Join(enabled, ", ")))
		}
	}
	cr.Regions = configured.Regions
}

// planRecorders plans each region's entry: the hardened settings always, and the name, status
// and adoption of the prior state where the region is already hardened (a region being created
// or repaired gets them after apply).
func (r *baselineResource) planRecorders(plan resourceModel, prior *resourceModel) types.Map {
	if plan.ConfigRecorder.Regions.IsUnknown() {
		return types.MapUnknown(recorderObjectType)
	}
	priorRecs := map[string]recorderState{}
	if prior != nil {
		priorRecs = recordersFromMap(prior.Recorders)
	}
	unknownStr := types.StringUnknown()
	elems := map[string]attr.Value{}
	for _, region := range stringSet(plan.ConfigRecorder.Regions) {
		home := region == r.client.HomeRegion
		bucket := plan.S3BucketName
		role := plan.ConfigRoleARN
		entry := map[string]attr.Value{
			"name":                          unknownStr,
			"status":                        unknownStr,
			"recording":                     types.BoolValue(true),
			"all_supported":                 types.BoolValue(true),
			"include_global_resource_types": types.BoolValue(home),
			"delivery_channel":              unknownStr,
			"delivery_s3_bucket":            bucket,
			"role_arn":                      role,
			"adopted":                       types.BoolUnknown(),
		}
		if p, ok := priorRecs[region]; ok && p.Name != "" {
			entry["name"] = types.StringValue(p.Name)
			entry["adopted"] = types.BoolValue(p.Adopted)
			channel := p.DeliveryChannel
			if channel == "" {
				channel = p.Name
			}
			entry["delivery_channel"] = types.StringValue(channel)
			hardenedAlready := p.Recording && p.AllSupported && p.IncludeGlobalResourceTypes == home &&
				p.DeliveryChannel != "" && !bucket.IsUnknown() && p.DeliveryS3Bucket == bucket.ValueString() &&
				!role.IsUnknown() && p.RoleARN == role.ValueString()
			if hardenedAlready {
				entry["status"] = types.StringValue(p.Status)
			}
		}
		elems[region] = types.ObjectValueMust(recorderAttrTypes, entry)
	}
	return types.MapValueMust(recorderObjectType, elems)
}
