package bucketaccesslogging_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

// Create with a soc2_log_bucket target made in the same apply, import, then update the prefix
// and the selection: a bucket added is logged, a bucket dropped gets its logging switched off.
func TestAccBucketAccessLogging_basic(t *testing.T) {
	acctest.PreCheck(t)
	target := acctest.RandomName("salt")
	a, b, c := acctest.RandomName("sala"), acctest.RandomName("salb"), acctest.RandomName("salc")
	for _, n := range []string{a, b, c} {
		createBucket(t, n, "", nil)
	}
	ab := []string{a, b}
	slices.Sort(ab)
	config := func(buckets []string, extra ...string) string {
		return acctest.ProviderConfig() + logBucket(target) + accessLogging(append([]string{
			"target_bucket = soc2_log_bucket.target.bucket",
			"buckets       = " + quoted(buckets...),
		}, extra...)...)
	}
	resource.Test(t, acctest.Case(t, checkDestroyed(t, map[string][2]string{a: {}, b: {}, c: {}}), []resource.TestStep{
		{
			Config: config(ab),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "id", target+";buckets="+strings.Join(ab, ",")),
				resource.TestCheckResourceAttr(address, "target_prefix", "s3-access/{bucket}/"),
				resource.TestCheckResourceAttr(address, "partitioned_prefix", "false"),
				resource.TestCheckResourceAttr(address, "sources.%", "2"),
				resource.TestCheckResourceAttr(address, source(a, "logging_enabled"), "true"),
				resource.TestCheckResourceAttr(address, source(a, "target_bucket"), target),
				resource.TestCheckResourceAttr(address, source(a, "target_prefix"), "s3-access/"+a+"/"),
				resource.TestCheckResourceAttr(address, source(a, "managed"), "true"),
				resource.TestCheckNoResourceAttr(address, source(a, "previous_target_bucket")),
				checkLogging(t, a, target, "s3-access/"+a+"/"),
				checkLogging(t, b, target, "s3-access/"+b+"/"),
				checkLogging(t, c, "", ""),
			),
		},
		// The buckets in any order: the id is canonical.
		acctest.ImportStep(address, target+";buckets="+b+","+a),
		{
			Config: config([]string{a, b, c}, `target_prefix = "logs/{bucket}/"`),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "sources.%", "3"),
				resource.TestCheckResourceAttr(address, source(c, "target_prefix"), "logs/"+c+"/"),
				checkLogging(t, a, target, "logs/"+a+"/"),
				checkLogging(t, c, target, "logs/"+c+"/"),
			),
		},
		{
			Config: config([]string{a, c}, `target_prefix = "logs/{bucket}/"`),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(address, "sources.%", "2"),
				resource.TestCheckNoResourceAttr(address, source(b, "logging_enabled")),
				checkLogging(t, b, "", ""),
				checkLogging(t, a, target, "logs/"+a+"/"),
			),
		},
	}))
}

// A source bucket named only at apply (terraform_data's output, as a bucket created in the same
// configuration would be) leaves the selection unknown at plan instead of failing to read the
// set; apply logs it and the next plan is empty.
func TestAccBucketAccessLogging_sourceKnownOnlyAtApply(t *testing.T) {
	acctest.PreCheck(t)
	target, a := acctest.RandomName("salt"), acctest.RandomName("sala")
	createBucket(t, a, "", nil)
	config := acctest.ProviderConfig() + fmt.Sprintf("resource \"terraform_data\" \"source\" {\n  input = %q\n}\n", a) +
		logBucket(target) + accessLogging(
		"target_bucket = soc2_log_bucket.target.bucket",
		"buckets       = [terraform_data.source.output]",
	)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, map[string][2]string{a: {}}), []resource.TestStep{{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, "sources.%", "1"),
			resource.TestCheckResourceAttr(address, source(a, "logging_enabled"), "true"),
			checkLogging(t, a, target, "s3-access/"+a+"/"),
		),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}}))
}

// A plain target made through the SDK with the documented logging statement, sources chosen by
// tag, one of which already logged elsewhere: it is recorded as not managed, and destroy puts
// its old configuration back instead of switching its logging off.
func TestAccBucketAccessLogging_plainTargetAdoptsExisting(t *testing.T) {
	acctest.PreCheck(t)
	target, old := acctest.RandomName("salpt"), acctest.RandomName("salold")
	x, y := acctest.RandomName("salx"), acctest.RandomName("saly")
	tag := acctest.RandomName("class")
	createBucket(t, target, "", nil)
	allowLogging(t, target, "logs/*")
	createBucket(t, old, "", nil)
	allowLogging(t, old, "*")
	createBucket(t, x, "", map[string]string{"classification": tag, "team": "data"})
	createBucket(t, y, "", map[string]string{"classification": tag})
	setLogging(t, y, old, "pre/")
	// Tagged alike but in another region: a warning, not a source (it needs a target there).
	west := acctest.RandomName("salw")
	createBucket(t, west, "us-west-2", map[string]string{"classification": tag})

	config := acctest.ProviderConfig() + accessLogging(
		fmt.Sprintf("target_bucket = %q", target),
		`target_prefix = "logs/"`,
		fmt.Sprintf("bucket_tags   = { classification = %q }", tag),
	)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, map[string][2]string{x: {}, y: {old, "pre/"}}), []resource.TestStep{{
		Config: config,
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, "id", target+";tags=classification="+tag),
			resource.TestCheckResourceAttr(address, "sources.%", "2"),
			resource.TestCheckResourceAttr(address, source(x, "managed"), "true"),
			resource.TestCheckResourceAttr(address, source(y, "managed"), "false"),
			resource.TestCheckResourceAttr(address, source(y, "previous_target_bucket"), old),
			resource.TestCheckResourceAttr(address, source(y, "previous_target_prefix"), "pre/"),
			resource.TestCheckResourceAttr(address, source(y, "target_bucket"), target),
			checkLogging(t, x, target, "logs/"),
			checkLogging(t, y, target, "logs/"),
			resource.TestCheckNoResourceAttr(address, source(west, "logging_enabled")),
		),
	}}))
}

// Date-based keys: TargetObjectKeyFormat PartitionedPrefix with EventTime.
func TestAccBucketAccessLogging_partitionedPrefix(t *testing.T) {
	acctest.PreCheck(t)
	acctest.SkipOnMoto(t, "GetBucketLogging drops TargetObjectKeyFormat, so a partitioned format reads back as simple")
	target, a := acctest.RandomName("salpp"), acctest.RandomName("salppa")
	createBucket(t, a, "", nil)
	config := acctest.ProviderConfig() + logBucket(target) + accessLogging(
		"target_bucket      = soc2_log_bucket.target.bucket",
		"buckets            = "+quoted(a),
		"partitioned_prefix = true",
	)
	resource.Test(t, acctest.Case(t, checkDestroyed(t, map[string][2]string{a: {}}), []resource.TestStep{
		{
			Config: config,
			Check:  resource.TestCheckResourceAttr(address, source(a, "partitioned_prefix"), "true"),
		},
		acctest.ImportStep(address, target+";buckets="+a),
	}))
}

// When the target a bucket logged to before is gone by destroy time, destroy leaves the bucket
// logging to this target with a warning instead of failing or switching its logging off.
func TestAccBucketAccessLogging_destroyWhenEarlierTargetGone(t *testing.T) {
	acctest.PreCheck(t)
	target, old, y := acctest.RandomName("salgt"), acctest.RandomName("salgold"), acctest.RandomName("salgy")
	createBucket(t, target, "", nil)
	allowLogging(t, target, "*")
	createBucket(t, old, "", nil)
	allowLogging(t, old, "*")
	createBucket(t, y, "", nil)
	setLogging(t, y, old, "pre/")
	resource.Test(t, acctest.Case(t, checkDestroyed(t, map[string][2]string{y: {target, "s3-access/" + y + "/"}}), []resource.TestStep{{
		Config: acctest.ProviderConfig() + accessLogging(fmt.Sprintf("target_bucket = %q", target), "buckets = "+quoted(y)),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(address, source(y, "managed"), "false"),
			resource.TestCheckResourceAttr(address, source(y, "previous_target_bucket"), old),
			func(*terraform.State) error { deleteBucket(t, old, ""); return nil },
		),
	}}))
}
