package evidence

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

type accountTransport struct{ account string }

func (a accountTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("x-moto-account-id", a.account)
	return http.DefaultTransport.RoundTrip(r)
}

// TestAccEvidence_accessLogging: in an account of its own, no bucket with access logging skips the
// section with its reason; a data bucket logging to a bucket of the account passes; one logging to
// a bucket that is not there fails, naming it.
func TestAccEvidence_accessLogging(t *testing.T) {
	// internal/acctest imports the provider, which imports this package: its precheck is repeated here.
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 and run an emulator (make test does both)")
	}
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	if endpoint == "" {
		endpoint = "http://127.0.0.1:4566"
	}
	probe, err := (&http.Client{Timeout: 3 * time.Second}).Get(endpoint + "/moto-api/")
	if err != nil {
		t.Fatalf("no AWS emulator answers at %s: %v", endpoint, err)
	}
	probe.Body.Close()
	if probe.StatusCode != http.StatusOK {
		t.Skip("isolates its account with moto's x-moto-account-id header; the emulator at " + endpoint + " is not moto")
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1e11))
	if err != nil {
		t.Fatal(err)
	}
	account := fmt.Sprintf("7%011d", n.Int64())
	ctx := context.Background()
	client, err := conns.New(ctx, conns.Config{Region: "us-east-1", EndpointURL: endpoint, MaxRetries: 2, MaxBackoff: time.Second,
		HTTPClient: &http.Client{Transport: accountTransport{account: account}}})
	if err != nil {
		t.Fatal(err)
	}
	logs, data, orphan := "ev-logs-"+account, "ev-data-"+account, "ev-orphan-"+account
	collect := func() []Control {
		c := &collector{client: client, now: time.Now, opts: Options{Progress: io.Discard}, b: &Binder{}}
		if err := c.accessLogging(ctx, &trailFacts{bucket: logs}); err != nil {
			t.Fatal(err)
		}
		return c.b.Controls
	}
	api := client.S3("")
	for _, b := range []string{logs, data, orphan} {
		if _, err := api.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	// S3 delivers access logs only to a target whose policy lets the logging service write
	// (a single-string Resource: moto's check needs it, AWS accepts it alike).
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},` +
		`"Action":"s3:PutObject","Resource":"arn:aws:s3:::` + logs + `/*"}]}`
	if _, err := api.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(logs), Policy: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	if got := collect(); len(got) != 1 || got[0].ID != "access_logging" || got[0].Status != StatusSkipped || !strings.Contains(got[0].Reason, "3 buckets") {
		t.Fatalf("no logging anywhere: %+v", got)
	}
	if _, err := api.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(data), BucketLoggingStatus: &s3types.BucketLoggingStatus{
		LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: aws.String(logs), TargetPrefix: aws.String("s3/data/")}}}); err != nil {
		t.Fatal(err)
	}
	got := collect()
	if len(got) != 1 || got[0].ID != "access_logging."+data || got[0].Status != StatusPass || !strings.Contains(got[0].Reason, logs+"/s3/data/") {
		t.Fatalf("data logging to logs: %+v", got)
	}
	// The target must be a bucket of the account; delete it once logging points at it.
	if _, err := api.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(orphan), BucketLoggingStatus: &s3types.BucketLoggingStatus{
		LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: aws.String(logs), TargetPrefix: aws.String("s3/orphan/")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(data), BucketLoggingStatus: &s3types.BucketLoggingStatus{}}); err != nil {
		t.Fatal(err)
	}
	// S3 may have written a test object into the target already; empty it first.
	listed, err := api.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(logs)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range listed.Contents {
		if _, err := api.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(logs), Key: o.Key}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := api.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(logs)}); err != nil {
		t.Fatal(err)
	}
	got = collect()
	if len(got) != 1 || got[0].ID != "access_logging."+orphan || got[0].Status != StatusFail || !strings.Contains(got[0].Reason, logs+" is not in this account") {
		t.Fatalf("orphan logging to a deleted bucket: %+v", got)
	}
}
