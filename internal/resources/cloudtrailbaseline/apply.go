package cloudtrailbaseline

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

func (r *baselineResource) trailSpec(m resourceModel) trailSpec {
	spec := trailSpec{
		Name:          m.Name.ValueString(),
		S3BucketName:  m.S3BucketName.ValueString(),
		S3KeyPrefix:   m.S3KeyPrefix.ValueString(),
		KMSKeyARN:     m.KMSKeyARN.ValueString(),
		Organization:  m.OrganizationTrail.ValueBool(),
		DataResources: dataEventResources(r.client.Partition, stringSet(m.S3DataEventBuckets)),
		Tags:          r.client.Tags(stringMap(m.Tags)),
	}
	if cw := m.CloudWatchLogs; cw != nil {
		spec.LogGroupARN = logGroupARN(r.client.Partition, r.client.HomeRegion, r.client.AccountID, cw.LogGroupName.ValueString())
		spec.RoleARN = roleARN(r.client.Partition, r.client.AccountID, roleNameFor(spec.Name))
	}
	return spec
}

func (r *baselineResource) cloudWatchSpec(m resourceModel) cloudWatchSpec {
	name := m.Name.ValueString()
	cw := m.CloudWatchLogs
	return cloudWatchSpec{
		LogGroupName:    cw.LogGroupName.ValueString(),
		RetentionInDays: cw.RetentionInDays.ValueInt64(),
		KMSKeyARN:       cw.KMSKeyARN.ValueString(),
		RoleName:        roleNameFor(name),
		TrustPolicy:     trustPolicy(r.client.AccountID, trailARN(r.client.Partition, r.client.HomeRegion, r.client.AccountID, name)),
		RolePolicy:      deliveryPolicy(r.client.Partition, r.client.HomeRegion, r.client.AccountID, cw.LogGroupName.ValueString()),
		Tags:            r.client.Tags(stringMap(m.Tags)),
	}
}

// apply makes AWS match plan, changing only what differs, and returns the state to store.
// stored reports whether there is anything to store: once the trail exists, every later failure
// is recorded in state with the error, so destroy can remove what was made.
func (r *baselineResource) apply(ctx context.Context, plan resourceModel, prior *resourceModel) (resourceModel, bool, error) {
	spec := r.trailSpec(plan)
	if plan.CloudWatchLogs != nil {
		roleARN, err := r.ensureCloudWatch(ctx, r.cloudWatchSpec(plan))
		if err == nil && roleARN != spec.RoleARN {
			// The trail gets the ARN IAM reports; a role on a path would differ from the built one.
			spec.RoleARN = roleARN
		}
		if err != nil {
			return r.afterFailure(ctx, plan, prior, nil, err)
		}
	}
	if err := r.ensureTrail(ctx, spec); err != nil {
		return r.afterFailure(ctx, plan, prior, nil, err)
	}
	if prior != nil && prior.CloudWatchLogs != nil {
		oldGroup := prior.CloudWatchLogs.LogGroupName.ValueString()
		switch {
		case plan.CloudWatchLogs == nil:
			if err := r.deleteCloudWatch(ctx, oldGroup, roleNameFor(prior.Name.ValueString())); err != nil {
				return r.afterFailure(ctx, plan, prior, nil, err)
			}
		case plan.CloudWatchLogs.LogGroupName.ValueString() != oldGroup:
			if err := r.deleteCloudWatch(ctx, oldGroup, ""); err != nil {
				return r.afterFailure(ctx, plan, prior, nil, err)
			}
		}
	}

	priorRecorders := map[string]recorderState{}
	if prior != nil {
		priorRecorders = recordersFromMap(prior.Recorders)
	}
	results := map[string]recorderState{}
	var configErr error
	if plan.ConfigRecorder != nil {
		results, configErr = r.applyRecorders(ctx, plan, priorRecorders)
	}
	var removed []string
	for region := range priorRecorders {
		if _, keep := results[region]; !keep && !inPlanRegions(plan, region) {
			removed = append(removed, region)
		}
	}
	if len(removed) > 0 {
		if err := forEachRegion(ctx, removed, func(ctx context.Context, region string) error {
			return r.deleteRegion(ctx, region, priorRecorders[region])
		}); err != nil {
			configErr = errors.Join(configErr, err)
		}
	}
	if configErr != nil {
		return r.afterFailure(ctx, plan, prior, results, configErr)
	}

	state := plan
	state.Recorders = recordersMap(results)
	found, err := r.refresh(ctx, &state, false)
	if err != nil {
		return state, true, fmt.Errorf("reading the baseline back after apply: %w", err)
	}
	if !found {
		return state, false, fmt.Errorf("trail %s vanished right after it was applied", spec.Name)
	}
	return state, true, nil
}

func inPlanRegions(plan resourceModel, region string) bool {
	if plan.ConfigRecorder == nil {
		return false
	}
	for _, r := range stringSet(plan.ConfigRecorder.Regions) {
		if r == region {
			return true
		}
	}
	return false
}

func (r *baselineResource) applyRecorders(ctx context.Context, plan resourceModel, prior map[string]recorderState) (map[string]recorderState, error) {
	results := map[string]recorderState{}
	roleARN, err := r.ensureConfigRole(ctx)
	if err != nil {
		// Nothing regional was touched yet: keep what the prior state knew.
		for region, s := range prior {
			results[region] = s
		}
		return results, err
	}
	cr := plan.ConfigRecorder
	ch := channelSpec{
		Bucket:      plan.S3BucketName.ValueString(),
		Prefix:      cr.S3KeyPrefix.ValueString(),
		Frequency:   cr.DeliveryFrequency.ValueString(),
		SNSTopicARN: cr.SNSTopicARN.ValueString(),
	}
	var mu sync.Mutex
	err = forEachRegion(ctx, stringSet(cr.Regions), func(ctx context.Context, region string) error {
		res, err := r.ensureRegion(ctx, region, plan.Name.ValueString(), roleARN, ch, prior[region])
		mu.Lock()
		defer mu.Unlock()
		// A failed region that made nothing is not recorded; one that adopted or kept a recorder is.
		if err == nil || res.Name != "" {
			results[region] = res
		}
		return err
	})
	return results, err
}

// afterFailure decides what a failed apply leaves in state. Before the trail exists on create,
// the CloudWatch objects just made are removed and nothing is stored; otherwise everything that
// exists is read back and stored with the error.
func (r *baselineResource) afterFailure(ctx context.Context, plan resourceModel, prior *resourceModel, results map[string]recorderState, cause error) (resourceModel, bool, error) {
	state := plan
	if results == nil {
		if prior != nil {
			results = recordersFromMap(prior.Recorders)
		} else {
			results = map[string]recorderState{}
		}
	}
	state.Recorders = recordersMap(results)
	found, err := r.refresh(ctx, &state, false)
	if err != nil {
		return state, false, errors.Join(cause, fmt.Errorf("reading what exists after the failure: %w", err))
	}
	if !found {
		if prior == nil && plan.CloudWatchLogs != nil {
			if err := r.deleteCloudWatch(ctx, plan.CloudWatchLogs.LogGroupName.ValueString(), roleNameFor(plan.Name.ValueString())); err != nil {
				return state, false, errors.Join(cause, fmt.Errorf("rolling back the CloudWatch Logs objects: %w", err))
			}
		}
		return state, false, cause
	}
	return state, true, cause
}

// destroy removes the trail first (so nothing more is delivered), then the CloudWatch objects,
// then the recorders this resource created.
func (r *baselineResource) destroy(ctx context.Context, m resourceModel) error {
	name := m.Name.ValueString()
	if err := r.deleteTrail(ctx, name); err != nil {
		return err
	}
	if m.CloudWatchLogs != nil {
		if err := r.deleteCloudWatch(ctx, m.CloudWatchLogs.LogGroupName.ValueString(), roleNameFor(name)); err != nil {
			return err
		}
	}
	recs := recordersFromMap(m.Recorders)
	regions := make([]string, 0, len(recs))
	for region := range recs {
		regions = append(regions, region)
	}
	return forEachRegion(ctx, regions, func(ctx context.Context, region string) error {
		return r.deleteRegion(ctx, region, recs[region])
	})
}
