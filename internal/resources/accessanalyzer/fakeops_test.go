package accessanalyzer

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/smithy-go"
)

// The fake's behaviour follows the API reference of each operation: not-found is each
// service's ResourceNotFoundException, creating an existing analyzer is a ConflictException,
// DeleteAnalyzer removes its archive rules, DeleteRule refuses a rule with targets, and PutRule
// applies Tags only when it creates the rule.

func notFoundAA(what string) error {
	return &aatypes.ResourceNotFoundException{Message: aws.String(what + " not found"), ResourceId: aws.String(what), ResourceType: aws.String("Analyzer")}
}

func notFoundEB(what string) error {
	return &ebtypes.ResourceNotFoundException{Message: aws.String("Rule " + what + " does not exist.")}
}

func (f *fakeAWS) analyzerIn(region string) map[string]*aatypes.AnalyzerSummary {
	if f.analyzers[region] == nil {
		f.analyzers[region] = map[string]*aatypes.AnalyzerSummary{}
		f.archive[region] = map[string]map[string]aatypes.ArchiveRuleSummary{}
	}
	return f.analyzers[region]
}

func (f *fakeAWS) analyzerOp(region string, input any) (any, error, bool) {
	as := f.analyzerIn(region)
	switch in := input.(type) {
	case *accessanalyzer.GetAnalyzerInput:
		a, ok := as[*in.AnalyzerName]
		if !ok {
			return nil, notFoundAA(*in.AnalyzerName), true
		}
		copied := *a
		copied.Tags = maps.Clone(a.Tags)
		return &accessanalyzer.GetAnalyzerOutput{Analyzer: &copied}, nil, true
	case *accessanalyzer.CreateAnalyzerInput:
		if _, ok := as[*in.AnalyzerName]; ok {
			return nil, &aatypes.ConflictException{Message: aws.String("analyzer exists")}, true
		}
		arn := fmt.Sprintf("arn:aws:access-analyzer:%s:%s:analyzer/%s", region, testAccount, *in.AnalyzerName)
		as[*in.AnalyzerName] = &aatypes.AnalyzerSummary{
			Arn: aws.String(arn), Name: in.AnalyzerName, Type: in.Type, Status: aatypes.AnalyzerStatusActive,
			CreatedAt: aws.Time(time.Now()), Tags: maps.Clone(in.Tags), Configuration: in.Configuration,
		}
		f.archive[region][*in.AnalyzerName] = map[string]aatypes.ArchiveRuleSummary{}
		return &accessanalyzer.CreateAnalyzerOutput{Arn: aws.String(arn)}, nil, true
	case *accessanalyzer.DeleteAnalyzerInput:
		if _, ok := as[*in.AnalyzerName]; !ok {
			return nil, notFoundAA(*in.AnalyzerName), true
		}
		delete(as, *in.AnalyzerName)
		delete(f.archive[region], *in.AnalyzerName)
		return &accessanalyzer.DeleteAnalyzerOutput{}, nil, true
	case *accessanalyzer.UpdateAnalyzerInput:
		a, ok := as[*in.AnalyzerName]
		if !ok {
			return nil, notFoundAA(*in.AnalyzerName), true
		}
		a.Configuration = in.Configuration
		return &accessanalyzer.UpdateAnalyzerOutput{Configuration: in.Configuration}, nil, true
	case *accessanalyzer.TagResourceInput:
		a := f.analyzerByARN(region, *in.ResourceArn)
		if a == nil {
			return nil, notFoundAA(*in.ResourceArn), true
		}
		maps.Copy(a.Tags, in.Tags)
		return &accessanalyzer.TagResourceOutput{}, nil, true
	case *accessanalyzer.UntagResourceInput:
		a := f.analyzerByARN(region, *in.ResourceArn)
		if a == nil {
			return nil, notFoundAA(*in.ResourceArn), true
		}
		for _, k := range in.TagKeys {
			delete(a.Tags, k)
		}
		return &accessanalyzer.UntagResourceOutput{}, nil, true
	}
	return f.archiveOp(region, input)
}

func (f *fakeAWS) analyzerByARN(region, arn string) *aatypes.AnalyzerSummary {
	for _, a := range f.analyzers[region] {
		if aws.ToString(a.Arn) == arn {
			if a.Tags == nil {
				a.Tags = map[string]string{}
			}
			return a
		}
	}
	return nil
}

func (f *fakeAWS) archiveOp(region string, input any) (any, error, bool) {
	rulesOf := func(analyzer string) (map[string]aatypes.ArchiveRuleSummary, error) {
		rules, ok := f.archive[region][analyzer]
		if !ok {
			return nil, notFoundAA(analyzer)
		}
		return rules, nil
	}
	switch in := input.(type) {
	case *accessanalyzer.ListArchiveRulesInput:
		rules, err := rulesOf(*in.AnalyzerName)
		if err != nil {
			return nil, err, true
		}
		out := &accessanalyzer.ListArchiveRulesOutput{ArchiveRules: []aatypes.ArchiveRuleSummary{}}
		for _, name := range slices.Sorted(maps.Keys(rules)) {
			out.ArchiveRules = append(out.ArchiveRules, rules[name])
		}
		return out, nil, true
	case *accessanalyzer.CreateArchiveRuleInput:
		rules, err := rulesOf(*in.AnalyzerName)
		if err == nil {
			if _, exists := rules[*in.RuleName]; exists {
				return nil, &aatypes.ConflictException{Message: aws.String("archive rule exists")}, true
			}
			now := aws.Time(time.Now())
			rules[*in.RuleName] = aatypes.ArchiveRuleSummary{RuleName: in.RuleName, Filter: in.Filter, CreatedAt: now, UpdatedAt: now}
		}
		return &accessanalyzer.CreateArchiveRuleOutput{}, err, true
	case *accessanalyzer.UpdateArchiveRuleInput:
		rules, err := rulesOf(*in.AnalyzerName)
		if err == nil {
			r, exists := rules[*in.RuleName]
			if !exists {
				return nil, notFoundAA(*in.RuleName), true
			}
			r.Filter, r.UpdatedAt = in.Filter, aws.Time(time.Now())
			rules[*in.RuleName] = r
		}
		return &accessanalyzer.UpdateArchiveRuleOutput{}, err, true
	case *accessanalyzer.DeleteArchiveRuleInput:
		rules, err := rulesOf(*in.AnalyzerName)
		if err == nil {
			if _, exists := rules[*in.RuleName]; !exists {
				return nil, notFoundAA(*in.RuleName), true
			}
			delete(rules, *in.RuleName)
		}
		return &accessanalyzer.DeleteArchiveRuleOutput{}, err, true
	}
	return nil, nil, false
}

func (f *fakeAWS) eventsOp(region string, input any) (any, error, bool) {
	if f.rules[region] == nil {
		f.rules[region] = map[string]*fakeRule{}
	}
	rs := f.rules[region]
	switch in := input.(type) {
	case *eventbridge.DescribeRuleInput:
		r, ok := rs[*in.Name]
		if !ok {
			return nil, notFoundEB(*in.Name), true
		}
		return &eventbridge.DescribeRuleOutput{Arn: aws.String(r.arn), Name: in.Name, State: ebtypes.RuleState(r.state),
			EventPattern: aws.String(r.pattern), EventBusName: aws.String("default")}, nil, true
	case *eventbridge.PutRuleInput:
		r, ok := rs[*in.Name]
		if !ok {
			r = &fakeRule{arn: fmt.Sprintf("arn:aws:events:%s:%s:rule/%s", region, testAccount, *in.Name), tags: map[string]string{}}
			for _, t := range in.Tags {
				r.tags[*t.Key] = *t.Value
			}
			rs[*in.Name] = r
		}
		r.state, r.pattern = string(in.State), aws.ToString(in.EventPattern)
		return &eventbridge.PutRuleOutput{RuleArn: aws.String(r.arn)}, nil, true
	case *eventbridge.DeleteRuleInput:
		if r, ok := rs[*in.Name]; ok && len(r.targets) > 0 {
			return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "Rule can't be deleted since it has targets."}, true
		}
		delete(rs, *in.Name)
		return &eventbridge.DeleteRuleOutput{}, nil, true
	}
	return f.targetsOp(rs, input)
}

func (f *fakeAWS) targetsOp(rs map[string]*fakeRule, input any) (any, error, bool) {
	switch in := input.(type) {
	case *eventbridge.PutTargetsInput:
		r, ok := rs[*in.Rule]
		if !ok {
			return nil, notFoundEB(*in.Rule), true
		}
		for _, t := range in.Targets {
			r.targets = slices.DeleteFunc(r.targets, func(have ebtypes.Target) bool { return *have.Id == *t.Id })
			r.targets = append(r.targets, t)
		}
		return &eventbridge.PutTargetsOutput{FailedEntries: []ebtypes.PutTargetsResultEntry{}}, nil, true
	case *eventbridge.ListTargetsByRuleInput:
		r, ok := rs[*in.Rule]
		if !ok {
			return nil, notFoundEB(*in.Rule), true
		}
		return &eventbridge.ListTargetsByRuleOutput{Targets: slices.Clone(r.targets)}, nil, true
	case *eventbridge.RemoveTargetsInput:
		r, ok := rs[*in.Rule]
		if !ok {
			return nil, notFoundEB(*in.Rule), true
		}
		r.targets = slices.DeleteFunc(r.targets, func(t ebtypes.Target) bool { return slices.Contains(in.Ids, *t.Id) })
		return &eventbridge.RemoveTargetsOutput{}, nil, true
	case *eventbridge.ListTagsForResourceInput, *eventbridge.TagResourceInput, *eventbridge.UntagResourceInput:
		return f.ruleTagsOp(rs, input)
	}
	return nil, nil, false
}

func (f *fakeAWS) ruleTagsOp(rs map[string]*fakeRule, input any) (any, error, bool) {
	byARN := func(arn string) *fakeRule {
		for _, r := range rs {
			if r.arn == arn {
				return r
			}
		}
		return nil
	}
	switch in := input.(type) {
	case *eventbridge.ListTagsForResourceInput:
		r := byARN(*in.ResourceARN)
		if r == nil {
			return nil, notFoundEB(*in.ResourceARN), true
		}
		return &eventbridge.ListTagsForResourceOutput{Tags: ebTags(r.tags)}, nil, true
	case *eventbridge.TagResourceInput:
		r := byARN(*in.ResourceARN)
		if r == nil {
			return nil, notFoundEB(*in.ResourceARN), true
		}
		for _, t := range in.Tags {
			r.tags[*t.Key] = *t.Value
		}
		return &eventbridge.TagResourceOutput{}, nil, true
	case *eventbridge.UntagResourceInput:
		r := byARN(*in.ResourceARN)
		if r == nil {
			return nil, notFoundEB(*in.ResourceARN), true
		}
		for _, k := range in.TagKeys {
			delete(r.tags, k)
		}
		return &eventbridge.UntagResourceOutput{}, nil, true
	}
	return nil, nil, false
}
