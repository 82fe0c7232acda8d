package conns

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// fakeAWS answers STS GetCallerIdentity, S3 PutBucketVersioning and CloudWatch Logs
// PutMetricFilter, and fails every S3 GetBucketPolicy with a 403, so a denied call can be tested.
func fakeAWS(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch {
		case strings.Contains(string(body), "Action=GetCallerIdentity"):
			fmt.Fprint(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`+
				`<Arn>arn:aws:iam::111122223333:role/deploy</Arn><UserId>AROAEXAMPLE</UserId><Account>111122223333</Account>`+
				`</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
		case r.Header.Get("X-Amz-Target") != "":
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			fmt.Fprint(w, `{}`)
		case r.URL.Query().Has("policy"):
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<Error><Code>AccessDenied</Code><Message>denied</Message></Error>`)
		default:
			w.WriteHeader(http.StatusOK)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func recordingClient(t *testing.T, logPath string, record bool) *AWSClient {
	t.Helper()
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv(CallLogEnv, logPath)
	c, err := New(context.Background(), Config{Region: "us-east-1", EndpointURL: fakeAWS(t).URL, MaxRetries: 0, RecordCalls: record})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func readLog(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

func TestRecordCallsWritesServiceAndOperationOnly(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "calls.log")
	// An earlier test binary's lines stay: the file is appended to, never truncated.
	if err := os.WriteFile(logPath, []byte("IAM:GetRole\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := recordingClient(t, logPath, true)
	ctx := context.Background()
	if _, err := c.S3("").PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("secret-bucket-name"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CloudWatchLogs("eu-west-1").PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName: aws.String("g"), FilterName: aws.String("f"), FilterPattern: aws.String("{ $.x = 1 }"),
		MetricTransformations: []logstypes.MetricTransformation{{MetricName: aws.String("m"), MetricNamespace: aws.String("n"), MetricValue: aws.String("1")}}}); err != nil {
		t.Fatal(err)
	}
	// A call AWS refuses still needed the permission, so it is recorded too.
	if _, err := c.S3("").GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("secret-bucket-name")}); err == nil {
		t.Fatal("GetBucketPolicy: want the fake's AccessDenied")
	}
	want := "IAM:GetRole\nSTS:GetCallerIdentity\nS3:PutBucketVersioning\nCloudWatch Logs:PutMetricFilter\nS3:GetBucketPolicy\n"
	if got := readLog(t, logPath); got != want {
		t.Fatalf("call log:\n%s\nwant:\n%s", got, want)
	}
}

func TestRecordCallsOnlyForTheProvidersClients(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "calls.log")
	c := recordingClient(t, logPath, false)
	if _, err := c.S3("").PutBucketVersioning(context.Background(), &s3.PutBucketVersioningInput{Bucket: aws.String("b"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}}); err != nil {
		t.Fatal(err)
	}
	if got := readLog(t, logPath); got != "" {
		t.Fatalf("a client without RecordCalls (a test helper's) wrote %q", got)
	}
}

// Without the variable nothing is recorded: were the recorder installed, opening "" would fail
// every call.
func TestRecordCallsOffWithoutTheVariable(t *testing.T) {
	c := recordingClient(t, "", true)
	if _, err := c.S3("").PutBucketVersioning(context.Background(), &s3.PutBucketVersioningInput{Bucket: aws.String("b"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatalf("with %s empty the call must not be recorded (nor fail): %v", CallLogEnv, err)
	}
}

// Concurrent calls (and, through O_APPEND, concurrent test binaries) never interleave lines.
func TestRecordCallsConcurrentLinesStayWhole(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "calls.log")
	c := recordingClient(t, logPath, true)
	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.CloudWatchLogs([]string{"us-east-1", "eu-west-1"}[i%2]).DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(readLog(t, logPath), "\n"), "\n")
	if len(lines) != n+1 {
		t.Fatalf("got %d lines, want %d", len(lines), n+1)
	}
	for _, l := range lines[1:] {
		if l != "CloudWatch Logs:DescribeLogGroups" {
			t.Fatalf("line %q is not whole", l)
		}
	}
}
