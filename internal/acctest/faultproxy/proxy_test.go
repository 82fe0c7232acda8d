package faultproxy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

func request(method, target, contentType, body, auth string) *http.Request {
	r, _ := http.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	r.Header.Set("Authorization", auth)
	return r
}

func scope(service string) string {
	return "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + service + "/aws4_request, SignedHeaders=host, Signature=x"
}

func TestIdentify(t *testing.T) {
	cases := []struct {
		req      *http.Request
		target   string
		service  string
		op       string
		mutating bool
	}{
		{request("PUT", "http://h/bucket?versioning", "", "", scope("s3")), "", "s3", "PutBucketVersioning", true},
		{request("GET", "http://h/bucket?versioning", "", "", scope("s3")), "", "s3", "GetBucketVersioning", false},
		{request("DELETE", "http://h/bucket?publicAccessBlock", "", "", scope("s3")), "", "s3", "DeletePublicAccessBlock", true},
		{request("PUT", "http://h/bucket", "", "", scope("s3")), "", "s3", "CreateBucket", true},
		{request("DELETE", "http://h/bucket", "", "", scope("s3")), "", "s3", "DeleteBucket", true},
		{request("POST", "http://h/bucket?delete", "application/xml", "<Delete/>", scope("s3")), "", "s3", "DeleteObjects", true},
		{request("GET", "http://h/bucket?versions", "", "", scope("s3")), "", "s3", "ListObjectVersions", false},
		{request("PUT", "http://h/bucket/key.json", "", "{}", scope("s3")), "", "s3", "PutObject", true},
		{request("HEAD", "http://h/bucket", "", "", scope("s3")), "", "s3", "HeadBucket", false},
		{request("GET", "http://h/bucket", "", "", scope("s3")), "", "s3", "ListObjects", false},
		{request("GET", "http://h/bucket/key.json", "", "", scope("s3")), "", "s3", "GetObject", false},
		{request("DELETE", "http://h/bucket/key.json", "", "", scope("s3")), "", "s3", "DeleteObject", true},
		{request("GET", "http://h/bucket?tagging", "", "", scope("s3")), "", "s3", "GetBucketTagging", false},
		{request("PUT", "http://h/v20180820/configuration/publicAccessBlock", "", "<PublicAccessBlockConfiguration/>", scope("s3")), "", "s3control", "PutPublicAccessBlock", true},
		{request("GET", "http://h/v20180820/configuration/publicAccessBlock", "", "", scope("s3")), "", "s3control", "GetPublicAccessBlock", false},
		{request("POST", "http://h/", "application/x-amz-json-1.1", "{}", scope("cloudtrail")), "CloudTrail_20131101.StopLogging", "cloudtrail", "StopLogging", true},
		{request("POST", "http://h/", "application/x-amz-json-1.1", "{}", scope("logs")), "Logs_20140328.DescribeLogGroups", "logs", "DescribeLogGroups", false},
		{request("POST", "http://h/", "application/x-www-form-urlencoded; charset=utf-8", "Action=PutMetricAlarm&Version=2010-08-01", scope("monitoring")), "", "monitoring", "PutMetricAlarm", true},
		{request("POST", "http://h/", "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15", scope("sts")), "", "sts", "GetCallerIdentity", false},
	}
	for _, tc := range cases {
		if tc.target != "" {
			tc.req.Header.Set("X-Amz-Target", tc.target)
		}
		call, err := identify(tc.req)
		if err != nil {
			t.Fatal(err)
		}
		if call.Service != tc.service || call.Operation != tc.op || call.Mutating() != tc.mutating {
			t.Errorf("%s %s: got %s/%s mutating=%v, want %s/%s mutating=%v", tc.req.Method, tc.req.URL,
				call.Service, call.Operation, call.Mutating(), tc.service, tc.op, tc.mutating)
		}
	}
}

// The query body must still reach the emulator after the proxy read the Action from it.
func TestIdentifyRestoresQueryBody(t *testing.T) {
	r := request("POST", "http://h/", "application/x-www-form-urlencoded", "Action=ListTopics&Version=2010-03-31", scope("sns"))
	if _, err := identify(r); err != nil {
		t.Fatal(err)
	}
	buf := new(bytes.Buffer)
	if _, err := buf.ReadFrom(r.Body); err != nil || buf.String() != "Action=ListTopics&Version=2010-03-31" {
		t.Fatalf("body after identify = %q, %v", buf.String(), err)
	}
}

func TestDecisionsAreDeterministicAndNearTheRate(t *testing.T) {
	rules := []Rule{{Fault: Throttle, Probability: 0.2}}
	a := &Proxy{seed: 7, rules: rules}
	b := &Proxy{seed: 7, rules: rules}
	c := &Proxy{seed: 8, rules: rules}
	fired, differs := 0, false
	for n := 1; n <= 5000; n++ {
		call := Call{Service: "s3", Operation: "PutBucketPolicy"}
		fa, _ := a.decide(call, n)
		fb, _ := b.decide(call, n)
		fc, _ := c.decide(call, n)
		if fa != fb {
			t.Fatalf("same seed, call %d: %v vs %v", n, fa, fb)
		}
		if fa != fc {
			differs = true
		}
		if fa == Throttle {
			fired++
		}
	}
	if fired < 900 || fired > 1100 {
		t.Errorf("20%% rule fired %d times in 5000 calls", fired)
	}
	if !differs {
		t.Error("another seed gave the very same decisions")
	}
}

func TestFailFromNth(t *testing.T) {
	p := &Proxy{rules: []Rule{{Service: "cloudtrail", Operation: "CreateTrail", Fault: FailFromNth, Nth: 2}}}
	call := Call{Service: "cloudtrail", Operation: "CreateTrail"}
	for n, want := range map[int]Fault{1: 0, 2: FailFromNth, 3: FailFromNth} {
		if got, _ := p.decide(call, n); got != want {
			t.Errorf("call %d: %v, want %v", n, got, want)
		}
	}
	if got, _ := p.decide(Call{Service: "cloudtrail", Operation: "StartLogging"}, 5); got != 0 {
		t.Errorf("another operation was hit: %v", got)
	}
}

// Against the emulator: the SDK's retryer must ride out injected throttling of every protocol, and
// a permanent failure must reach the caller carrying the operation's name.
func TestAccFaultProxy_sdkRetriesThroughFaults(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("needs the emulator: set TF_ACC=1 (make test starts moto)")
	}
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	if endpoint == "" {
		endpoint = "http://127.0.0.1:4566"
	}
	p, err := Start(endpoint, 42,
		// First: the first rule that fires wins, and the permanent failure must not be masked.
		Rule{Service: "sns", Operation: "DeleteTopic", Fault: FailFromNth, Nth: 1},
		Rule{Service: "s3control", Operation: "GetPublicAccessBlock", Fault: FailFromNth, Nth: 1},
		Rule{Service: "s3", Fault: Throttle, Probability: 0.5},
		Rule{Service: "sns", Fault: InternalError, Probability: 0.5},
		Rule{Service: "logs", Operation: "DescribeLogGroups", Fault: Reset, Probability: 0.3},
		Rule{Service: "sts", Fault: Latency, Latency: 20 * time.Millisecond},
	)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	ctx := context.Background()
	client, err := conns.New(ctx, conns.Config{Region: "us-east-1", EndpointURL: p.URL(), MaxRetries: 8, MaxBackoff: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}

	bucket := fmt.Sprintf("faultproxy-%d", time.Now().UnixNano())
	for i := 0; i < 10; i++ {
		if _, err := client.S3("").ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
			t.Fatalf("ListBuckets through 50%% throttling: %v", err)
		}
	}
	if _, err := client.S3("").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	defer client.S3("").DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)})
	for i := 0; i < 10; i++ {
		if _, err := client.CloudWatchLogs("").DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{}); err != nil {
			t.Fatalf("DescribeLogGroups through resets: %v", err)
		}
	}
	topic, err := client.SNS("").CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(bucket)})
	if err != nil {
		t.Fatalf("CreateTopic through 500s: %v", err)
	}
	_, err = client.SNS("").DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: topic.TopicArn})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(apiErr.ErrorMessage(), "DeleteTopic") {
		t.Fatalf("DeleteTopic under a permanent fault: err = %v, want the injected failure", err)
	}
	// S3 Control wraps its errors unlike S3: the SDK must still read the injected failure.
	_, err = client.S3Control("").GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: aws.String(client.AccountID)})
	if !errors.As(err, &apiErr) || !strings.Contains(apiErr.ErrorMessage(), "GetPublicAccessBlock") {
		t.Fatalf("S3 Control GetPublicAccessBlock under a permanent fault: err = %v, want the injected failure", err)
	}
	p.SetRules()
	if _, err := client.SNS("").DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: topic.TopicArn}); err != nil {
		t.Fatalf("DeleteTopic after lifting faults: %v", err)
	}

	s := p.Stats()
	t.Logf("calls %d (mutating %d, read-only %d), faults injected %d: %v", s.Calls, s.Mutating, s.ReadOnly, s.Faults, s.FaultByOp)
	if s.FaultByOp["s3:ListBuckets:throttle"] == 0 || s.FaultByOp["logs:DescribeLogGroups:reset"] == 0 {
		t.Errorf("expected throttles and resets to be injected: %v", s.FaultByOp)
	}
	if s.FaultByOp["sts:GetCallerIdentity:latency"] == 0 {
		t.Errorf("the latency rule never fired: %v", s.FaultByOp)
	}
	if s.ByOp["s3:ListBuckets"] <= 10 {
		t.Errorf("ListBuckets reached the proxy %d times; throttled calls must have been retried", s.ByOp["s3:ListBuckets"])
	}
}
