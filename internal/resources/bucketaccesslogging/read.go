package bucketaccesslogging

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// readSources reads the logging every source in state has now. A source that no longer exists
// drops out with a warning: there is nothing left to log, and keeping it would plan a change
// that cannot be applied.
func (r *bucketAccessLogging) readSources(ctx context.Context, sources map[string]source) (map[string]source, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := map[string]source{}
	var gone []string
	var mu sync.Mutex
	err := framework.ForEach(ctx, slices.Collect(maps.Keys(sources)), bucketConcurrency, func(ctx context.Context, name string) error {
		s, err := r.readSource(ctx, sources[name])
		mu.Lock()
		defer mu.Unlock()
		switch {
		case framework.NotFound(err):
			gone = append(gone, name)
			return nil
		case err == nil:
			out[name] = s
		}
		return err
	})
	if err != nil {
		diags.AddError("Cannot read the source buckets' logging", err.Error())
		return nil, diags
	}
	if len(gone) > 0 {
		slices.Sort(gone)
		diags.AddWarning("Source buckets no longer exist",
			fmt.Sprintf("sources: %q no longer exist and drop out of sources; there is nothing left to log. Remove them from "+
				"buckets if they were named there.", gone))
	}
	return out, diags
}

func (r *bucketAccessLogging) readSource(ctx context.Context, s source) (source, error) {
	region, err := findRegion(ctx, r.Client.S3(""), r.Client.AccountID, s.Name)
	if err != nil {
		return s, err
	}
	have, err := findLogging(ctx, r.Client.S3(region), s.Name)
	s.Region, s.Logging = region, have
	return s, err
}
