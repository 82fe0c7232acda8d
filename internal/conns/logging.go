package conns

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logCalls records every AWS call under a tflog subsystem named after the service ("aws.s3",
// "aws.cloudtrail", ...), so TF_LOG_PROVIDER_SOC2_AWS_S3=DEBUG can follow one service. It logs the
// operation, region, HTTP status and duration, never headers or bodies: those carry the signature,
// the session token and, for MFA-protected S3 calls, the MFA code.
func logCalls(stack *middleware.Stack) error {
	return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc("soc2CallLog",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			start := time.Now()
			out, md, err := next.HandleDeserialize(ctx, in)

			subsystem := "aws." + strings.ToLower(strings.ReplaceAll(awsmiddleware.GetServiceID(ctx), " ", ""))
			fields := map[string]any{
				"aws_operation": awsmiddleware.GetOperationName(ctx),
				"aws_region":    awsmiddleware.GetRegion(ctx),
				"duration_ms":   time.Since(start).Milliseconds(),
			}
			if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp != nil {
				fields["http_status"] = resp.StatusCode
			}
			ctx = tflog.NewSubsystem(ctx, subsystem)
			if err != nil {
				fields["error"] = err.Error()
				tflog.SubsystemDebug(ctx, subsystem, "AWS call failed", fields)
			} else {
				tflog.SubsystemDebug(ctx, subsystem, "AWS call", fields)
			}
			return out, md, err
		}), middleware.After)
}

// CallLogEnv names the environment variable that, when it names a file, makes the provider append
// one line per AWS call to it: "<service id>:<operation>" (e.g. "S3:PutBucketVersioning"). The
// permissions test reads it to prove the documented IAM policy allows every call the acceptance
// suite made. Only the service and operation are written: never arguments, headers or results.
const CallLogEnv = "SOC2_AWS_CALL_LOG"

// callLogs keeps one append-only handle per file for the life of the process, so a provider that
// builds many clients does not open the file once per call.
var callLogs = struct {
	sync.Mutex
	files map[string]*os.File
}{files: map[string]*os.File{}}

// recordCalls appends "<service id>:<operation>" to the file at path for every operation the
// client invokes. It runs in the Initialize step, once per call and before any retry or
// signing, so a call that fails (even one AWS denies) is recorded too: it still needs the
// permission. Each line is a single write to a file opened with O_APPEND, which the kernel
// appends atomically, so several test binaries may share one file.
func recordCalls(path string) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("soc2CallRecord",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				line := awsmiddleware.GetServiceID(ctx) + ":" + awsmiddleware.GetOperationName(ctx) + "\n"
				if err := appendCallLine(path, line); err != nil {
					// A silently lost line would let the permissions test pass on an incomplete record.
					return middleware.InitializeOutput{}, middleware.Metadata{}, fmt.Errorf("recording the AWS call in %s (%s): %w", path, CallLogEnv, err)
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
}

func appendCallLine(path, line string) error {
	callLogs.Lock()
	defer callLogs.Unlock()
	f, ok := callLogs.files[path]
	if !ok {
		var err error
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return err
		}
		callLogs.files[path] = f
	}
	_, err := f.WriteString(line)
	return err
}
