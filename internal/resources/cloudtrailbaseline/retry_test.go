package cloudtrailbaseline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

func TestRetryIAMPropagation(t *testing.T) {
	propagationDelay = time.Millisecond
	defer func() { propagationDelay = 2 * time.Second }()
	ctx := context.Background()

	calls := 0
	err := retryIAMPropagation(ctx, func() error {
		calls++
		if calls < 3 {
			return &cttypes.InvalidCloudWatchLogsRoleArnException{Message: new(string)}
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("propagation errors must be retried until success: err %v after %d calls", err, calls)
	}

	calls = 0
	other := errors.New("AccessDenied")
	if err := retryIAMPropagation(ctx, func() error { calls++; return other }); !errors.Is(err, other) || calls != 1 {
		t.Fatalf("other errors must not be retried: err %v after %d calls", err, calls)
	}

	calls = 0
	err = retryIAMPropagation(ctx, func() error {
		calls++
		return &cttypes.InvalidCloudWatchLogsLogGroupArnException{Message: new(string)}
	})
	var last *cttypes.InvalidCloudWatchLogsLogGroupArnException
	if calls != 8 || !errors.As(err, &last) || !strings.Contains(err.Error(), "8 attempts") {
		t.Fatalf("the bound must stop the retries and report the last AWS error: %v after %d calls", err, calls)
	}
}
