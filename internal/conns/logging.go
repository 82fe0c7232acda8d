package conns

import (
	"context"
	"strings"
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
