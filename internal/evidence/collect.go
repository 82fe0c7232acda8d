package evidence

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// DefaultDays is the change-log window when none is given.
const DefaultDays = 90

// Options says what to read.
type Options struct {
	// Trail is the trail's name or ARN; empty finds the home region's one multi-region trail.
	Trail string
	// Regions are the regions whose Config recorders and tagged resources are read; empty means
	// every region enabled for the account.
	Regions []string
	// Days is the change-log window; zero means DefaultDays.
	Days int
	// SkipChangeLog and SkipInventory leave those parts empty (the data source reads controls only).
	SkipChangeLog, SkipInventory bool
	// Progress receives one line per step read (the CLI's stderr); nil discards it.
	Progress io.Writer
	// Generator names the tool and version that built the binder.
	Generator string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

type collector struct {
	client *conns.AWSClient
	opts   Options
	now    func() time.Time
	b      *Binder
	// discovered baseline objects, for the inventory's untagged check.
	baseline   []string
	trailFacts *trailFacts
}

// Collect reads the account and builds the sealed binder. A failed control is not an error;
// an error means the evidence could not be read (no trail, access denied, endpoint down).
func Collect(ctx context.Context, client *conns.AWSClient, opts Options) (*Binder, error) {
	c := &collector{client: client, opts: opts, now: opts.Now}
	if c.now == nil {
		c.now = time.Now
	}
	if c.opts.Days <= 0 {
		c.opts.Days = DefaultDays
	}
	if c.opts.Progress == nil {
		c.opts.Progress = io.Discard
	}
	regions, err := c.regions(ctx)
	if err != nil {
		return nil, err
	}
	c.b = &Binder{
		Schema: SchemaVersion, GeneratedAt: c.now().UTC().Truncate(time.Second), Generator: opts.Generator,
		AccountID: client.AccountID, CallerARN: client.CallerARN, Partition: client.Partition,
		HomeRegion: client.HomeRegion, Regions: regions, Days: c.opts.Days,
		Controls: []Control{}, ChangeLog: ChangeLog{Events: []ChangeEvent{}},
		Inventory: Inventory{Items: []InventoryItem{}, Untagged: []string{}, Notes: []string{}},
	}
	if err := c.collectControls(ctx); err != nil {
		return nil, err
	}
	if !opts.SkipChangeLog {
		c.progress("reading the change log of the last %d days", c.opts.Days)
		if err := c.changeLog(ctx); err != nil {
			return nil, err
		}
	}
	if !opts.SkipInventory {
		c.progress("reading the inventory by tag in %d regions", len(regions))
		if err := c.inventory(ctx); err != nil {
			return nil, err
		}
	}
	sortControls(c.b.Controls)
	c.b.summarize()
	Seal(c.b)
	return c.b, nil
}

func (c *collector) collectControls(ctx context.Context) error {
	c.progress("reading the trail in %s", c.client.HomeRegion)
	tr, err := c.trail(ctx)
	if err != nil {
		return err
	}
	c.progress("reading log bucket %s", tr.bucket)
	if err := c.logBucket(ctx, tr); err != nil {
		return err
	}
	if err := c.config(ctx); err != nil {
		return err
	}
	c.progress("reading the alarm pack on %s", tr.logGroup)
	if err := c.alarmPack(ctx, tr); err != nil {
		return err
	}
	c.progress("reading server access logging of the account's buckets")
	if err := c.accessLogging(ctx, tr); err != nil {
		return err
	}
	c.accessAnalyzer()
	return nil
}

func (c *collector) regions(ctx context.Context) ([]string, error) {
	if len(c.opts.Regions) > 0 {
		out := append([]string(nil), c.opts.Regions...)
		sort.Strings(out)
		return out, nil
	}
	regions, err := c.client.EnabledRegions(ctx)
	if err != nil {
		return nil, err
	}
	if len(regions) == 0 {
		return nil, errors.New("EC2 DescribeRegions listed no enabled region: pass the regions to read with --regions")
	}
	return regions, nil
}

func (c *collector) progress(format string, args ...any) {
	fmt.Fprintf(c.opts.Progress, "soc2-evidence: "+format+"\n", args...)
}

// add appends a control and returns it for its settings and verdict.
func (c *collector) add(ctrl Control) *Control {
	if ctrl.ReadAt.IsZero() {
		ctrl.ReadAt = c.now().UTC().Truncate(time.Second)
	}
	if ctrl.Region == "" {
		ctrl.Region = c.client.HomeRegion
	}
	for _, l := range []*[]string{&ctrl.SOC2, &ctrl.CIS, &ctrl.SecurityHub} {
		if *l == nil {
			*l = []string{}
		}
	}
	if ctrl.Settings == nil {
		ctrl.Settings = []Setting{}
	}
	c.b.Controls = append(c.b.Controls, ctrl)
	return &c.b.Controls[len(c.b.Controls)-1]
}

func (ctrl *Control) set(name string, value any) {
	ctrl.Settings = append(ctrl.Settings, Setting{Name: name, Value: settingText(value)})
}

// judge sets the verdict: the failures, joined, are the reason; none means pass with passReason.
func (ctrl *Control) judge(failures []string, passReason string) {
	if len(failures) > 0 {
		ctrl.Status, ctrl.Reason = StatusFail, strings.Join(failures, "; ")
		return
	}
	ctrl.Status, ctrl.Reason = StatusPass, passReason
}

func (ctrl *Control) skip(reason string) { ctrl.Status, ctrl.Reason = StatusSkipped, reason }

func settingText(v any) string {
	switch x := v.(type) {
	case nil:
		return "(not set)"
	case string:
		if x == "" {
			return "(not set)"
		}
		return x
	case *string:
		if x == nil || *x == "" {
			return "(not set)"
		}
		return *x
	case bool:
		return fmt.Sprint(x)
	case *bool:
		if x == nil {
			return "(not set)"
		}
		return fmt.Sprint(*x)
	case *int32:
		if x == nil {
			return "(not set)"
		}
		return fmt.Sprint(*x)
	case *time.Time:
		if x == nil || x.IsZero() {
			return "(never)"
		}
		return x.UTC().Format(time.RFC3339)
	case []string:
		if len(x) == 0 {
			return "(none)"
		}
		return strings.Join(x, ", ")
	}
	return fmt.Sprint(v)
}

func sortControls(cs []Control) {
	rank := map[string]int{}
	for i, s := range SectionOrder {
		rank[s] = i
	}
	sort.SliceStable(cs, func(i, j int) bool { return rank[cs[i].Section] < rank[cs[j].Section] })
}
