package alarmpack

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// countingTransport counts Query- and JSON-protocol operations by name on their way to AWS.
type countingTransport struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	op := r.Header.Get("X-Amz-Target")
	if i := strings.LastIndexByte(op, '.'); i >= 0 {
		op = op[i+1:]
	}
	if op == "" && r.Body != nil {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		form, _ := url.ParseQuery(string(body))
		op = form.Get("Action")
	}
	c.mu.Lock()
	c.counts[op]++
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func emulatorClient(tb testing.TB) (*conns.AWSClient, *countingTransport) {
	tb.Helper()
	if os.Getenv("TF_ACC") == "" {
		tb.Skip("needs the AWS emulator: set TF_ACC=1 (make testacc starts moto)")
	}
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	if endpoint == "" {
		endpoint = "http://127.0.0.1:4566"
	}
	// The SDK refuses a plain *http.Client when AWS_CA_BUNDLE is set (it cannot add the bundle to
	// it); the emulator is plain http, so the bundle is irrelevant here.
	tb.Setenv("AWS_CA_BUNDLE", "")
	counter := &countingTransport{counts: map[string]int{}}
	client, err := conns.New(context.Background(), conns.Config{
		Region: "us-east-1", EndpointURL: endpoint, MaxRetries: 2,
		HTTPClient: &http.Client{Transport: counter},
	})
	if err != nil {
		tb.Fatalf("building clients for %s: %v", endpoint, err)
	}
	return client, counter
}

// A read of a pack with 250 alarms costs one DescribeAlarms per 100 names, one metric-filter
// listing and one topic lookup: never a call per alarm.
func TestReadIsBatched(t *testing.T) {
	client, counter := emulatorClient(t)
	r := &alarmPackResource{ResourceBase: framework.ResourceBase{Client: client}}
	s := packSpec{LogGroupName: "/tf-acc-count-" + fmt.Sprint(os.Getpid()), NamePrefix: "tf-acc-count-", Namespace: defaultNamespace, Profile: alarmcatalog.ProfileCIS}
	ids := make([]string, 250)
	for i := range ids {
		ids[i] = fmt.Sprintf("custom_%03d", i)
	}
	counter.counts = map[string]int{}
	if _, err := r.observe(context.Background(), s, ids, "arn:aws:sns:us-east-1:123456789012:tf-acc-count-missing"); err != nil {
		t.Fatalf("observe: %v", err)
	}
	want := map[string]int{"DescribeAlarms": 3, "DescribeMetricFilters": 1, "GetTopicAttributes": 1}
	for op, n := range want {
		if counter.counts[op] != n {
			t.Errorf("%s called %d times for 250 alarms, want %d (all calls: %v)", op, counter.counts[op], n, counter.counts)
		}
	}
	if total := len(counter.counts); total != len(want) {
		t.Errorf("unexpected operations in a read: %v", counter.counts)
	}
}

// BenchmarkRead measures one refresh of a full catalog pack against the emulator.
func BenchmarkRead(b *testing.B) {
	client, _ := emulatorClient(b)
	r := &alarmPackResource{ResourceBase: framework.ResourceBase{Client: client}}
	s := packSpec{LogGroupName: "/tf-acc-bench", NamePrefix: "tf-acc-bench-", Namespace: defaultNamespace, Profile: alarmcatalog.ProfileCIS}
	ids := alarmcatalog.IDs()
	for b.Loop() {
		if _, err := r.observe(context.Background(), s, ids, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlan measures the plan-time work of a full pack: building and parsing every pattern.
func BenchmarkPlan(b *testing.B) {
	s := packSpec{
		Profile: alarmcatalog.ProfileTuned, NamePrefix: "soc2-", Namespace: defaultNamespace,
		BusinessHours: alarmcatalog.BusinessHours{Start: "08:30", End: "17:45", UTCOffset: "-05:30"},
		Custom:        []customSpec{{ID: "public_access_block_changes", Pattern: "{ $.eventName = PutPublicAccessBlock }", PatternKnown: true, Threshold: 1, Period: 300, EvaluationPeriods: 1}},
	}
	for b.Loop() {
		if diags := s.validate(); diags.HasError() {
			b.Fatal(diags)
		}
		if _, err := s.alarms(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTopicPolicy(t *testing.T) {
	arn := "arn:aws:sns:us-east-1:123456789012:soc2-alarms"
	if !policies.TopicAllowsCloudWatch(mustTopicPolicy(t, arn, "123456789012"), arn, "123456789012") {
		t.Error("the generated policy is not recognised")
	}
	// Whitespace, key order and single-element forms do not matter.
	reordered := `{ "Statement": { "Resource": "` + arn + `", "Action": ["sns:Publish"], "Effect": "Allow",
	  "Principal": { "Service": ["cloudwatch.amazonaws.com"] },
	  "Condition": { "StringEquals": { "aws:SourceAccount": ["123456789012"] } } }, "Version": "2012-10-17" }`
	if !policies.TopicAllowsCloudWatch(reordered, arn, "123456789012") {
		t.Error("an equivalent policy in another form is not recognised")
	}
	for name, p := range map[string]string{
		"empty":       `{"Version":"2012-10-17","Statement":[]}`,
		"deny":        mustTopicPolicy(t, arn, "123456789012")[:len(mustTopicPolicy(t, arn, "123456789012"))-2] + `,{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"*"}]}`,
		"other topic": mustTopicPolicy(t, arn+"-other", "123456789012"),
		"not json":    `nope`,
	} {
		if policies.TopicAllowsCloudWatch(p, arn, "123456789012") {
			t.Errorf("%s policy accepted", name)
		}
	}
}

// mustTopicPolicy is the policy ensureTopic gives a created topic.
func mustTopicPolicy(t *testing.T, topicARN, accountID string) string {
	t.Helper()
	p, err := policies.AlarmTopic(policies.TopicInput{TopicARN: topicARN, AccountID: accountID})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A refresh of the full catalog with a created topic: one filter listing, one DescribeAlarms, one
// tag read per alarm (CloudWatch has no batched tag read) and the topic's attributes,
// subscriptions and tags.
func TestReadOfFullCatalogCounts(t *testing.T) {
	client, counter := emulatorClient(t)
	ctx := context.Background()
	r := &alarmPackResource{ResourceBase: framework.ResourceBase{Client: client}}
	name := fmt.Sprintf("tf-acc-count-full-%d", os.Getpid())
	s := packSpec{
		LogGroupName: "/" + name, NamePrefix: name + "-", Namespace: defaultNamespace, Profile: alarmcatalog.ProfileCIS,
		BusinessHours: alarmcatalog.DefaultBusinessHours(), Notification: notificationSpec{CreateTopic: true, Known: true},
		Tags: map[string]string{"team": "secops"},
	}
	logs := client.CloudWatchLogs("")
	if _, err := logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(s.LogGroupName)}); err != nil {
		t.Fatal(err)
	}
	specs, err := s.alarms()
	if err != nil {
		t.Fatal(err)
	}
	topicARN, _ := r.topicARN(s)
	ids := sortedKeys(specs)
	t.Cleanup(func() {
		_ = deleteAlarms(ctx, client.CloudWatch(""), s.alarmNames(ids))
		_ = deleteTopic(ctx, client.SNS(""), topicARN)
		_, _ = logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(s.LogGroupName)})
	})
	if err := r.converge(ctx, s, specs, observed{}, topicARN); err != nil {
		t.Fatalf("creating the pack: %v", err)
	}
	counter.mu.Lock()
	counter.counts = map[string]int{}
	counter.mu.Unlock()
	obs, err := r.observe(ctx, s, ids, topicARN)
	if err != nil {
		t.Fatalf("observe: %v", err)
	}
	if n := len(obs.ownedTags(true)); n != len(ids)+1 {
		t.Errorf("read tags of %d objects, want %d alarms and the topic", n, len(ids))
	}
	want := map[string]int{
		"DescribeMetricFilters": 1, "DescribeAlarms": 1, "ListTagsForResource": len(ids) + 1,
		"GetTopicAttributes": 1, "ListSubscriptionsByTopic": 1,
	}
	total := 0
	for op, n := range want {
		total += n
		if counter.counts[op] != n {
			t.Errorf("%s called %d times, want %d (all calls: %v)", op, counter.counts[op], n, counter.counts)
		}
	}
	if len(counter.counts) != len(want) {
		t.Errorf("unexpected operations in a read: %v", counter.counts)
	}
	t.Logf("a refresh of the full catalog (%d alarms) with a created topic makes %d calls: %v", len(ids), total, counter.counts)
}
