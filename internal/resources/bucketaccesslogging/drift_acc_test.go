package bucketaccesslogging_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Three tagged buckets log into a soc2_log_bucket. Each step changes one thing out of band: the
// plan names the bucket, apply restores it, the next plan is empty. A newly tagged bucket is
// planned as a new source; a deleted one drops out with a warning and no error.
func TestAccBucketAccessLogging_drift(t *testing.T) {
	acctest.PreCheck(t)
	target := acctest.RandomName("saldt")
	a, b, c, d := acctest.RandomName("salda"), acctest.RandomName("saldb"), acctest.RandomName("saldc"), acctest.RandomName("saldd")
	tags := map[string]string{"data-classification": acctest.RandomName("sensitive")}
	for _, n := range []string{a, b, c} {
		createBucket(t, n, "", tags)
	}
	config := acctest.ProviderConfig() + logBucket(target) + accessLogging(
		"target_bucket = soc2_log_bucket.target.bucket",
		fmt.Sprintf("bucket_tags   = { data-classification = %q }", tags["data-classification"]),
	)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, map[string][2]string{b: {}, c: {}, d: {}}), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "sources.%", "3"),
				checkLogging(t, b, target, "s3-access/"+b+"/"),
			),
		},
		acctest.DriftStep(t, config, func(t *testing.T) { setLogging(t, b, "", "") },
			address, source(b, "logging_enabled")),
		{Config: config, Check: checkLogging(t, b, target, "s3-access/"+b+"/")},
		acctest.DriftStep(t, config, func(t *testing.T) { setLogging(t, c, target, "elsewhere/") },
			address, source(c, "target_prefix")),
		{Config: config, Check: checkLogging(t, c, target, "s3-access/"+c+"/")},
		acctest.DriftStep(t, config, func(t *testing.T) { createBucket(t, d, "", tags) },
			address, source(d, "logging_enabled"), source(d, "target_prefix")),
		{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "sources.%", "4"),
				resource.TestCheckResourceAttr(address, source(d, "managed"), "true"),
				checkLogging(t, d, target, "s3-access/"+d+"/"),
			),
		},
		{
			// The refresh drops the deleted bucket with a warning; nothing is left to change.
			PreConfig:        func() { deleteBucket(t, a, "") },
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanBeforeApply(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "sources.%", "3"),
				resource.TestCheckNoResourceAttr(address, source(a, "logging_enabled")),
			),
		},
	}))
}

// A bucket named in buckets that is deleted out of band drops out the same way.
func TestAccBucketAccessLogging_namedBucketDeleted(t *testing.T) {
	acctest.PreCheck(t)
	target := acctest.RandomName("salnt")
	a, b := acctest.RandomName("salna"), acctest.RandomName("salnb")
	createBucket(t, a, "", nil)
	createBucket(t, b, "", nil)
	config := acctest.ProviderConfig() + logBucket(target) + accessLogging(
		"target_bucket = soc2_log_bucket.target.bucket",
		"buckets       = "+quoted(a, b),
	)
	resource.Test(t, acctest.Case(t, nil, []resource.TestStep{
		{Config: config, Check: resource.TestCheckResourceAttr(address, "sources.%", "2")},
		{
			PreConfig:        func() { deleteBucket(t, a, "") },
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanBeforeApply(),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "sources.%", "1"),
				resource.TestCheckResourceAttr(address, source(b, "logging_enabled"), "true"),
			),
		},
	}))
}
