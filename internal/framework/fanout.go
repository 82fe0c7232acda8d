package framework

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// RegionConcurrency bounds how many regions are worked on at once. Calls to different regions
// go to different regional endpoints with their own throttling quotas, so every region of a
// commercial partition (about 20 enabled by default) fits in one round.
const RegionConcurrency = 32

// ForEachRegion runs fn for every region concurrently (at most RegionConcurrency at a time) and
// joins the errors, so one failed region neither stops the others nor hides their results.
func ForEachRegion(ctx context.Context, regions []string, fn func(ctx context.Context, region string) error) error {
	return ForEach(ctx, regions, RegionConcurrency, fn)
}

// ForEach runs fn for every item with at most limit running at once, in sorted order of start,
// and joins the errors.
func ForEach(ctx context.Context, items []string, limit int, fn func(ctx context.Context, item string) error) error {
	sem := make(chan struct{}, max(limit, 1))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	sorted := slices.Clone(items)
	slices.Sort(sorted)
	for _, item := range sorted {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := fn(ctx, item); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
