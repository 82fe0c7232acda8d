package reliability

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
)

// benchLatency is added to every AWS call while the plans are timed: about a real AWS round trip.
const benchLatency = 50 * time.Millisecond

// benchPlans is how many refresh plans are timed per region count; the fastest counts, so a
// neighbour's burst of CPU on a shared machine does not decide the ratio.
const benchPlans = 5

// benchT lets resource.Test drive a benchmark: *testing.B has everything but Parallel.
type benchT struct{ *testing.B }

func (benchT) Parallel() {}

// planMeasure is one timed `terraform plan` (refresh and plan) of the complete baseline.
type planMeasure struct {
	wall  time.Duration
	stats faultproxy.Stats
}

// BenchmarkPlanCompleteBaselineRegions plans the complete baseline with its Config recorders in 1
// and in 20 regions, 50 ms added to every call, and reports the wall-time ratio (20 / 1) and the
// calls per plan. Per-region reads run concurrently, so 20 regions should cost about one region's
// time (issue 13 aims for <= 1.15x) and exactly 19 times the per-region calls more.
func BenchmarkPlanCompleteBaselineRegions(b *testing.B) {
	if os.Getenv("TF_ACC") == "" {
		b.Skip("acceptance benchmark: set TF_ACC=1 and run moto (make bench does both)")
	}
	for i := 0; i < b.N; i++ {
		one := benchPlan(b, 1)
		twenty := benchPlan(b, 20)
		ratio := float64(twenty.wall) / float64(one.wall)
		perRegion := float64(twenty.stats.Calls-one.stats.Calls) / 19
		b.ReportMetric(ratio, "wall_20/1")
		b.ReportMetric(float64(one.stats.Calls), "calls_1region")
		b.ReportMetric(float64(twenty.stats.Calls), "calls_20regions")
		b.Logf("plan of the complete baseline, %s added per call: 1 region %s (%d calls), 20 regions %s (%d calls); ratio %.2fx; %.1f calls per added region",
			benchLatency, one.wall.Round(time.Millisecond), one.stats.Calls, twenty.wall.Round(time.Millisecond), twenty.stats.Calls, ratio, perRegion)
		b.Logf("calls per plan, 1 region: %s", opCounts(one.stats))
		b.Logf("calls per plan, 20 regions: %s", opCounts(twenty.stats))
	}
}

// benchPlan applies the complete baseline recording n regions (no latency), then times
// benchPlans refresh plans with benchLatency on every call and returns the fastest.
func benchPlan(b *testing.B, n int) planMeasure {
	b.StopTimer()
	e := newEnv(b, 1)
	regions, err := e.client.EnabledRegions(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	regions = benchRegions(regions, acctest.Region, n)
	dir := completeWithRegions(b, regions)
	name := acctest.RandomName("bench")
	step := func() resource.TestStep {
		return resource.TestStep{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables:          e.completeVariables(name),
		}
	}
	var best planMeasure
	var start time.Time
	steps := []resource.TestStep{step()}
	for range benchPlans {
		plan := step()
		plan.PlanOnly = true
		// PlanOnly runs a plan without refresh, then `terraform plan` as users run it: only the
		// latter is timed, from the end of the first plan to the end of the second.
		plan.ConfigPlanChecks = resource.ConfigPlanChecks{
			PostApplyPreRefresh: []plancheck.PlanCheck{checkFunc(func() {
				e.proxy.SetRules(faultproxy.Rule{Fault: faultproxy.Latency, Latency: benchLatency})
				e.proxy.ResetStats()
				b.StartTimer()
				start = time.Now()
			})},
			PostApplyPostRefresh: []plancheck.PlanCheck{checkFunc(func() {
				wall := time.Since(start)
				b.StopTimer()
				e.proxy.SetRules()
				if best.wall == 0 || wall < best.wall {
					best = planMeasure{wall: wall, stats: e.proxy.Stats()}
				}
			})},
		}
		steps = append(steps, plan)
	}
	resource.Test(benchT{b}, resource.TestCase{
		CheckDestroy: e.checkNothingLeftIn(regions),
		Steps:        steps,
	})
	return best
}

// benchRegions is home plus the first n-1 other enabled regions.
func benchRegions(enabled []string, home string, n int) []string {
	out := []string{home}
	for _, r := range enabled {
		if len(out) == n {
			break
		}
		if r != home {
			out = append(out, r)
		}
	}
	if len(out) < n {
		panic(fmt.Sprintf("the emulator enables only %d regions, the benchmark needs %d", len(enabled), n))
	}
	return out
}

var recorderRegions = regexp.MustCompile(`(?m)^(\s*regions\s*=\s*)\[[^\]]*\]`)

// completeWithRegions copies examples/complete with its recorder regions replaced.
func completeWithRegions(b *testing.B, regions []string) string {
	dir := acctest.ExampleCopy(b, "complete")
	quoted := make([]string, len(regions))
	for i, r := range regions {
		quoted[i] = fmt.Sprintf("%q", r)
	}
	path := filepath.Join(dir, "cloudtrail.tf")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	out := recorderRegions.ReplaceAllString(string(src), "${1}["+strings.Join(quoted, ", ")+"]")
	if out == string(src) {
		b.Fatalf("no `regions = [...]` in examples/complete/cloudtrail.tf: the benchmark no longer matches the example")
	}
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

func opCounts(s faultproxy.Stats) string {
	keys := make([]string, 0, len(s.ByOp))
	for k := range s.ByOp {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, s.ByOp[k]))
	}
	return strings.Join(parts, " ")
}

// checkFunc is a plan check that only runs f: a hook at a point of a step.
type checkFunc func()

func (f checkFunc) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f()
}
