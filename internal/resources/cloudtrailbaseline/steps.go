package cloudtrailbaseline

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// The named apply steps, in order: the CloudWatch Logs group and delivery role, the trail, the
// removal of a CloudWatch stream no longer configured, and the Config recorders of every region
// (recorders.go). Each changes only what differs.

// apply makes AWS match plan and returns the state to store. stored reports whether there is
// anything to store: once the trail exists, every later failure is recorded in state with the
// error, so destroy can remove what was made.
func (r *baselineResource) apply(ctx context.Context, plan resourceModel, prior *resourceModel) (resourceModel, bool, error) {
	trail := desiredTrail(r.Client, plan)
	// roleIsNew: the delivery role was made, or its trust policy rewritten, in this apply, so
	// CloudTrail may reject it for a while (IAM propagation).
	roleIsNew := false
	if plan.CloudWatchLogs != nil {
		spec, err := desiredCloudWatch(r.Client, plan)
		if err == nil {
			var roleARN string
			roleARN, roleIsNew, err = r.ensureCloudWatch(ctx, spec)
			// The trail gets the ARN IAM reports; a role on a path would differ from the built one.
			trail.RoleARN = roleARN
		}
		if err != nil {
			return r.afterFailure(ctx, plan, prior, nil, err)
		}
	}
	if err := r.ensureTrail(ctx, trail, roleIsNew); err != nil {
		return r.afterFailure(ctx, plan, prior, nil, err)
	}
	insightsManaged := !plan.Insights.IsNull() || (prior != nil && !prior.Insights.IsNull())
	if err := r.ensureInsights(ctx, trail.Name, framework.KnownStrings(plan.Insights), insightsManaged); err != nil {
		return r.afterFailure(ctx, plan, prior, nil, err)
	}
	if err := r.applyAggregator(ctx, plan, prior); err != nil {
		return r.afterFailure(ctx, plan, prior, nil, err)
	}
	if err := r.removeOldCloudWatch(ctx, plan, prior); err != nil {
		return r.afterFailure(ctx, plan, prior, nil, err)
	}
	results, err := r.applyAllRecorders(ctx, plan, prior)
	if err != nil {
		return r.afterFailure(ctx, plan, prior, results, err)
	}
	state := plan
	state.Recorders = recordersMap(results)
	err = r.refresh(ctx, &state)
	if framework.NotFound(err) {
		return state, false, fmt.Errorf("trail %s vanished right after it was applied", trail.Name)
	}
	if err != nil {
		return state, true, fmt.Errorf("reading the baseline back after apply: %w", err)
	}
	return state, true, nil
}

// removeOldCloudWatch deletes the log group (and role) of a CloudWatch stream that the plan
// dropped or moved to another group, once the trail no longer points at it.
func (r *baselineResource) removeOldCloudWatch(ctx context.Context, plan resourceModel, prior *resourceModel) error {
	if prior == nil || prior.CloudWatchLogs == nil {
		return nil
	}
	oldGroup := prior.CloudWatchLogs.LogGroupName.ValueString()
	switch {
	case plan.CloudWatchLogs == nil:
		return r.deleteCloudWatch(ctx, oldGroup, roleNameFor(prior.Name.ValueString()))
	case plan.CloudWatchLogs.LogGroupName.ValueString() != oldGroup:
		return r.deleteCloudWatch(ctx, oldGroup, "")
	}
	return nil
}

// applyAllRecorders hardens the planned regions and removes the recorders of regions the plan
// no longer records; it returns every region's entry that exists, even on failure.
func (r *baselineResource) applyAllRecorders(ctx context.Context, plan resourceModel, prior *resourceModel) (map[string]recorderState, error) {
	priorRecorders := map[string]recorderState{}
	if prior != nil {
		priorRecorders = recordersFromMap(prior.Recorders)
	}
	results := map[string]recorderState{}
	var configErr error
	var planned []string
	if plan.ConfigRecorder != nil {
		planned = framework.KnownStrings(plan.ConfigRecorder.Regions)
		results, configErr = r.applyRecorders(ctx, plan, priorRecorders)
	}
	var removed []string
	for region := range priorRecorders {
		if _, keep := results[region]; !keep && !inRegions(planned, region) {
			removed = append(removed, region)
		}
	}
	if err := framework.ForEachRegion(ctx, removed, func(ctx context.Context, region string) error {
		return r.deleteRegion(ctx, region, priorRecorders[region])
	}); err != nil {
		configErr = errors.Join(configErr, err)
	}
	return results, configErr
}

// afterFailure decides what a failed apply leaves in state. Before the trail exists on create,
// the CloudWatch objects just made are removed and nothing is stored; otherwise everything that
// exists is read back and stored with the error.
func (r *baselineResource) afterFailure(ctx context.Context, plan resourceModel, prior *resourceModel, results map[string]recorderState, cause error) (resourceModel, bool, error) {
	state := plan
	if results == nil {
		results = map[string]recorderState{}
		if prior != nil {
			results = recordersFromMap(prior.Recorders)
		}
	}
	state.Recorders = recordersMap(results)
	err := r.refresh(ctx, &state)
	if err == nil {
		return state, true, cause
	}
	if !framework.NotFound(err) {
		return state, false, errors.Join(cause, fmt.Errorf("reading what exists after the failure: %w", err))
	}
	if prior == nil && plan.CloudWatchLogs != nil {
		if err := r.deleteCloudWatch(ctx, plan.CloudWatchLogs.LogGroupName.ValueString(), roleNameFor(plan.Name.ValueString())); err != nil {
			return state, false, errors.Join(cause, fmt.Errorf("rolling back the CloudWatch Logs objects: %w", err))
		}
	}
	return state, false, cause
}

// ensureCloudWatch creates or repairs the log group and the delivery role, changing only what
// differs. It returns the role's ARN as IAM reports it, and whether the role was created or its
// trust policy rewritten now (CloudTrail may then reject it until IAM has propagated the change).
func (r *baselineResource) ensureCloudWatch(ctx context.Context, spec cloudWatchSpec) (string, bool, error) {
	have, err := r.readCloudWatch(ctx, spec.LogGroupName, spec.RoleName)
	if err != nil {
		return "", false, err
	}
	if err := r.ensureLogGroup(ctx, spec, have); err != nil {
		return "", false, err
	}
	return r.ensureRole(ctx, spec, have)
}

func (r *baselineResource) ensureLogGroup(ctx context.Context, spec cloudWatchSpec, have cloudWatchView) error {
	logs := r.Client.CloudWatchLogs("")
	group := aws.String(spec.LogGroupName)
	if !have.GroupExists {
		in := &cloudwatchlogs.CreateLogGroupInput{LogGroupName: group, Tags: spec.Tags}
		if spec.KMSKeyARN != "" {
			in.KmsKeyId = aws.String(spec.KMSKeyARN)
		}
		if _, err := logs.CreateLogGroup(ctx, in); err != nil {
			return fmt.Errorf("creating log group %s (CloudWatch Logs CreateLogGroup): %w", spec.LogGroupName, err)
		}
		have.KMSKeyARN, have.GroupTags = spec.KMSKeyARN, spec.Tags
	}
	if have.RetentionInDays != spec.RetentionInDays {
		if _, err := logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
			LogGroupName: group, RetentionInDays: aws.Int32(int32(spec.RetentionInDays)),
		}); err != nil {
			return fmt.Errorf("setting the retention of log group %s (CloudWatch Logs PutRetentionPolicy): %w", spec.LogGroupName, err)
		}
	}
	if have.KMSKeyARN != spec.KMSKeyARN {
		var err error
		if spec.KMSKeyARN == "" {
			_, err = logs.DisassociateKmsKey(ctx, &cloudwatchlogs.DisassociateKmsKeyInput{LogGroupName: group})
		} else {
			_, err = logs.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{LogGroupName: group, KmsKeyId: aws.String(spec.KMSKeyARN)})
		}
		if err != nil {
			return fmt.Errorf("changing the KMS key of log group %s: %w", spec.LogGroupName, err)
		}
	}
	return r.syncLogGroupTags(ctx, spec.LogGroupName, have.GroupTags, spec.Tags)
}

func (r *baselineResource) syncLogGroupTags(ctx context.Context, group string, have, want map[string]string) error {
	c := r.Client
	groupARN := aws.String(arns.LogGroup(c.Partition, c.HomeRegion, c.AccountID, group))
	return framework.SyncTags(have, want, func(remove []string) error {
		if _, err := c.CloudWatchLogs("").UntagResource(ctx, &cloudwatchlogs.UntagResourceInput{ResourceArn: groupARN, TagKeys: remove}); err != nil {
			return fmt.Errorf("untagging log group %s (CloudWatch Logs UntagResource): %w", group, err)
		}
		return nil
	}, func(set map[string]string) error {
		if _, err := c.CloudWatchLogs("").TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: groupARN, Tags: set}); err != nil {
			return fmt.Errorf("tagging log group %s (CloudWatch Logs TagResource): %w", group, err)
		}
		return nil
	})
}

// ensureRole creates or repairs the delivery role: trust policy, inline permissions, tags.
func (r *baselineResource) ensureRole(ctx context.Context, spec cloudWatchSpec, have cloudWatchView) (string, bool, error) {
	client := r.Client.IAM()
	role := aws.String(spec.RoleName)
	roleARN, isNew := have.RoleARN, false
	if roleARN == "" {
		out, err := client.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName:                 role,
			AssumeRolePolicyDocument: aws.String(spec.TrustPolicy),
			Description:              aws.String("Lets CloudTrail deliver the SOC 2 trail's events to CloudWatch Logs (terraform-provider-soc2)."),
			Tags:                     iamTags(spec.Tags),
		})
		if err != nil {
			return "", false, fmt.Errorf("creating role %s (IAM CreateRole): %w", spec.RoleName, err)
		}
		roleARN, isNew = aws.ToString(out.Role.Arn), true
		have.TrustPolicy, have.RoleTags = spec.TrustPolicy, spec.Tags
	}
	if !policydoc.Equivalent(have.TrustPolicy, spec.TrustPolicy) {
		if _, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
			RoleName: role, PolicyDocument: aws.String(spec.TrustPolicy),
		}); err != nil {
			return "", false, fmt.Errorf("restoring the trust policy of role %s (IAM UpdateAssumeRolePolicy): %w", spec.RoleName, err)
		}
		isNew = true
	}
	if have.RolePolicy == "" || !policydoc.Equivalent(have.RolePolicy, spec.RolePolicy) {
		if _, err := client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
			RoleName: role, PolicyName: aws.String(deliveryPolicyName), PolicyDocument: aws.String(spec.RolePolicy),
		}); err != nil {
			return "", false, fmt.Errorf("writing policy %s of role %s (IAM PutRolePolicy): %w", deliveryPolicyName, spec.RoleName, err)
		}
	}
	return roleARN, isNew, r.syncRoleTags(ctx, spec.RoleName, have.RoleTags, spec.Tags)
}

func (r *baselineResource) syncRoleTags(ctx context.Context, role string, have, want map[string]string) error {
	client := r.Client.IAM()
	return framework.SyncTags(have, want, func(remove []string) error {
		if _, err := client.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(role), TagKeys: remove}); err != nil {
			return fmt.Errorf("untagging role %s (IAM UntagRole): %w", role, err)
		}
		return nil
	}, func(set map[string]string) error {
		if _, err := client.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(role), Tags: iamTags(set)}); err != nil {
			return fmt.Errorf("tagging role %s (IAM TagRole): %w", role, err)
		}
		return nil
	})
}

func iamTags(m map[string]string) []iamtypes.Tag {
	return framework.TagList(m, func(k, v string) iamtypes.Tag { return iamtypes.Tag{Key: aws.String(k), Value: aws.String(v)} })
}

// ensureTrail creates the trail or repairs only the settings that differ from spec. roleIsNew
// says the delivery role was made or changed in this apply (see callWithRole).
func (r *baselineResource) ensureTrail(ctx context.Context, spec trailSpec, roleIsNew bool) error {
	current, err := r.findTrail(ctx, spec.Name)
	if framework.NotFound(err) {
		return r.createTrail(ctx, spec, roleIsNew)
	}
	if err != nil {
		return err
	}
	if err := r.repairTrailSettings(ctx, spec, current, roleIsNew); err != nil {
		return err
	}
	if selectorsDiffer(current.Selectors, spec) {
		if err := r.putSelectors(ctx, spec); err != nil {
			return err
		}
	}
	if !current.Logging {
		if err := r.startLogging(ctx, spec.Name); err != nil {
			return err
		}
	}
	return r.syncTrailTags(ctx, current.ARN, current.Tags, spec.Tags)
}

func (r *baselineResource) createTrail(ctx context.Context, spec trailSpec, roleIsNew bool) error {
	in := &cloudtrail.CreateTrailInput{
		Name:                       aws.String(spec.Name),
		S3BucketName:               aws.String(spec.S3BucketName),
		IsMultiRegionTrail:         aws.Bool(true),
		IncludeGlobalServiceEvents: aws.Bool(true),
		EnableLogFileValidation:    aws.Bool(true),
		IsOrganizationTrail:        aws.Bool(spec.Organization),
		TagsList:                   ctTags(spec.Tags),
	}
	if spec.S3KeyPrefix != "" {
		in.S3KeyPrefix = aws.String(spec.S3KeyPrefix)
	}
	if spec.KMSKeyARN != "" {
		in.KmsKeyId = aws.String(spec.KMSKeyARN)
	}
	if spec.LogGroupARN != "" {
		in.CloudWatchLogsLogGroupArn = aws.String(spec.LogGroupARN)
		in.CloudWatchLogsRoleArn = aws.String(spec.RoleARN)
	}
	err := r.callWithRole(ctx, spec, roleIsNew, func() error { _, err := r.Client.CloudTrail("").CreateTrail(ctx, in); return err })
	if err != nil {
		return fmt.Errorf("creating trail %s (CloudTrail CreateTrail): %w", spec.Name, err)
	}
	// A new trail on some emulators has no selectors at all; set them explicitly everywhere.
	if err := r.putSelectors(ctx, spec); err != nil {
		return err
	}
	return r.startLogging(ctx, spec.Name)
}

func (r *baselineResource) repairTrailSettings(ctx context.Context, spec trailSpec, current *trailView, roleIsNew bool) error {
	sameKey, err := r.sameKMSKey(ctx, spec.KMSKeyARN, current.KMSKeyID)
	if err != nil {
		return err
	}
	if current.S3BucketName == spec.S3BucketName && current.S3KeyPrefix == spec.S3KeyPrefix && sameKey &&
		current.Organization == spec.Organization && current.MultiRegion && current.GlobalServiceEvents &&
		current.LogFileValidation && current.CloudWatchLogsLogGroupARN == spec.LogGroupARN &&
		current.CloudWatchLogsRoleARN == spec.RoleARN {
		return nil
	}
	// Empty strings clear a setting in UpdateTrail; the full desired state is sent so one call repairs all.
	in := &cloudtrail.UpdateTrailInput{
		Name:                       aws.String(spec.Name),
		S3BucketName:               aws.String(spec.S3BucketName),
		S3KeyPrefix:                aws.String(spec.S3KeyPrefix),
		KmsKeyId:                   aws.String(spec.KMSKeyARN),
		IsMultiRegionTrail:         aws.Bool(true),
		IncludeGlobalServiceEvents: aws.Bool(true),
		EnableLogFileValidation:    aws.Bool(true),
		IsOrganizationTrail:        aws.Bool(spec.Organization),
		CloudWatchLogsLogGroupArn:  aws.String(spec.LogGroupARN),
		CloudWatchLogsRoleArn:      aws.String(spec.RoleARN),
	}
	tflog.Info(ctx, "repairing trail settings", map[string]any{"trail": spec.Name})
	if err := r.callWithRole(ctx, spec, roleIsNew, func() error { _, err := r.Client.CloudTrail("").UpdateTrail(ctx, in); return err }); err != nil {
		return fmt.Errorf("updating trail %s (CloudTrail UpdateTrail): %w", spec.Name, err)
	}
	return nil
}

// selectorsDiffer reports whether the trail's selectors record other events than spec asks for.
func selectorsDiffer(current selectorSummary, spec trailSpec) bool {
	if spec.Advanced != nil {
		return current.Advanced != renderAdvanced(spec.Advanced)
	}
	want := summariseSelectors(buildEventSelectors(spec.DataResources), nil)
	return current.Advanced != "" || !current.IncludeManagementEvents || current.ManagementReadWriteType != want.ManagementReadWriteType ||
		!slices.Equal(current.DataEventResources, want.DataEventResources)
}

// putSelectors puts the classic or the advanced selectors; either kind replaces the other.
func (r *baselineResource) putSelectors(ctx context.Context, spec trailSpec) error {
	in := &cloudtrail.PutEventSelectorsInput{TrailName: aws.String(spec.Name)}
	if spec.Advanced != nil {
		in.AdvancedEventSelectors = spec.Advanced
	} else {
		in.EventSelectors = buildEventSelectors(spec.DataResources)
	}
	_, err := r.Client.CloudTrail("").PutEventSelectors(ctx, in)
	if err != nil {
		return fmt.Errorf("setting the event selectors of trail %s (CloudTrail PutEventSelectors): %w", spec.Name, err)
	}
	return nil
}

func (r *baselineResource) startLogging(ctx context.Context, name string) error {
	if _, err := r.Client.CloudTrail("").StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(name)}); err != nil {
		return fmt.Errorf("starting trail %s (CloudTrail StartLogging): %w", name, err)
	}
	return nil
}

func (r *baselineResource) syncTrailTags(ctx context.Context, arn string, have, want map[string]string) error {
	ct := r.Client.CloudTrail("")
	return framework.SyncTags(have, want, func(removeKeys []string) error {
		remove := make([]cttypes.Tag, 0, len(removeKeys))
		for _, k := range removeKeys {
			remove = append(remove, cttypes.Tag{Key: aws.String(k)})
		}
		if _, err := ct.RemoveTags(ctx, &cloudtrail.RemoveTagsInput{ResourceId: aws.String(arn), TagsList: remove}); err != nil {
			return fmt.Errorf("removing tags of trail %s (CloudTrail RemoveTags): %w", arn, err)
		}
		return nil
	}, func(add map[string]string) error {
		if _, err := ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(arn), TagsList: ctTags(add)}); err != nil {
			return fmt.Errorf("tagging trail %s (CloudTrail AddTags): %w", arn, err)
		}
		return nil
	})
}

func ctTags(m map[string]string) []cttypes.Tag {
	return framework.TagList(m, func(k, v string) cttypes.Tag { return cttypes.Tag{Key: aws.String(k), Value: aws.String(v)} })
}

// propagationTimeout bounds the retries of a role made in this apply; a variable so unit tests
// need not wait two minutes.
var propagationTimeout = framework.PropagationTimeout

// cloudWatchLogsDocs is the page that says what the delivery role's policies must be.
const cloudWatchLogsDocs = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html"

// rejectsDeliveryRole reports the errors CloudTrail returns while it cannot use the delivery
// role (or see the group through it): also what IAM propagation delays look like.
func rejectsDeliveryRole(err error) bool {
	return framework.IsA[*cttypes.InvalidCloudWatchLogsRoleArnException](err) ||
		framework.IsA[*cttypes.InvalidCloudWatchLogsLogGroupArnException](err)
}

// callWithRole makes a CreateTrail/UpdateTrail call that hands CloudTrail the delivery role.
// A role made (or re-trusted) in this same apply may not have propagated yet, so only then is a
// rejection retried, for at most propagationTimeout. Any other rejection is a role CloudTrail
// cannot use: it fails at once, naming the role and showing its trust policy as IAM has it.
func (r *baselineResource) callWithRole(ctx context.Context, spec trailSpec, roleIsNew bool, call func() error) error {
	err := retryPropagation(ctx, roleIsNew, call)
	if spec.RoleARN == "" || !rejectsDeliveryRole(err) {
		return err
	}
	trust := "(could not be read: role not found)"
	role, readErr := r.findRole(ctx, roleNameFor(spec.Name))
	switch {
	case readErr == nil:
		trust = role.TrustPolicy
	case !framework.NotFound(readErr):
		trust = "(could not be read: " + readErr.Error() + ")"
	}
	return roleRejected(spec.RoleARN, trust, spec.LogGroupARN, err)
}

// retryPropagation runs call once, or, while a role made in this apply may be propagating,
// retries the delivery-role rejections until propagationTimeout.
func retryPropagation(ctx context.Context, roleIsNew bool, call func() error) error {
	if !roleIsNew {
		return call()
	}
	return framework.RetryWhen(ctx, propagationTimeout, func() error {
		err := call()
		if rejectsDeliveryRole(err) {
			tflog.Debug(ctx, "waiting for the new CloudWatch Logs delivery role to propagate", map[string]any{"error": err.Error()})
		}
		return err
	}, rejectsDeliveryRole)
}

// roleRejected explains a delivery role CloudTrail will not use: which role, the trust policy it
// has, and what CloudTrail needs.
func roleRejected(roleARN, trustPolicy, groupARN string, cause error) error {
	return fmt.Errorf("CloudTrail cannot deliver to CloudWatch Logs through the delivery role %s: %w\n\n"+
		"Trust policy of %s as IAM has it:\n%s\n\n"+
		"CloudTrail needs a role whose trust policy allows the service principal cloudtrail.amazonaws.com to call "+
		"sts:AssumeRole with no aws:SourceArn or aws:SourceAccount condition (CloudTrail sends neither when it assumes "+
		"this role), and whose permissions allow logs:CreateLogStream and logs:PutLogEvents on the streams of %s. "+
		"Apply again to restore the generated policies, or fix the role by hand (%s)",
		roleARN, cause, roleARN, trustPolicy, groupARN, cloudWatchLogsDocs)
}
