package conns

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

func TestServiceAnswered(t *testing.T) {
	refused := &smithy.OperationError{ServiceID: "CloudTrail", OperationName: "DescribeTrails",
		Err: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusNotImplemented}},
			Err:      &smithy.GenericAPIError{Code: "InternalFailure", Message: "not emulated"},
		}}
	unreachable := &smithy.OperationError{ServiceID: "CloudTrail", OperationName: "DescribeTrails",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	for name, tc := range map[string]struct {
		err  error
		want bool
	}{
		"success":                 {nil, true},
		"emulator refused":        {refused, true},
		"nothing listening":       {unreachable, false},
		"error without any reply": {errors.New("context deadline exceeded"), false},
	} {
		if got := ServiceAnswered(tc.err); got != tc.want {
			t.Errorf("%s: ServiceAnswered = %v, want %v", name, got, tc.want)
		}
	}
}

func TestProbeServiceUnknownName(t *testing.T) {
	err := (&AWSClient{}).ProbeService(context.Background(), "cloudtrial")
	if err == nil || !strings.Contains(err.Error(), `"cloudtrial"`) || !strings.Contains(err.Error(), "cloudtrail") {
		t.Fatalf("want an error naming the bad service and the known ones, got %v", err)
	}
}

func TestProbeServiceNamesCoverEveryClient(t *testing.T) {
	want := []string{"accessanalyzer", "cloudtrail", "cloudwatch", "config", "ec2", "events", "iam", "kms", "logs", "s3", "sns", "sts"}
	if got := strings.Join(ProbeServiceNames(), ","); got != strings.Join(want, ",") {
		t.Fatalf("ProbeServiceNames = %s, want %s", got, strings.Join(want, ","))
	}
}
