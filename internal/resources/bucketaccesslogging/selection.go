package bucketaccesslogging

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// bucketConcurrency bounds the S3 reads of a selection: tag discovery reads every bucket of the
// account, and S3 control-plane reads share one request-rate budget per account.
const bucketConcurrency = 16

// selection is what the selector resolves to right now.
type selection struct {
	// Regions maps each selected source bucket to its region.
	Regions map[string]string
	// Pending are named buckets that do not exist yet: another resource of the same apply may
	// create them, so the plan leaves sources unknown rather than dropping them.
	Pending []string
	diags   diag.Diagnostics
	mu      sync.Mutex
}

func (s *selection) add(name, region string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Regions[name] = region
}

func (s *selection) warn(summary, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.diags.AddWarning(summary, detail)
}

func (s *selection) fail(p path.Path, summary, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.diags.AddAttributeError(p, summary, detail)
}

// selectContext is what resolving a selector needs besides the spec.
type selectContext struct {
	TargetRegion string
	// Known are the bucket names the prior state configured, so a named bucket that has
	// disappeared since is dropped with a warning instead of being taken for one still to come.
	Known []string
	// Applying turns a named bucket that does not exist into an error: nothing will create it now.
	Applying bool
}

// resolve finds the selected source buckets: the named ones and every bucket of the account
// that carries all of bucket_tags, in the target's region.
func (r *bucketAccessLogging) resolve(ctx context.Context, s spec, sc selectContext) (*selection, diag.Diagnostics) {
	sel := &selection{Regions: map[string]string{}}
	err := framework.ForEach(ctx, s.Buckets, bucketConcurrency, func(ctx context.Context, name string) error {
		return r.resolveNamed(ctx, sel, name, sc)
	})
	if err == nil && len(s.Tags) > 0 {
		err = r.resolveTagged(ctx, sel, s, sc)
	}
	if err != nil {
		sel.diags.AddError("Cannot resolve the source buckets", err.Error())
		return sel, sel.diags
	}
	slices.Sort(sel.Pending)
	checkSelection(sel, s)
	return sel, sel.diags
}

func (r *bucketAccessLogging) resolveNamed(ctx context.Context, sel *selection, name string, sc selectContext) error {
	region, err := findRegion(ctx, r.Client.S3(""), r.Client.AccountID, name)
	switch {
	case framework.NotFound(err) && slices.Contains(sc.Known, name):
		sel.warn("Source bucket no longer exists",
			fmt.Sprintf("buckets: %q no longer exists, so it drops out of sources; remove it from buckets to silence this warning.", name))
		return nil
	case framework.NotFound(err) && sc.Applying:
		sel.fail(path.Root("buckets"), "Source bucket does not exist",
			fmt.Sprintf("buckets: %q does not exist in this account; create it first or remove it from buckets.", name))
		return nil
	case framework.NotFound(err):
		sel.mu.Lock()
		sel.Pending = append(sel.Pending, name)
		sel.mu.Unlock()
		return nil
	case err != nil:
		return err
	}
	if region != sc.TargetRegion {
		sel.fail(path.Root("buckets"), "Source bucket in another region",
			fmt.Sprintf("buckets: %q is in %s but target_bucket is in %s; S3 delivers server access logs only to a target "+
				"bucket in the same region and account as the source. Use a target bucket in %s (a second "+
				"soc2_bucket_access_logging with a provider for that region) or remove %q from buckets.",
				name, region, sc.TargetRegion, region, name))
		return nil
	}
	sel.add(name, region)
	return nil
}

// resolveTagged reads the tags of every bucket of the account. A matching bucket in another
// region is a warning, not an error: the selector is account-wide, and that bucket needs its
// own target in its region.
func (r *bucketAccessLogging) resolveTagged(ctx context.Context, sel *selection, s spec, sc selectContext) error {
	all, err := listBuckets(ctx, r.Client.S3(""))
	if err != nil {
		return err
	}
	regions := make(map[string]string, len(all))
	for _, b := range all {
		regions[b.Name] = b.Region
	}
	var elsewhere []string
	var mu sync.Mutex
	err = framework.ForEach(ctx, slices.Collect(maps.Keys(regions)), bucketConcurrency, func(ctx context.Context, name string) error {
		region, tags, err := r.regionAndTags(ctx, name, regions[name])
		if framework.NotFound(err) {
			return nil // deleted since ListBuckets
		}
		if err != nil || !hasAllTags(tags, s.Tags) {
			return err
		}
		if region != sc.TargetRegion {
			mu.Lock()
			elsewhere = append(elsewhere, name+" ("+region+")")
			mu.Unlock()
			return nil
		}
		sel.add(name, region)
		return nil
	})
	if len(elsewhere) > 0 {
		slices.Sort(elsewhere)
		sel.warn("Tagged buckets in other regions are not logged by this resource",
			fmt.Sprintf("bucket_tags: %s carry %s but are not in %s, the region of target_bucket; S3 delivers server access logs "+
				"only to a target in the source's region. Declare a soc2_bucket_access_logging with a target bucket in each of "+
				"those regions.", strings.Join(elsewhere, ", "), framework.TagsSummary(s.Tags), sc.TargetRegion))
	}
	return err
}

// regionAndTags reads a bucket's tags from its own region; ListBuckets reports the region on
// AWS, GetBucketLocation fills in where it does not.
func (r *bucketAccessLogging) regionAndTags(ctx context.Context, name, region string) (string, map[string]string, error) {
	if region == "" {
		var err error
		if region, err = findRegion(ctx, r.Client.S3(""), "", name); err != nil {
			return "", nil, err
		}
	}
	tags, err := findTags(ctx, r.Client.S3(region), name)
	return region, tags, err
}

func hasAllTags(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// checkSelection refuses a selection S3 cannot serve or that selects nothing.
func checkSelection(sel *selection, s spec) {
	if _, ok := sel.Regions[s.Target]; ok {
		attr, fix := "bucket_tags", "remove those tags from it"
		if slices.Contains(s.Buckets, s.Target) {
			attr, fix = "buckets", "remove it from buckets"
		}
		sel.diags.AddAttributeError(path.Root(attr), "Target bucket among the sources",
			fmt.Sprintf("%s selects %q, which is target_bucket: a bucket logging into itself writes a log record for every "+
				"log object it receives, without end. Keep the log bucket out of the selection (%s), and log it into another "+
				"bucket if it must be logged.", attr, s.Target, fix))
	}
	if len(sel.Regions) == 0 && len(sel.Pending) == 0 && !sel.diags.HasError() {
		sel.diags.AddAttributeError(path.Root("bucket_tags"), "No source bucket selected",
			fmt.Sprintf("The selection (%s) matches no existing bucket in the target's region, so nothing would be logged. "+
				"Name existing buckets in buckets, or tag the data buckets with bucket_tags' tags.", s.searched()))
	}
}
