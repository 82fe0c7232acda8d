package accessanalyzer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// applyRegions hardens every planned region at once and removes the regions the prior state had
// but the plan dropped. It returns what each region has afterwards; a region that failed and
// made nothing is left out, one that owns anything (kept, adopted, or not fully removed) is
// kept, so destroy can always find it.
func applyRegions(ctx context.Context, client *conns.AWSClient, d desired, priorRegions []string) (map[string]regionFound, error) {
	results := map[string]regionFound{}
	if d.forwards() {
		if err := ensureForwardRole(ctx, client, d); err != nil {
			// Nothing regional was touched: keep what the regions of the prior state have.
			found, findErr := findRegions(ctx, client, priorRegions, d.Name)
			return found, errors.Join(err, findErr)
		}
	}
	var mu sync.Mutex
	record := func(region string, f regionFound, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err == nil || f.owns() {
			results[region] = f
		}
	}
	err := framework.ForEachRegion(ctx, d.Regions, func(ctx context.Context, region string) error {
		f, err := ensureRegion(ctx, client, region, d)
		record(region, f, err)
		return err
	})
	var dropped []string
	for _, region := range priorRegions {
		if !slices.Contains(d.Regions, region) {
			dropped = append(dropped, region)
		}
	}
	dropErr := framework.ForEachRegion(ctx, dropped, func(ctx context.Context, region string) error {
		err := deleteRegion(ctx, client, region, d.Name)
		if err != nil {
			f, findErr := findRegion(ctx, client, region, d.Name)
			record(region, f, errors.Join(err, findErr))
		}
		return err
	})
	var roleErr error
	if !d.forwards() {
		roleErr = dropForwardRole(ctx, client, d.Name)
	}
	return results, errors.Join(err, dropErr, roleErr)
}

// dropForwardRole removes the forwarding role once no region forwards any more.
func dropForwardRole(ctx context.Context, client *conns.AWSClient, name string) error {
	_, err := findForwardRole(ctx, client.IAM(), name)
	if framework.NotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return deleteForwardRole(ctx, client, name)
}

func (f regionFound) owns() bool { return f.Analyzer != nil || f.Unused != nil || f.Rule != nil }

// regionUndo remembers what ensureRegion created, to remove it again if the region fails.
type regionUndo struct{ analyzer, unused, rule bool }

func (u regionUndo) run(ctx context.Context, client *conns.AWSClient, region, name string) {
	aa, eb := client.AccessAnalyzer(region), client.EventBridge(region)
	if u.rule {
		_, _ = eb.RemoveTargets(ctx, &eventbridge.RemoveTargetsInput{Rule: aws.String(ruleName(name)), Ids: []string{targetID}})
		_, _ = eb.DeleteRule(ctx, &eventbridge.DeleteRuleInput{Name: aws.String(ruleName(name))})
	}
	if u.unused {
		_, _ = aa.DeleteAnalyzer(ctx, &accessanalyzer.DeleteAnalyzerInput{AnalyzerName: aws.String(unusedName(name))})
	}
	if u.analyzer {
		_, _ = aa.DeleteAnalyzer(ctx, &accessanalyzer.DeleteAnalyzerInput{AnalyzerName: aws.String(name)})
	}
}

// ensureRegion hardens one region, changing only what differs. What it creates and then fails
// to finish is removed again, so a failed region is left as it was found.
func ensureRegion(ctx context.Context, client *conns.AWSClient, region string, d desired) (found regionFound, err error) {
	have, err := findRegion(ctx, client, region, d.Name)
	if err != nil {
		return have, err
	}
	var undo regionUndo
	defer func() {
		if err != nil {
			undo.run(ctx, client, region, d.Name)
			found = have
		}
	}()
	aa := client.AccessAnalyzer(region)
	if undo.analyzer, err = ensureAnalyzer(ctx, aa, region, d.Name, d.Type, 0, have.Analyzer, d.Tags); err != nil {
		return have, err
	}
	if err = ensureUnused(ctx, aa, region, d, have.Unused, &undo); err != nil {
		return have, err
	}
	haveArchive := have.Archive
	if undo.analyzer {
		haveArchive = nil // a new analyzer has no rules, whatever the one it replaced had
	}
	if err = ensureArchive(ctx, aa, region, d, haveArchive); err != nil {
		return have, err
	}
	if undo.rule, err = ensureRule(ctx, client.EventBridge(region), region, d, d.ruleTarget(client, region), have.Rule); err != nil {
		return have, err
	}
	if err = ensureTags(ctx, client, region, d.Tags, have, undo); err != nil {
		return have, err
	}
	return findRegion(ctx, client, region, d.Name)
}

// ensureAnalyzer creates the analyzer when it is missing or FAILED (AWS's state for an analyzer
// that can no longer analyze; only a new one recovers) and reports whether it created one.
func ensureAnalyzer(ctx context.Context, aa *accessanalyzer.Client, region, name string, typ aatypes.Type, age int32, have *aatypes.AnalyzerSummary, tags map[string]string) (bool, error) {
	if have != nil && have.Type != typ {
		return false, fmt.Errorf("%s: analyzer %s exists with type %s, not %s; delete it or choose another name", region, name, have.Type, typ)
	}
	if have != nil && have.Status == aatypes.AnalyzerStatusDisabled {
		// AWS disables an organization's analyzers when trusted access for Access Analyzer is
		// turned off in Organizations; a new analyzer would be disabled too.
		return false, fmt.Errorf("%s: analyzer %s is DISABLED (%s); re-enable trusted access for Access Analyzer in AWS Organizations, then apply again",
			region, name, statusReason(have))
	}
	if have != nil && have.Status != aatypes.AnalyzerStatusFailed {
		return false, nil
	}
	if have != nil {
		if _, err := aa.DeleteAnalyzer(ctx, &accessanalyzer.DeleteAnalyzerInput{AnalyzerName: aws.String(name)}); err != nil && !isAnalyzerGone(err) {
			return false, fmt.Errorf("%s: deleting failed analyzer %s (Access Analyzer DeleteAnalyzer): %w", region, name, err)
		}
	}
	in := &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String(name), Type: typ, Tags: tags}
	if age > 0 {
		in.Configuration = unusedConfig(age)
	}
	if _, err := aa.CreateAnalyzer(ctx, in); err != nil {
		return false, fmt.Errorf("%s: creating analyzer %s (Access Analyzer CreateAnalyzer): %w", region, name, err)
	}
	return true, waitActive(ctx, aa, region, name)
}

func statusReason(a *aatypes.AnalyzerSummary) string {
	if a.StatusReason == nil {
		return "no reason given"
	}
	return string(a.StatusReason.Code)
}

var errStillCreating = errors.New("analyzer is still CREATING")

// waitActive waits out CREATING: a new analyzer scans the account's resources first.
func waitActive(ctx context.Context, aa *accessanalyzer.Client, region, name string) error {
	return framework.RetryWhen(ctx, framework.PropagationTimeout, func() error {
		a, err := findAnalyzer(ctx, aa, region, name)
		if err == nil && a.Status == aatypes.AnalyzerStatusCreating {
			return errStillCreating
		}
		return err
	}, func(err error) bool { return errors.Is(err, errStillCreating) })
}

func unusedConfig(age int32) aatypes.AnalyzerConfiguration {
	return &aatypes.AnalyzerConfigurationMemberUnusedAccess{Value: aatypes.UnusedAccessConfiguration{UnusedAccessAge: aws.Int32(age)}}
}

// ensureUnused creates, re-ages or removes the unused-access analyzer.
func ensureUnused(ctx context.Context, aa *accessanalyzer.Client, region string, d desired, have *aatypes.AnalyzerSummary, undo *regionUndo) error {
	name := unusedName(d.Name)
	switch {
	case d.UnusedAge == 0 && have != nil:
		if _, err := aa.DeleteAnalyzer(ctx, &accessanalyzer.DeleteAnalyzerInput{AnalyzerName: aws.String(name)}); err != nil && !isAnalyzerGone(err) {
			return fmt.Errorf("%s: deleting unused-access analyzer %s (Access Analyzer DeleteAnalyzer): %w", region, name, err)
		}
	case d.UnusedAge > 0 && have != nil && have.Status != aatypes.AnalyzerStatusFailed && unusedAge(regionFound{Unused: have}) != d.UnusedAge:
		_, err := aa.UpdateAnalyzer(ctx, &accessanalyzer.UpdateAnalyzerInput{AnalyzerName: aws.String(name), Configuration: unusedConfig(d.UnusedAge)})
		if err != nil {
			return fmt.Errorf("%s: setting unused-access age of %s (Access Analyzer UpdateAnalyzer): %w", region, name, err)
		}
	case d.UnusedAge > 0:
		created, err := ensureAnalyzer(ctx, aa, region, name, unusedType(d.Type), d.UnusedAge, have, d.Tags)
		undo.unused = created
		return err
	}
	return nil
}

// ensureArchive makes the analyzer's archive rules exactly the declared ones.
func ensureArchive(ctx context.Context, aa *accessanalyzer.Client, region string, d desired, have map[string]archiveRule) error {
	for _, name := range slices.Sorted(maps.Keys(d.Archive)) {
		want := d.Archive[name]
		got, exists := have[name]
		var err error
		switch {
		case !exists:
			_, err = aa.CreateArchiveRule(ctx, &accessanalyzer.CreateArchiveRuleInput{AnalyzerName: aws.String(d.Name), RuleName: aws.String(name), Filter: toCriteria(want)})
		case !sameRule(got, want):
			_, err = aa.UpdateArchiveRule(ctx, &accessanalyzer.UpdateArchiveRuleInput{AnalyzerName: aws.String(d.Name), RuleName: aws.String(name), Filter: toCriteria(want)})
		}
		if err != nil {
			return fmt.Errorf("%s: writing archive rule %s of %s (Access Analyzer Create/UpdateArchiveRule): %w", region, name, d.Name, err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(have)) {
		if _, declared := d.Archive[name]; declared {
			continue
		}
		_, err := aa.DeleteArchiveRule(ctx, &accessanalyzer.DeleteArchiveRuleInput{AnalyzerName: aws.String(d.Name), RuleName: aws.String(name)})
		if err != nil && !isAnalyzerGone(err) {
			return fmt.Errorf("%s: deleting undeclared archive rule %s of %s (Access Analyzer DeleteArchiveRule): %w", region, name, d.Name, err)
		}
	}
	return nil
}

// ensureRule writes the findings rule when it is missing, disabled or matches other events, and
// its alarm-topic target when that is missing or points elsewhere; other targets are left alone.
func ensureRule(ctx context.Context, eb *eventbridge.Client, region string, d desired, target ebtypes.Target, have *ruleFound) (bool, error) {
	name := ruleName(d.Name)
	created := have == nil
	if have == nil || have.State != string(ebtypes.RuleStateEnabled) || !samePattern(have.Pattern, eventPattern()) {
		in := &eventbridge.PutRuleInput{
			Name: aws.String(name), EventPattern: aws.String(eventPattern()), State: ebtypes.RuleStateEnabled,
			Description: aws.String("New active IAM Access Analyzer findings to the SOC 2 alarm topic"),
		}
		if created {
			in.Tags = ebTags(d.Tags)
		}
		if _, err := eb.PutRule(ctx, in); err != nil {
			return false, fmt.Errorf("%s: writing rule %s (EventBridge PutRule): %w", region, name, err)
		}
	}
	if have.targetPresent(target) {
		return created, nil
	}
	out, err := eb.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String(name), Targets: []ebtypes.Target{target}})
	if err == nil && out.FailedEntryCount > 0 && len(out.FailedEntries) > 0 {
		e := out.FailedEntries[0]
		err = fmt.Errorf("%s: %s", aws.ToString(e.ErrorCode), aws.ToString(e.ErrorMessage))
	}
	if err != nil {
		return created, fmt.Errorf("%s: targeting %s from rule %s (EventBridge PutTargets): %w", region, aws.ToString(target.Arn), name, err)
	}
	return created, nil
}

// samePattern compares event patterns as JSON: EventBridge may return them reformatted.
func samePattern(a, b string) bool {
	var va, vb any
	return json.Unmarshal([]byte(a), &va) == nil && json.Unmarshal([]byte(b), &vb) == nil && reflect.DeepEqual(va, vb)
}

func ebTags(tags map[string]string) []ebtypes.Tag {
	out := make([]ebtypes.Tag, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, ebtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// ensureTags re-tags the objects that existed before this apply and carry other tags than
// want; objects this apply created were tagged at creation.
func ensureTags(ctx context.Context, client *conns.AWSClient, region string, want map[string]string, have regionFound, undo regionUndo) error {
	aa, eb := client.AccessAnalyzer(region), client.EventBridge(region)
	analyzers := []*aatypes.AnalyzerSummary{}
	if !undo.analyzer && have.Analyzer != nil {
		analyzers = append(analyzers, have.Analyzer)
	}
	if !undo.unused && have.Unused != nil && have.Unused.Status != aatypes.AnalyzerStatusFailed {
		analyzers = append(analyzers, have.Unused)
	}
	for _, a := range analyzers {
		remove, set := framework.TagDiff(a.Tags, want)
		if len(remove) > 0 {
			if _, err := aa.UntagResource(ctx, &accessanalyzer.UntagResourceInput{ResourceArn: a.Arn, TagKeys: remove}); err != nil {
				return fmt.Errorf("%s: untagging analyzer %s (Access Analyzer UntagResource): %w", region, aws.ToString(a.Name), err)
			}
		}
		if len(set) > 0 {
			if _, err := aa.TagResource(ctx, &accessanalyzer.TagResourceInput{ResourceArn: a.Arn, Tags: set}); err != nil {
				return fmt.Errorf("%s: tagging analyzer %s (Access Analyzer TagResource): %w", region, aws.ToString(a.Name), err)
			}
		}
	}
	if undo.rule || have.Rule == nil {
		return nil
	}
	remove, set := framework.TagDiff(have.Rule.Tags, want)
	if len(remove) > 0 {
		if _, err := eb.UntagResource(ctx, &eventbridge.UntagResourceInput{ResourceARN: aws.String(have.Rule.ARN), TagKeys: remove}); err != nil {
			return fmt.Errorf("%s: untagging rule %s (EventBridge UntagResource): %w", region, have.Rule.ARN, err)
		}
	}
	if len(set) > 0 {
		if _, err := eb.TagResource(ctx, &eventbridge.TagResourceInput{ResourceARN: aws.String(have.Rule.ARN), Tags: ebTags(set)}); err != nil {
			return fmt.Errorf("%s: tagging rule %s (EventBridge TagResource): %w", region, have.Rule.ARN, err)
		}
	}
	return nil
}
