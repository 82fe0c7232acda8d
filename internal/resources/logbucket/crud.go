package logbucket

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const bucketWaitTimeout = 2 * time.Minute

func (r *logBucket) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Bucket.ValueString()
	if !known(plan.Bucket) {
		name = generateName(plan.BucketPrefix.ValueString())
		plan.Bucket = types.StringValue(name)
	}
	plan.ID = plan.Bucket
	plan.ARN = types.StringValue(bucketARN(r.client.Partition, name))
	// The policy names the bucket, so a generated name is only known now.
	if plan.Policy.IsUnknown() {
		if p, ok := bucketPolicy(ctx, r.client, plan); ok {
			plan.Policy = types.StringValue(p)
		}
	}

	c := r.client.S3("")
	in := &s3.CreateBucketInput{Bucket: aws.String(name), ObjectLockEnabledForBucket: aws.Bool(!plan.ObjectLock.IsNull())}
	if region := r.client.HomeRegion; region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	if _, err := c.CreateBucket(ctx, in); err != nil {
		resp.Diagnostics.AddError("Cannot create the log bucket", fmt.Sprintf("S3 CreateBucket %s: %v", name, err))
		return
	}
	if err := s3.NewBucketExistsWaiter(c).Wait(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)}, bucketWaitTimeout); err != nil {
		resp.Diagnostics.AddError("Log bucket did not appear", fmt.Sprintf("waiting for bucket %s after CreateBucket: %v", name, err))
		r.rollback(ctx, c, name, &plan, resp)
		return
	}

	changes, d := r.changes(ctx, &plan, nil)
	resp.Diagnostics.Append(d...)
	if err := applyChanges(ctx, c, name, changes); err != nil {
		resp.Diagnostics.AddError("Cannot harden the new log bucket", err.Error())
		r.rollback(ctx, c, name, &plan, resp)
		return
	}

	o, err := observe(ctx, c, name)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the new log bucket", err.Error())
		r.rollback(ctx, c, name, &plan, resp)
		return
	}
	resp.Diagnostics.Append(setObserved(&plan, o)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// rollback deletes a bucket whose hardening failed: it was created moments ago and is still
// empty, so nothing is lost. If the deletion fails too, the bucket goes into state (Terraform
// marks it tainted because of the error), so the next apply or destroy removes it.
func (r *logBucket) rollback(ctx context.Context, c *s3.Client, name string, plan *model, resp *resource.CreateResponse) {
	_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	if err == nil || isNotFound(err) {
		tflog.Warn(ctx, "deleted the half-created log bucket", map[string]any{"bucket": name})
		return
	}
	resp.Diagnostics.AddError("Cannot roll back the half-created log bucket",
		fmt.Sprintf("bucket %s was created but could not be hardened, and deleting it failed: %v. It is recorded in state as tainted; the next apply or destroy removes it.", name, err))
	partial := model{
		ID: plan.ID, ARN: plan.ARN, Bucket: plan.Bucket, BucketPrefix: plan.BucketPrefix,
		RetentionDays: plan.RetentionDays, GlacierDays: plan.GlacierDays, KMSKeyARN: plan.KMSKeyARN,
		ReaderARNs: plan.ReaderARNs, Writers: plan.Writers, AdminPrincipalARNs: plan.AdminPrincipalARNs,
		ObjectLock: plan.ObjectLock, AccessLogBucket: plan.AccessLogBucket, AccessLogPrefix: plan.AccessLogPrefix,
		RequireMFADelete: plan.RequireMFADelete, ForceDestroy: types.BoolValue(true), Tags: plan.Tags,
		TagsAll:        types.MapNull(types.StringType),
		LifecycleRules: types.ListNull(lifecycleRuleType),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)
}

func (r *logBucket) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	o, err := observe(ctx, r.client.S3(""), name)
	if errors.Is(err, errBucketGone) {
		tflog.Warn(ctx, "log bucket no longer exists; removing it from state", map[string]any{"bucket": name})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the log bucket", err.Error())
		return
	}
	state.Bucket = state.ID
	state.ARN = types.StringValue(bucketARN(r.client.Partition, name))
	if state.RetentionDays.IsNull() {
		resp.Diagnostics.Append(setImportedArguments(ctx, r.client, &state, o)...)
	}
	resp.Diagnostics.Append(setObserved(&state, o)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *logBucket) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	c := r.client.S3("")
	// Values that depended on other resources are known now.
	if plan.Policy.IsUnknown() {
		if p, ok := bucketPolicy(ctx, r.client, plan); ok {
			plan.Policy = types.StringValue(p)
		}
	}
	if plan.TagsAll.IsUnknown() {
		if all, ok := tagsAll(ctx, r.client, plan.Tags); ok {
			v, d := types.MapValueFrom(ctx, types.StringType, all)
			resp.Diagnostics.Append(d...)
			plan.TagsAll = v
		}
	}
	changes, d := r.changes(ctx, &plan, &state)
	resp.Diagnostics.Append(d...)
	if err := applyChanges(ctx, c, name, changes); err != nil {
		resp.Diagnostics.AddError("Cannot restore the log bucket's settings", err.Error())
		return
	}
	o, err := observe(ctx, c, name)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the log bucket", err.Error())
		return
	}
	resp.Diagnostics.Append(setObserved(&plan, o)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}
