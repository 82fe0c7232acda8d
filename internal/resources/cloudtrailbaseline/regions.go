package cloudtrailbaseline

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// regionConcurrency bounds the regions worked on at once: enough to finish 20-odd regions
// quickly, few enough to stay under AWS Config's control-plane throttling.
const regionConcurrency = 4

// forEachRegion runs fn for every region concurrently and joins the errors, so one failed region
// neither stops the others nor hides their results.
func forEachRegion(ctx context.Context, regions []string, fn func(ctx context.Context, region string) error) error {
	sem := make(chan struct{}, regionConcurrency)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	sorted := slices.Clone(regions)
	slices.Sort(sorted)
	for _, region := range sorted {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := fn(ctx, region); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
