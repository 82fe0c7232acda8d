package cloudtrailbaseline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// This test drives the resource's apply directly (acctest would import this package through the
// provider registry), so it has its own endpoint and name helpers.
func endpoint() string {
	if v := os.Getenv("AWS_ENDPOINT_URL"); v != "" {
		return v
	}
	return "http://127.0.0.1:4566"
}

func randomName(stem string) string {
	return fmt.Sprintf("tf-acc-%s-%d", stem, time.Now().UnixNano()%1e10)
}

// directBaseline is the resource under test talking to the emulator through transport, which
// injects the faults, and a new bucket for its trail (deleted when the test ends).
func directBaseline(t *testing.T, transport http.RoundTripper, stem string) (r *baselineResource, name, bucket string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	// A CA bundle makes the SDK rebuild its own HTTP client, which would drop the injecting
	// transport; the emulator is plain HTTP, so no bundle is needed.
	t.Setenv("AWS_CA_BUNDLE", "")
	ctx := context.Background()
	client, err := conns.New(ctx, conns.Config{
		Region: "us-east-1", EndpointURL: endpoint(), MaxRetries: 1, HTTPClient: &http.Client{Transport: transport},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.ProbeService(ctx, "cloudtrail"); err != nil {
		if !conns.ServiceAnswered(err) {
			t.Fatalf("probing cloudtrail at %s: %v", endpoint(), err)
		}
		t.Skipf("emulator at %s lacks cloudtrail: %v", endpoint(), err)
	}
	name, bucket = randomName(stem), randomName(stem+"-logs")
	if _, err := client.S3("").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = client.S3("").DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)}) })
	return &baselineResource{ResourceBase: framework.ResourceBase{Client: client}}, name, bucket
}

// awsJSONError is the HTTP 400 a JSON-protocol AWS service (CloudTrail, Config) answers with an
// error of type errType.
func awsJSONError(req *http.Request, errType, message string) *http.Response {
	body, _ := json.Marshal(map[string]string{"__type": errType, "message": message})
	return &http.Response{
		StatusCode: http.StatusBadRequest,
		Header:     http.Header{"Content-Type": []string{"application/x-amz-json-1.1"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
		Request:    req,
	}
}

// failingRegion answers the third region's PutDeliveryChannel with an AWS error and passes
// everything else to the emulator, to create a baseline that fails halfway.
type failingRegion struct {
	region string
	next   http.RoundTripper
}

func (f failingRegion) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.Header.Get("X-Amz-Target"), ".PutDeliveryChannel") &&
		strings.Contains(req.Header.Get("Authorization"), "/"+f.region+"/config/") {
		return awsJSONError(req, "InsufficientDeliveryPolicyException", "injected: the bucket policy denies AWS Config"), nil
	}
	return f.next.RoundTrip(req)
}

// testPlan is the plan of a baseline streaming to CloudWatch Logs and, with regions, recording them.
func testPlan(name, bucket string, regions ...string) resourceModel {
	plan := resourceModel{
		Name: types.StringValue(name), S3BucketName: types.StringValue(bucket), S3KeyPrefix: types.StringNull(),
		KMSKeyARN: types.StringNull(), OrganizationTrail: types.BoolValue(false),
		S3DataEventBuckets: types.SetNull(types.StringType), Tags: types.MapNull(types.StringType),
		CloudWatchLogs: &cloudWatchLogsModel{
			LogGroupName: types.StringValue("/soc2/" + name), RetentionInDays: types.Int64Value(365), KMSKeyARN: types.StringNull(),
		},
		ConfigRoleARN: types.StringNull(), Recorders: types.MapNull(recorderObjectType),
	}
	if len(regions) > 0 {
		plan.ConfigRecorder = &configRecorderModel{
			Regions:     setOf(regions),
			S3KeyPrefix: types.StringNull(), DeliveryFrequency: types.StringValue("TwentyFour_Hours"), SNSTopicARN: types.StringNull(),
		}
		plan.ConfigRoleARN, plan.Recorders = types.StringUnknown(), types.MapUnknown(recorderObjectType)
	}
	return plan
}

// A create that fails in its third region leaves nothing orphaned: that region's half-made
// recorder is rolled back, everything made before is in the returned state, and destroying that
// state removes it all. Sequential: it uses AWS Config.
func TestAccCloudTrailBaseline_partialCreate(t *testing.T) {
	ctx := context.Background()
	r, name, bucket := directBaseline(t, failingRegion{region: "eu-west-1", next: http.DefaultTransport}, "partial")
	client := r.Client

	plan := testPlan(name, bucket, "us-east-1", "us-west-2", "eu-west-1")
	state, stored, err := r.apply(ctx, plan, nil)
	if err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("apply should fail with the injected error, got %v", err)
	}
	if !stored {
		t.Fatal("the trail exists, so the failed create must hand back a state to store")
	}
	recs := recordersFromMap(state.Recorders)
	if _, ok := recs["eu-west-1"]; ok && recs["eu-west-1"].Recording {
		t.Errorf("the failed region must not read as recording: %+v", recs["eu-west-1"])
	}
	for _, region := range []string{"us-east-1", "us-west-2"} {
		if recs[region].Name != name || !recs[region].Recording {
			t.Errorf("region %s should be recorded in state as made: %+v", region, recs[region])
		}
	}
	out, err := client.ConfigService("eu-west-1").DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range out.ConfigurationRecorders {
		if aws.ToString(rec.Name) == name {
			t.Errorf("the recorder made in the failed region was not rolled back")
		}
	}

	if err := r.destroy(ctx, state); err != nil {
		t.Fatalf("destroying the partial state: %v", err)
	}
	if _, err := client.CloudTrail("").GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(name)}); err == nil {
		t.Error("trail left behind")
	}
	for _, region := range []string{"us-east-1", "us-west-2", "eu-west-1"} {
		out, err := client.ConfigService(region).DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range out.ConfigurationRecorders {
			if aws.ToString(rec.Name) == name {
				t.Errorf("recorder left behind in %s", region)
			}
		}
	}
	if v, err := r.readCloudWatch(ctx, "/soc2/"+name, roleNameFor(name)); err != nil || v.GroupExists || v.RoleARN != "" {
		t.Errorf("CloudWatch objects left behind: %+v %v", v, err)
	}
}

// rejectingTrail answers CloudTrail's CreateTrail/UpdateTrail with InvalidCloudWatchLogsRoleArnException
// while rejections remain, as AWS does when it cannot assume the delivery role, and counts the calls.
type rejectingTrail struct {
	mu     *sync.Mutex
	reject map[string]int
	calls  map[string]int
	next   http.RoundTripper
}

func (f rejectingTrail) RoundTrip(req *http.Request) (*http.Response, error) {
	target := req.Header.Get("X-Amz-Target")
	for _, op := range []string{"CreateTrail", "UpdateTrail"} {
		if !strings.HasSuffix(target, "."+op) {
			continue
		}
		f.mu.Lock()
		f.calls[op]++
		reject := f.reject[op] > 0
		if reject {
			f.reject[op]--
		}
		f.mu.Unlock()
		if reject {
			return awsJSONError(req, "InvalidCloudWatchLogsRoleArnException", "injected: Access denied. Verify in IAM that the role has adequate permissions."), nil
		}
	}
	return f.next.RoundTrip(req)
}

// The delivery role's rejection by CloudTrail (issue 12, defect 1): retried while the role was
// made in the same apply, so the create succeeds once IAM has propagated it; for a role that
// existed before, it fails on the first call with the role's ARN and its trust policy as IAM
// has it. The emulator never rejects a role, so the rejections are injected.
func TestAccCloudTrailBaseline_deliveryRoleRejected(t *testing.T) {
	ctx := context.Background()
	inject := rejectingTrail{mu: &sync.Mutex{}, reject: map[string]int{"CreateTrail": 1}, calls: map[string]int{}, next: http.DefaultTransport}
	r, name, bucket := directBaseline(t, inject, "role")
	client := r.Client
	plan := testPlan(name, bucket)
	state, _, err := r.apply(ctx, plan, nil)
	defer func() {
		if err := r.destroy(ctx, state); err != nil {
			t.Errorf("destroy: %v", err)
		}
	}()
	if err != nil || inject.calls["CreateTrail"] != 2 {
		t.Fatalf("a new role rejected once must be retried and the create succeed: %v after %d CreateTrail calls", err, inject.calls["CreateTrail"])
	}

	// The trail unhooked out of band: the repair's UpdateTrail hands CloudTrail the existing role.
	if _, err := client.CloudTrail("").UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{
		Name: aws.String(name), CloudWatchLogsLogGroupArn: aws.String(""), CloudWatchLogsRoleArn: aws.String(""),
	}); err != nil {
		t.Fatal(err)
	}
	inject.mu.Lock()
	inject.reject["UpdateTrail"], inject.calls["UpdateTrail"] = 100, 0
	inject.mu.Unlock()
	start := time.Now()
	state, _, err = r.apply(ctx, plan, &state)
	role := "arn:aws:iam::" + client.AccountID + ":role/" + roleNameFor(name)
	if err == nil || inject.calls["UpdateTrail"] != 1 || time.Since(start) > 20*time.Second {
		t.Fatalf("a rejected existing role must fail at once: %v after %d UpdateTrail calls in %s", err, inject.calls["UpdateTrail"], time.Since(start))
	}
	for _, want := range []string{role, `"Service":"cloudtrail.amazonaws.com"`, "sts:AssumeRole", "no aws:SourceArn or aws:SourceAccount condition", "InvalidCloudWatchLogsRoleArnException"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
}
