package cloudtrailbaseline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// trailView is what AWS reports about the trail, in the terms the schema uses.
type trailView struct {
	ARN                       string
	HomeRegion                string
	S3BucketName              string
	S3KeyPrefix               string
	KMSKeyID                  string
	Organization              bool
	MultiRegion               bool
	GlobalServiceEvents       bool
	LogFileValidation         bool
	Logging                   bool
	CloudWatchLogsLogGroupARN string
	CloudWatchLogsRoleARN     string
	Selectors                 selectorSummary
	Tags                      map[string]string
}

// trailSpec is the trail the configuration asks for.
type trailSpec struct {
	Name          string
	S3BucketName  string
	S3KeyPrefix   string
	KMSKeyARN     string
	Organization  bool
	LogGroupARN   string
	RoleARN       string
	DataResources []string
	Tags          map[string]string
}

func (r *baselineResource) readTrail(ctx context.Context, name string) (*trailView, error) {
	ct := r.client.CloudTrail("")
	out, err := ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(name)})
	if err != nil {
		var nf *cttypes.TrailNotFoundException
		if errors.As(err, &nf) {
			return nil, nil
		}
		return nil, fmt.Errorf("reading trail %s (CloudTrail GetTrail): %w", name, err)
	}
	t := out.Trail
	v := &trailView{
		ARN:                       aws.ToString(t.TrailARN),
		HomeRegion:                aws.ToString(t.HomeRegion),
		S3BucketName:              aws.ToString(t.S3BucketName),
		S3KeyPrefix:               aws.ToString(t.S3KeyPrefix),
		KMSKeyID:                  aws.ToString(t.KmsKeyId),
		Organization:              aws.ToBool(t.IsOrganizationTrail),
		MultiRegion:               aws.ToBool(t.IsMultiRegionTrail),
		GlobalServiceEvents:       aws.ToBool(t.IncludeGlobalServiceEvents),
		LogFileValidation:         aws.ToBool(t.LogFileValidationEnabled),
		CloudWatchLogsLogGroupARN: aws.ToString(t.CloudWatchLogsLogGroupArn),
		CloudWatchLogsRoleARN:     aws.ToString(t.CloudWatchLogsRoleArn),
		Tags:                      map[string]string{},
	}
	if v.HomeRegion == "" {
		v.HomeRegion = r.client.HomeRegion
	}
	status, err := ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading the status of trail %s (CloudTrail GetTrailStatus): %w", name, err)
	}
	v.Logging = aws.ToBool(status.IsLogging)
	sel, err := ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading the event selectors of trail %s (CloudTrail GetEventSelectors): %w", name, err)
	}
	v.Selectors = summariseSelectors(sel.EventSelectors, sel.AdvancedEventSelectors)
	tags, err := ct.ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{v.ARN}})
	if err != nil {
		return nil, fmt.Errorf("reading the tags of trail %s (CloudTrail ListTags): %w", name, err)
	}
	for _, rt := range tags.ResourceTagList {
		for _, tag := range rt.TagsList {
			v.Tags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
	}
	return v, nil
}

// ensureTrail creates the trail or repairs only the settings that differ from spec.
func (r *baselineResource) ensureTrail(ctx context.Context, spec trailSpec) error {
	ct := r.client.CloudTrail("")
	current, err := r.readTrail(ctx, spec.Name)
	if err != nil {
		return err
	}
	if current == nil {
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
		err := retryIAMPropagation(ctx, func() error { _, err := ct.CreateTrail(ctx, in); return err })
		if err != nil {
			return fmt.Errorf("creating trail %s (CloudTrail CreateTrail): %w", spec.Name, err)
		}
		// A new trail on some emulators has no selectors at all; set them explicitly everywhere.
		if err := r.putSelectors(ctx, spec); err != nil {
			return err
		}
		return r.startLogging(ctx, spec.Name)
	}

	sameKey, err := r.sameKMSKey(ctx, spec.KMSKeyARN, current.KMSKeyID)
	if err != nil {
		return err
	}
	if current.S3BucketName != spec.S3BucketName || current.S3KeyPrefix != spec.S3KeyPrefix || !sameKey ||
		current.Organization != spec.Organization || !current.MultiRegion || !current.GlobalServiceEvents ||
		!current.LogFileValidation || current.CloudWatchLogsLogGroupARN != spec.LogGroupARN ||
		current.CloudWatchLogsRoleARN != spec.RoleARN {
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
		if err := retryIAMPropagation(ctx, func() error { _, err := ct.UpdateTrail(ctx, in); return err }); err != nil {
			return fmt.Errorf("updating trail %s (CloudTrail UpdateTrail): %w", spec.Name, err)
		}
	}
	want := summariseSelectors(buildEventSelectors(spec.DataResources), nil)
	if !current.Selectors.IncludeManagementEvents || current.Selectors.ManagementReadWriteType != want.ManagementReadWriteType ||
		!slices.Equal(current.Selectors.DataEventResources, want.DataEventResources) {
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

func (r *baselineResource) putSelectors(ctx context.Context, spec trailSpec) error {
	_, err := r.client.CloudTrail("").PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
		TrailName:      aws.String(spec.Name),
		EventSelectors: buildEventSelectors(spec.DataResources),
	})
	if err != nil {
		return fmt.Errorf("setting the event selectors of trail %s (CloudTrail PutEventSelectors): %w", spec.Name, err)
	}
	return nil
}

func (r *baselineResource) startLogging(ctx context.Context, name string) error {
	if _, err := r.client.CloudTrail("").StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(name)}); err != nil {
		return fmt.Errorf("starting trail %s (CloudTrail StartLogging): %w", name, err)
	}
	return nil
}

func (r *baselineResource) syncTrailTags(ctx context.Context, arn string, have, want map[string]string) error {
	ct := r.client.CloudTrail("")
	removeKeys, add := tagChanges(have, want)
	remove := make([]cttypes.Tag, 0, len(removeKeys))
	for _, k := range removeKeys {
		remove = append(remove, cttypes.Tag{Key: aws.String(k)})
	}
	if len(remove) > 0 {
		if _, err := ct.RemoveTags(ctx, &cloudtrail.RemoveTagsInput{ResourceId: aws.String(arn), TagsList: remove}); err != nil {
			return fmt.Errorf("removing tags of trail %s (CloudTrail RemoveTags): %w", arn, err)
		}
	}
	if len(add) > 0 {
		if _, err := ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(arn), TagsList: ctTags(add)}); err != nil {
			return fmt.Errorf("tagging trail %s (CloudTrail AddTags): %w", arn, err)
		}
	}
	return nil
}

func ctTags(m map[string]string) []cttypes.Tag {
	out := make([]cttypes.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, cttypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

func (r *baselineResource) deleteTrail(ctx context.Context, name string) error {
	_, err := r.client.CloudTrail("").DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(name)})
	var nf *cttypes.TrailNotFoundException
	if err != nil && !errors.As(err, &nf) {
		return fmt.Errorf("deleting trail %s (CloudTrail DeleteTrail): %w", name, err)
	}
	return nil
}

// sameKMSKey compares a configured key (ARN, alias ARN) with what CloudTrail reports (AWS: the
// key ARN; moto: whatever was sent). Only an unresolved mismatch costs a KMS call.
func (r *baselineResource) sameKMSKey(ctx context.Context, configured, actual string) (bool, error) {
	if configured == actual {
		return true, nil
	}
	if configured == "" || actual == "" {
		return false, nil
	}
	if keyID(configured) != "" && keyID(configured) == keyID(actual) {
		return true, nil
	}
	if !strings.Contains(configured, ":alias/") {
		return false, nil
	}
	out, err := r.client.KMS("").DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(configured)})
	if err != nil {
		return false, fmt.Errorf("resolving KMS key %s (KMS DescribeKey): %w", configured, err)
	}
	return aws.ToString(out.KeyMetadata.Arn) == actual || aws.ToString(out.KeyMetadata.KeyId) == keyID(actual), nil
}

// keyID extracts the key id from a key ARN or returns a bare id unchanged.
func keyID(s string) string {
	if i := strings.LastIndex(s, ":key/"); i >= 0 {
		return s[i+len(":key/"):]
	}
	if strings.HasPrefix(s, "arn:") || strings.HasPrefix(s, "alias/") {
		return ""
	}
	return s
}

// propagationDelay is the first wait; it doubles up to 15s, about 80s in all, which covers the
// usual IAM propagation time. A variable so unit tests need not wait.
var propagationDelay = 2 * time.Second

// retryIAMPropagation retries a CloudTrail call that AWS rejects while a just-made role or
// policy has not yet propagated; after the bound it returns the last AWS error.
func retryIAMPropagation(ctx context.Context, call func() error) error {
	const attempts = 8
	delay := propagationDelay
	var err error
	for i := 0; i < attempts; i++ {
		err = call()
		var badRole *cttypes.InvalidCloudWatchLogsRoleArnException
		var badGroup *cttypes.InvalidCloudWatchLogsLogGroupArnException
		propagating := errors.As(err, &badRole) || errors.As(err, &badGroup)
		if !propagating {
			return err
		}
		tflog.Debug(ctx, "waiting for the CloudWatch Logs delivery role to propagate", map[string]any{"attempt": i + 1, "error": err.Error()})
		select {
		case <-ctx.Done():
			return errors.Join(ctx.Err(), err)
		case <-time.After(delay):
		}
		delay = min(delay*2, 15*propagationDelay/2)
	}
	return fmt.Errorf("still rejected after %d attempts (IAM propagation): %w", attempts, err)
}
