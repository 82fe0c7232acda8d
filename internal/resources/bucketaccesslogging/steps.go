package bucketaccesslogging

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// partitionDateSource files logs under the day the requests happened (EventTime), the day an
// auditor asks about; DeliveryTime would file a late-delivered record under a later day.
const partitionDateSource = s3types.PartitionDateSourceEventTime

// putLogging sets (or, for a disabled l, removes) a bucket's server access logging.
func putLogging(ctx context.Context, c *s3.Client, bucket string, l logging) error {
	status := &s3types.BucketLoggingStatus{}
	if l.Enabled {
		status.LoggingEnabled = &s3types.LoggingEnabled{TargetBucket: aws.String(l.Bucket), TargetPrefix: aws.String(l.Prefix)}
		// No TargetObjectKeyFormat means the simple format: PutBucketLogging replaces the whole
		// configuration, so a partitioned format set out of band goes with it.
		if l.Partitioned {
			status.LoggingEnabled.TargetObjectKeyFormat = &s3types.TargetObjectKeyFormat{
				PartitionedPrefix: &s3types.PartitionedPrefix{PartitionDateSource: partitionDateSource},
			}
		}
	}
	_, err := c.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket), BucketLoggingStatus: status})
	if err != nil {
		return fmt.Errorf("(S3 PutBucketLogging) bucket %s: %w", bucket, err)
	}
	return nil
}

// outcome is what an apply did, so that a failure halfway records exactly that in state.
type outcome struct {
	mu sync.Mutex
	// Applied are sources that now log as planned.
	Applied map[string]source
	// Released are sources this apply dropped from the selection and gave back.
	Released map[string]bool
	// Warnings name sources whose earlier configuration could not be put back.
	Warnings []string
}

// apply brings every planned source to its planned logging, changing only those whose logging
// differs, and gives back the sources that left the selection; priorTarget is where those were
// made to log (target_bucket may change in the same apply).
func (r *bucketAccessLogging) apply(ctx context.Context, priorTarget string, planned, prior map[string]source) (*outcome, error) {
	o := &outcome{Applied: map[string]source{}, Released: map[string]bool{}}
	errEnable := framework.ForEach(ctx, slices.Collect(maps.Keys(planned)), bucketConcurrency, func(ctx context.Context, name string) error {
		s := planned[name]
		if s.Region == "" {
			region, err := findRegion(ctx, r.Client.S3(""), r.Client.AccountID, name)
			if err != nil {
				return err
			}
			s.Region = region
		}
		c := r.Client.S3(s.Region)
		have, err := findLogging(ctx, c, name)
		if err == nil && have != s.Logging {
			err = putLogging(ctx, c, name, s.Logging)
		}
		if err != nil {
			return err
		}
		o.mu.Lock()
		o.Applied[name] = s
		o.mu.Unlock()
		return nil
	})
	var gone []string
	for name := range prior {
		if _, ok := planned[name]; !ok {
			gone = append(gone, name)
		}
	}
	errRelease := framework.ForEach(ctx, gone, bucketConcurrency, func(ctx context.Context, name string) error {
		warning, err := r.release(ctx, priorTarget, prior[name])
		if err != nil {
			return err
		}
		o.mu.Lock()
		if warning != "" {
			o.Warnings = append(o.Warnings, warning)
		}
		o.Released[name] = true
		o.mu.Unlock()
		return nil
	})
	return o, errors.Join(errEnable, errRelease)
}

// state is the sources map after an apply: the planned value of every source applied, the prior
// value of every source not reached, and none of those released. A failed create thereby
// records each bucket whose logging it did turn on, so destroy turns it off again.
func (o *outcome) state(planned, prior map[string]source) map[string]source {
	out := map[string]source{}
	for name, s := range prior {
		if !o.Released[name] {
			out[name] = s
		}
	}
	for name := range planned {
		if s, ok := o.Applied[name]; ok {
			out[name] = s
		}
	}
	return out
}

// release gives a source back: logging off where this resource turned it on and it still logs
// to the target; the configuration it found where the bucket logged somewhere before. A bucket
// that no longer exists needs nothing. When the earlier target refuses the logs now (deleted,
// its policy changed), the bucket keeps logging to the target and the warning says so: logging
// somewhere beats logging nowhere.
func (r *bucketAccessLogging) release(ctx context.Context, target string, s source) (warning string, err error) {
	region, err := findRegion(ctx, r.Client.S3(""), r.Client.AccountID, s.Name)
	if framework.NotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	c := r.Client.S3(region)
	have, err := findLogging(ctx, c, s.Name)
	if framework.NotFound(err) {
		return "", nil
	}
	switch {
	case err != nil:
		return "", err
	case !have.Enabled || have.Bucket != target:
		return "", nil // someone else's configuration now: leave it
	case s.Managed:
		return "", putLogging(ctx, c, s.Name, logging{})
	case have != s.Previous:
		if err := putLogging(ctx, c, s.Name, s.Previous); err != nil {
			return fmt.Sprintf("bucket %s still logs to %s: its earlier target %s (prefix %q) could not be put back: %v",
				s.Name, target, s.Previous.Bucket, s.Previous.Prefix, err), nil
		}
	}
	return "", nil
}

// releaseAll gives back every source; used by destroy.
func (r *bucketAccessLogging) releaseAll(ctx context.Context, target string, sources map[string]source) diag.Diagnostics {
	var diags diag.Diagnostics
	var mu sync.Mutex
	var warnings []string
	err := framework.ForEach(ctx, slices.Collect(maps.Keys(sources)), bucketConcurrency, func(ctx context.Context, name string) error {
		warning, err := r.release(ctx, target, sources[name])
		if warning != "" {
			mu.Lock()
			warnings = append(warnings, warning)
			mu.Unlock()
		}
		return err
	})
	if err != nil {
		diags.AddError("Cannot give back the source buckets' logging", err.Error())
	}
	addRestoreWarnings(&diags, warnings)
	return diags
}

func addRestoreWarnings(diags *diag.Diagnostics, warnings []string) {
	if len(warnings) == 0 {
		return
	}
	slices.Sort(warnings)
	diags.AddWarning("Earlier logging configuration not restored",
		strings.Join(warnings, "\n")+"\nPoint those buckets' logging where it belongs, or switch it off, by hand.")
}
