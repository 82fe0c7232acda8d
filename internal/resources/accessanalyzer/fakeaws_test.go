package accessanalyzer

// The analyzer's logic runs against the real aws-sdk-go-v2 Access Analyzer and EventBridge
// clients. No emulator serves Access Analyzer (moto 5.2.x and LocalStack's free edition lack it),
// so a middleware at the end of each client's Finalize step, after serialization and signing,
// captures the HTTP request the SDK built and answers with the operation's own output type (the
// structs the SDK generates from the service's API model) or one of its modelled errors. No HTTP
// server is involved, and every other middleware (validation, serialization, endpoint
// resolution, signing) runs as it does against AWS.

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/credentials"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

const testAccount = "111122223333"

// call is one captured request.
type call struct {
	Region, Service, Operation string
	Method, Path, Body         string
	Input                      any
}

// fakeRule is an EventBridge rule as the fake account holds it.
type fakeRule struct {
	arn, state, pattern string
	targets             []ebtypes.Target
	tags                map[string]string
}

// fakeAWS is the account behind the injected responses: per region, the analyzers, their
// archive rules and the EventBridge rules.
type fakeAWS struct {
	mu        sync.Mutex
	analyzers map[string]map[string]*aatypes.AnalyzerSummary
	archive   map[string]map[string]map[string]aatypes.ArchiveRuleSummary // region → analyzer → rule
	rules     map[string]map[string]*fakeRule
	calls     []call
	// org is the account's organization, nil when it is in none; delegated lists Access
	// Analyzer's delegated administrators.
	topicPolicy string // the alarm topic's policy (SNS GetTopicAttributes)
	roles       map[string]*fakeRole
	org         *orgtypes.Organization
	delegated   []string
	// fail makes "<region>/<Operation>" return the error instead of succeeding.
	fail map[string]error
}

func newFakeAWS() *fakeAWS {
	return &fakeAWS{
		analyzers: map[string]map[string]*aatypes.AnalyzerSummary{},
		archive:   map[string]map[string]map[string]aatypes.ArchiveRuleSummary{},
		rules:     map[string]map[string]*fakeRule{},
		fail:      map[string]error{},
	}
}

type inputKey struct{}

// client is a conns.AWSClient whose every SDK client answers from f.
func (f *fakeAWS) client(t *testing.T) *conns.AWSClient {
	t.Helper()
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
		APIOptions:  []func(*middleware.Stack) error{f.capture, f.inject},
	}
	return conns.NewStatic(cfg, testAccount, "aws")
}

// capture keeps the typed input for inject, which runs after serialization.
func (f *fakeAWS) capture(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("fakeCaptureInput",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return next.HandleInitialize(middleware.WithStackValue(ctx, inputKey{}, in.Parameters), in)
		}), middleware.Before)
}

// inject answers at the end of the Finalize step, after the request was serialized and signed.
func (f *fakeAWS) inject(stack *middleware.Stack) error {
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("fakeInjectResponse",
		func(ctx context.Context, in middleware.FinalizeInput, _ middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			req := in.Request.(*smithyhttp.Request)
			if req.Header.Get("Authorization") == "" {
				return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("request was not signed")
			}
			var body []byte
			if s := req.GetStream(); s != nil {
				body, _ = io.ReadAll(s)
			}
			c := call{
				Region: awsmiddleware.GetRegion(ctx), Service: awsmiddleware.GetServiceID(ctx),
				Operation: awsmiddleware.GetOperationName(ctx), Method: req.Method, Path: req.URL.Path,
				Body: string(body), Input: middleware.GetStackValue(ctx, inputKey{}),
			}
			out, err := f.answer(c)
			return middleware.FinalizeOutput{Result: out}, middleware.Metadata{}, err
		}), middleware.After)
}

func (f *fakeAWS) answer(c call) (any, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
	if err := f.fail[c.Region+"/"+c.Operation]; err != nil {
		return nil, err
	}
	if out, err, ok := f.analyzerOp(c.Region, c.Input); ok {
		return out, err
	}
	if out, err, ok := f.eventsOp(c.Region, c.Input); ok {
		return out, err
	}
	if out, err, ok := f.iamOp(c.Input); ok {
		return out, err
	}
	if out, err, ok := f.orgOp(c.Input); ok {
		return out, err
	}
	if _, ok := c.Input.(*ec2.DescribeRegionsInput); ok {
		out := &ec2.DescribeRegionsOutput{}
		for _, r := range testRegions {
			out.Regions = append(out.Regions, ec2types.Region{RegionName: aws.String(r), OptInStatus: aws.String("opt-in-not-required")})
		}
		return out, nil
	}
	if _, ok := c.Input.(*sns.GetTopicAttributesInput); ok {
		return &sns.GetTopicAttributesOutput{Attributes: map[string]string{"Policy": f.topicPolicy, "TopicArn": testTopic}}, nil
	}
	return nil, fmt.Errorf("fake: no answer for %s %s", c.Service, c.Operation)
}

// mutations lists the captured calls that change something, as "region Operation".
func (f *fakeAWS) mutations() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if !strings.HasPrefix(c.Operation, "Get") && !strings.HasPrefix(c.Operation, "List") && !strings.HasPrefix(c.Operation, "Describe") {
			out = append(out, c.Region+" "+c.Operation)
		}
	}
	slices.Sort(out)
	return out
}

// callsTo returns the captured calls of one operation.
func (f *fakeAWS) callsTo(op string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Operation == op {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeAWS) reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = nil
}

func (f *fakeAWS) regionsWithAnything() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	set := map[string]bool{}
	for r, m := range f.analyzers {
		if len(m) > 0 {
			set[r] = true
		}
	}
	for r, m := range f.rules {
		if len(m) > 0 {
			set[r] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// orgOp answers Organizations: DescribeOrganization fails with AWSOrganizationsNotInUseException
// outside an organization; ListDelegatedAdministrators is refused to a member account that is
// not a delegated administrator.
func (f *fakeAWS) orgOp(input any) (any, error, bool) {
	switch input.(type) {
	case *organizations.DescribeOrganizationInput:
		if f.org == nil {
			return nil, &orgtypes.AWSOrganizationsNotInUseException{Message: aws.String("Your account is not a member of an organization.")}, true
		}
		return &organizations.DescribeOrganizationOutput{Organization: f.org}, nil, true
	case *organizations.ListDelegatedAdministratorsInput:
		if f.org == nil || (aws.ToString(f.org.MasterAccountId) != testAccount && !slices.Contains(f.delegated, testAccount)) {
			return nil, &orgtypes.AccessDeniedException{Message: aws.String("You don't have permissions to access this resource.")}, true
		}
		out := &organizations.ListDelegatedAdministratorsOutput{}
		for _, id := range f.delegated {
			out.DelegatedAdministrators = append(out.DelegatedAdministrators, orgtypes.DelegatedAdministrator{Id: aws.String(id)})
		}
		return out, nil, true
	}
	return nil, nil, false
}
