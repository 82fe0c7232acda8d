package cloudtrailbaseline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

func roleRejection() error {
	return &cttypes.InvalidCloudWatchLogsRoleArnException{Message: new(string)}
}

// A role made in this apply: CloudTrail's rejections are retried until it accepts the role,
// other errors are not, and the retries stop at propagationTimeout with the last AWS error.
func TestRetryPropagation_newRole(t *testing.T) {
	defer func(d time.Duration) { propagationTimeout = d }(propagationTimeout)
	propagationTimeout = 10 * time.Second
	ctx := context.Background()

	calls := 0
	err := retryPropagation(ctx, true, func() error {
		calls++
		if calls < 3 {
			return roleRejection()
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("propagation errors of a new role must be retried until success: err %v after %d calls", err, calls)
	}

	calls = 0
	other := errors.New("AccessDenied")
	if err := retryPropagation(ctx, true, func() error { calls++; return other }); !errors.Is(err, other) || calls != 1 {
		t.Fatalf("other errors must not be retried: err %v after %d calls", err, calls)
	}

	propagationTimeout = 1500 * time.Millisecond
	calls = 0
	start := time.Now()
	err = retryPropagation(ctx, true, func() error {
		calls++
		return &cttypes.InvalidCloudWatchLogsLogGroupArnException{Message: new(string)}
	})
	var last *cttypes.InvalidCloudWatchLogsLogGroupArnException
	if calls < 2 || !errors.As(err, &last) || !strings.Contains(err.Error(), "still failing after 1.5s") || time.Since(start) > 5*time.Second {
		t.Fatalf("the bound must stop the retries and report the last AWS error: %v after %d calls in %s", err, calls, time.Since(start))
	}
}

// A role that existed before this apply is not propagating: CloudTrail's rejection means the role
// is unusable, so it fails at once.
func TestRetryPropagation_existingRoleFailsAtOnce(t *testing.T) {
	calls := 0
	start := time.Now()
	err := retryPropagation(context.Background(), false, func() error { calls++; return roleRejection() })
	var rejected *cttypes.InvalidCloudWatchLogsRoleArnException
	if calls != 1 || !errors.As(err, &rejected) || time.Since(start) > time.Second {
		t.Fatalf("a rejected existing role must fail on the first call: err %v after %d calls in %s", err, calls, time.Since(start))
	}
}

// The error for an unusable role names the role, shows its trust policy as IAM has it, and says
// what CloudTrail needs, keeping the AWS error for errors.As.
func TestRoleRejected(t *testing.T) {
	role := "arn:aws:iam::123456789012:role/soc2-cloudtrail-soc2"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}`
	group := "arn:aws:logs:us-east-1:123456789012:log-group:/soc2/ct:*"
	err := roleRejected(role, trust, group, roleRejection())
	var rejected *cttypes.InvalidCloudWatchLogsRoleArnException
	if !errors.As(err, &rejected) {
		t.Errorf("the AWS error must stay reachable: %v", err)
	}
	for _, want := range []string{role, trust, group, "cloudtrail.amazonaws.com", "sts:AssumeRole", "aws:SourceArn", "aws:SourceAccount",
		"logs:CreateLogStream", "logs:PutLogEvents", cloudWatchLogsDocs} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
