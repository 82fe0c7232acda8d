// Command soc2-evidence writes the SOC 2 audit evidence binder of an AWS account from what AWS
// reports now: index.html (one self-contained page), evidence.json (versioned, every item and the
// whole binder sealed with SHA-256) and, where Chromium is installed, binder.pdf.
//
//	soc2-evidence [--region R] [--profile P] [--endpoint-url URL] [--assume-role-arn ARN]
//	              [--allowed-account-ids ID,...] [--regions R,...] [--trail NAME|ARN]
//	              [--days N] [--out DIR] [--no-pdf]
//	soc2-evidence verify DIR|evidence.json
//
// The binder is written to a temporary folder beside DIR and renamed to DIR when complete, so an
// error leaves no partial binder. Progress goes to stderr, the binder's path to stdout.
// Exit status: 0 every control passed, 1 some control failed (the binder is written), 2 error
// (nothing written); verify exits 0 when every digest matches and 1 when one does not.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/evidence"
)

// version is stamped by the linker (-X main.version=...) for releases.
var version = "dev"

const (
	exitOK     = 0
	exitFailed = 1
	exitError  = 2
)

func main() {
	os.Exit(runWithSignals(os.Args[1:]))
}

// runWithSignals cancels the reads on Ctrl-C, so the temporary folder is removed before exit.
func runWithSignals(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, args, os.Stdout, os.Stderr)
}

type options struct {
	conn    conns.Config
	allowed []string
	regions []string
	trail   string
	days    int
	out     string
	noPDF   bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "verify" {
		return verify(args[1:], stdout, stderr)
	}
	o, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintln(stderr, "soc2-evidence:", err)
		return exitError
	}
	start := time.Now()
	b, err := build(ctx, o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "soc2-evidence: error:", err)
		fmt.Fprintln(stderr, "soc2-evidence: no binder was written")
		return exitError
	}
	failed := b.Failed()
	fmt.Fprintf(stderr, "soc2-evidence: %d controls (%d failed), %d change events, %d inventory items, built in %s\n",
		len(b.Controls), len(failed), len(b.ChangeLog.Events), len(b.Inventory.Items), time.Since(start).Round(time.Millisecond))
	for _, c := range failed {
		fmt.Fprintf(stderr, "soc2-evidence: FAIL %s: %s\n", c.ID, c.Reason)
	}
	fmt.Fprintln(stdout, o.out)
	if len(failed) > 0 {
		return exitFailed
	}
	return exitOK
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("soc2-evidence", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var allowed, regions, roleARN string
	fs.StringVar(&o.conn.Region, "region", "", "home region of the baseline (default: AWS_REGION or the profile's)")
	fs.StringVar(&o.conn.Profile, "profile", "", "shared config profile")
	fs.StringVar(&o.conn.EndpointURL, "endpoint-url", "", "send every call to this endpoint (an emulator)")
	fs.StringVar(&roleARN, "assume-role-arn", "", "role to assume after loading the base credentials")
	fs.StringVar(&allowed, "allowed-account-ids", "", "comma-separated accounts the binder may read; any other is refused before it is read")
	fs.StringVar(&regions, "regions", "", "comma-separated regions whose Config recorders and tagged resources are read (default: every enabled region)")
	fs.StringVar(&o.trail, "trail", "", "name or ARN of the baseline's trail (default: the one multi-region trail homed in --region)")
	fs.IntVar(&o.days, "days", evidence.DefaultDays, "change-log window in days")
	fs.StringVar(&o.out, "out", "", "binder folder to create (default: soc2-evidence-<UTC time>)")
	fs.BoolVar(&o.noPDF, "no-pdf", false, "do not print binder.pdf even when Chromium is installed")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q: flags only (or `verify DIR`)", fs.Arg(0))
	}
	if o.days < 1 || o.days > 3650 {
		return o, fmt.Errorf("--days %d: give a window between 1 and 3650 days", o.days)
	}
	if roleARN != "" {
		if !strings.HasPrefix(roleARN, "arn:") || !strings.Contains(roleARN, ":role/") {
			return o, fmt.Errorf("--assume-role-arn %q is not a role ARN (arn:aws:iam::<account>:role/<name>)", roleARN)
		}
		o.conn.AssumeRole = &conns.AssumeRole{RoleARN: roleARN, SessionName: "soc2-evidence"}
	}
	o.allowed = splitList(allowed)
	o.regions = splitList(regions)
	if o.out == "" {
		o.out = "soc2-evidence-" + time.Now().UTC().Format("20060102T150405Z")
	}
	// Few, short retries: an unreachable endpoint or missing credentials should fail in seconds.
	o.conn.MaxRetries, o.conn.MaxBackoff = 3, 2*time.Second
	o.conn.ProviderVersion = version
	return o, evidence.CheckOut(o.out)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func build(ctx context.Context, o options, stderr io.Writer) (*evidence.Binder, error) {
	fmt.Fprintln(stderr, "soc2-evidence: resolving the caller identity")
	client, err := conns.New(ctx, o.conn)
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, identityHint(err, o.conn.EndpointURL))
	}
	if err := client.CheckAccount(o.allowed, nil); err != nil {
		return nil, err
	}
	b, err := evidence.Collect(ctx, client, evidence.Options{
		Trail: o.trail, Regions: o.regions, Days: o.days, Progress: stderr, Generator: "soc2-evidence " + version,
	})
	if err != nil {
		return nil, err
	}
	chromium := ""
	if !o.noPDF {
		chromium = evidence.FindChromium()
	}
	if err := evidence.Write(ctx, b, o.out, chromium, stderr); err != nil {
		return nil, err
	}
	return b, nil
}

// identityHint says what to fix when the first call fails: credentials, or the endpoint.
func identityHint(err error, endpoint string) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "get credentials") || strings.Contains(msg, "no EC2 IMDS role"):
		return "no AWS credentials were found: set --profile or AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	case strings.Contains(msg, "dial tcp") || strings.Contains(msg, "no such host") || strings.Contains(msg, "connection refused"):
		if endpoint != "" {
			return "the endpoint " + endpoint + " does not answer: check --endpoint-url and that the emulator runs"
		}
		return "AWS could not be reached: check the network and --region"
	}
	return "check the credentials (--profile, AWS_ACCESS_KEY_ID), --assume-role-arn and --endpoint-url"
}

func verify(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: soc2-evidence verify DIR|evidence.json")
		return exitError
	}
	path := args[0]
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, evidence.FileJSON)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "soc2-evidence verify:", err)
		return exitError
	}
	b, err := evidence.Verify(data)
	if err != nil {
		fmt.Fprintln(stderr, "soc2-evidence verify: FAILED:", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "%s: verified: %d controls, %d change events, inventory; binder digest %s\n",
		path, len(b.Controls), len(b.ChangeLog.Events), b.Digest)
	return exitOK
}
