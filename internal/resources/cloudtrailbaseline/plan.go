package cloudtrailbaseline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

func (r *baselineResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var key types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("kms_key_arn"), &key)...)
	if framework.Known(key) {
		if problem := awsManagedKeyProblem(key.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(path.Root("kms_key_arn"), "Invalid kms_key_arn",
				fmt.Sprintf("kms_key_arn = %q: %s", key.ValueString(), problem))
		}
	}
	var (
		events  *s3DataEventsModel
		buckets types.Set
	)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("s3_data_events"), &events)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("s3_data_event_buckets"), &buckets)...)
	resp.Diagnostics.Append(validateDataEvents(events, buckets)...)
	var agg *aggregatorModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("config_aggregator"), &agg)...)
	if agg != nil && framework.Known(agg.Organization) && !agg.Organization.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("config_aggregator").AtName("organization"), "Invalid config_aggregator.organization",
			"config_aggregator.organization = false: only an organization-wide aggregator is supported; set organization = true "+
				"(from the management account or AWS Config's delegated administrator), or remove config_aggregator")
	}
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
// chosen regions against those the account has enabled and the trail's KMS key policy, before
// anything is changed.
func (r *baselineResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, config, prior, ok := framework.PlanInputs[resourceModel](ctx, r.Client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	r.planTrail(&plan)
	resp.Diagnostics.Append(r.planOrganization(ctx, &plan, prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(r.planCloudWatch(&plan)...)
	resp.Diagnostics.Append(r.planAggregator(ctx, &plan, prior)...)
	tagsAll, diags := framework.PlanTagsAll(ctx, r.Client, plan.Tags)
	resp.Diagnostics.Append(diags...)
	plan.TagsAll = tagsAll
	resp.Diagnostics.Append(r.checkTrailKey(ctx, plan)...)
	if cr := plan.ConfigRecorder; cr != nil {
		resp.Diagnostics.Append(r.planRegions(ctx, cr, config.ConfigRecorder)...)
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
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planTrail plans the trail's hardened settings and its ARN.
func (r *baselineResource) planTrail(plan *resourceModel) {
	c := r.Client
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
		plan.DataEventResources = setOf(dataEventResources(c.Partition, framework.KnownStrings(plan.S3DataEventBuckets)))
	}
	plan.AdvancedEventSelectors = plannedAdvanced(c.Partition, *plan)
	if plan.Name.IsUnknown() {
		plan.ARN = types.StringUnknown()
		return
	}
	plan.ID = types.StringValue(plan.Name.ValueString())
	plan.ARN = types.StringValue(arns.Trail(c.Partition, c.HomeRegion, c.AccountID, plan.Name.ValueString()))
}

// planCloudWatch plans the log group's ARN and the delivery role with its generated policies.
func (r *baselineResource) planCloudWatch(plan *resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	cw := plan.CloudWatchLogs
	if cw == nil {
		return nil
	}
	c := r.Client
	cw.LogGroupARN, cw.RolePolicy = types.StringUnknown(), types.StringUnknown()
	cw.RoleName, cw.RoleARN, cw.RoleTrustPolicy = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	if !cw.LogGroupName.IsUnknown() {
		group := cw.LogGroupName.ValueString()
		cw.LogGroupARN = types.StringValue(arns.LogGroupStreams(c.Partition, c.HomeRegion, c.AccountID, group))
		policy, err := deliveryPolicy(c, group, plan.OrganizationID.ValueString())
		if err != nil {
			diags.AddError("Building the delivery role's policy", err.Error())
		}
		cw.RolePolicy = types.StringValue(policy)
	}
	if !plan.Name.IsUnknown() {
		role := roleNameFor(plan.Name.ValueString())
		cw.RoleName = types.StringValue(role)
		cw.RoleARN = types.StringValue(arns.Role(c.Partition, c.AccountID, role))
		trust, err := policies.CloudTrailLogsTrust(c.Partition)
		if err != nil {
			diags.AddError("Building the delivery role's trust policy", err.Error())
		}
		cw.RoleTrustPolicy = types.StringValue(trust)
	}
	return diags
}

// planRegions fills the default (every enabled region) and rejects regions the account cannot use.
func (r *baselineResource) planRegions(ctx context.Context, cr, configured *configRecorderModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if configured != nil && configured.Regions.IsUnknown() {
		cr.Regions = types.SetUnknown(types.StringType)
		return nil
	}
	enabled, err := r.Client.EnabledRegions(ctx)
	if err != nil {
		diags.AddError("Listing the account's regions", err.Error())
		return diags
	}
	if configured == nil || configured.Regions.IsNull() {
		cr.Regions = setOf(enabled)
		return nil
	}
	p := path.Root("config_recorder").AtName("regions")
	for _, region := range framework.KnownStrings(configured.Regions) {
		if !slices.Contains(enabled, region) {
			diags.AddAttributeError(p, "Invalid config_recorder.regions",
				fmt.Sprintf("config_recorder.regions contains %q: not a region enabled for account %s; remove it, or opt the account into it first. Enabled regions: %s",
					region, r.Client.AccountID, strings.Join(enabled, ", ")))
		}
	}
	cr.Regions = configured.Regions
	return diags
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
	elems := map[string]attr.Value{}
	for _, region := range framework.KnownStrings(plan.ConfigRecorder.Regions) {
		elems[region] = types.ObjectValueMust(recorderAttrTypes, r.planRecorder(plan, region, priorRecs))
	}
	return types.MapValueMust(recorderObjectType, elems)
}

func (r *baselineResource) planRecorder(plan resourceModel, region string, priorRecs map[string]recorderState) map[string]attr.Value {
	home := region == r.Client.HomeRegion
	bucket, role := plan.S3BucketName, plan.ConfigRoleARN
	unknownStr := types.StringUnknown()
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
	p, ok := priorRecs[region]
	if !ok || p.Name == "" {
		return entry
	}
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
	return entry
}

// checkTrailKey reads the policy of the trail's KMS key and warns about each statement CloudTrail
// needs and the policy lacks: CloudTrail would fail to create or update the trail, or deliver no
// encrypted log file. A policy that cannot be read is a warning that it went unchecked.
func (r *baselineResource) checkTrailKey(ctx context.Context, plan resourceModel) diag.Diagnostics {
	if !framework.Known(plan.KMSKeyARN) || plan.KMSKeyARN.ValueString() == "" || !framework.Known(plan.ARN) {
		return nil
	}
	key := plan.KMSKeyARN.ValueString()
	keyARN, policy, err := r.findKeyPolicy(ctx, key)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddAttributeWarning(path.Root("kms_key_arn"), "KMS key policy not checked",
			fmt.Sprintf("kms_key_arn = %q: the key policy could not be read, so whether CloudTrail may use the key was not checked: %v. "+
				"Make sure it has the statements listed at %s, or let the deploy role call kms:GetKeyPolicy on the key.", key, err, cloudTrailKMSDocs))
		return diags
	}
	return keyPolicyWarnings(key, policies.KeyPolicyGaps(policy, policies.KeyUse{
		User: policies.KeyForTrail, KeyARN: keyARN, AccountID: r.Client.AccountID, TrailARN: plan.ARN.ValueString(),
	}))
}

func keyPolicyWarnings(key string, gaps []string) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, gap := range gaps {
		diags.AddAttributeWarning(path.Root("kms_key_arn"), "KMS key policy lacks what CloudTrail needs",
			fmt.Sprintf("kms_key_arn = %q: %s. Add the statement to the key policy (statements: %s); until then CloudTrail "+
				"refuses the key or writes no encrypted log file.", key, gap, cloudTrailKMSDocs))
	}
	return diags
}

// plannedAdvanced is the canonical advanced selector set s3_data_events asks for: null without
// it, unknown while a bucket name is.
func plannedAdvanced(partition string, plan resourceModel) types.String {
	ev := plan.S3DataEvents
	if ev == nil {
		return types.StringNull()
	}
	if plan.S3BucketName.IsUnknown() || ev.ExcludeBuckets.IsUnknown() || ev.Read.IsUnknown() || ev.Write.IsUnknown() {
		return types.StringUnknown()
	}
	return types.StringValue(renderAdvanced(buildAdvancedSelectors(partition, s3DataEventsSpecOf(plan))))
}

// validateDataEvents refuses s3_data_events that AWS would reject or that would record nothing.
func validateDataEvents(ev *s3DataEventsModel, buckets types.Set) diag.Diagnostics {
	var diags diag.Diagnostics
	p := path.Root("s3_data_events")
	if ev == nil {
		return nil
	}
	if !buckets.IsNull() {
		diags.AddAttributeError(p, "Conflicting data event settings",
			"s3_data_events and s3_data_event_buckets are both set: a trail has either classic event selectors (named buckets) "+
				"or advanced ones (all buckets), not both ("+advancedDocs+"); keep s3_data_events to record every bucket, or "+
				"s3_data_event_buckets to record the named ones only")
	}
	if framework.Known(ev.AllBuckets) && !ev.AllBuckets.ValueBool() {
		diags.AddAttributeError(p.AtName("all_buckets"), "Invalid s3_data_events.all_buckets",
			"s3_data_events.all_buckets = false: this block records every bucket except exclude_buckets; set all_buckets = true, "+
				"or remove the block and list the buckets to record in s3_data_event_buckets")
	}
	if framework.Known(ev.Read) && framework.Known(ev.Write) && !ev.Read.ValueBool() && !ev.Write.ValueBool() {
		diags.AddAttributeError(p, "Invalid s3_data_events",
			"s3_data_events has read = false and write = false, which records no data event; set read and/or write to true "+
				"(CIS 3.8 asks for writes, 3.9 for reads), or remove the block")
	}
	return diags
}

// planOrganization refuses an organization trail where AWS would (outside an organization, or
// from an account that is neither its management account nor CloudTrail's delegated
// administrator) and plans the organization's id. A prior state already logging the same
// organization is not read again.
func (r *baselineResource) planOrganization(ctx context.Context, plan *resourceModel, prior *resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case plan.OrganizationTrail.IsUnknown():
		plan.OrganizationID = types.StringUnknown()
		return nil
	case !plan.OrganizationTrail.ValueBool():
		plan.OrganizationID = types.StringNull()
		return nil
	case prior != nil && prior.OrganizationTrail.ValueBool() && framework.Known(prior.OrganizationID) && prior.OrganizationID.ValueString() != "":
		plan.OrganizationID = prior.OrganizationID
		return nil
	}
	f, err := r.findOrganization(ctx, cloudTrailPrincipal)
	if err != nil && !framework.NotFound(err) {
		diags.AddAttributeError(path.Root("organization_trail"), "Organization not readable",
			fmt.Sprintf("organization_trail = true: %v. Let the deploy role call organizations:DescribeOrganization and "+
				"organizations:ListDelegatedAdministrators, or set organization_trail = false.", err))
		return diags
	}
	if problem := organizationTrailProblem(r.Client.AccountID, f); problem != "" {
		diags.AddAttributeError(path.Root("organization_trail"), "Invalid organization_trail", "organization_trail = true: "+problem)
		return diags
	}
	plan.OrganizationID = types.StringValue(f.ID)
	return diags
}
