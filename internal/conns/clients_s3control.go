package conns

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3control"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
)

// S3Control serves account-level S3 settings (the account's public access block).
//
// AWS addresses S3 Control by account: the SDK's endpoint rules send every call that carries an
// AccountId to ACCOUNT.s3-control.REGION.amazonaws.com, and with a custom endpoint to
// ACCOUNT.<endpoint host>, a name that does not resolve for 127.0.0.1 or localhost (emulator gap:
// moto and LocalStack serve S3 Control at their one host, path /v20180820/...). Only on an
// emulator endpoint does the client resolve the endpoint as if no account were given, which drops
// the host prefix; the account still travels in the x-amz-account-id header, which the
// emulators read. Calls to AWS keep the SDK's own resolver, unchanged.
func (c *AWSClient) S3Control(region string) *s3control.Client {
	return cachedClient(c, "s3control", region, s3control.NewFromConfig, func(o *s3control.Options) {
		if c.UsesCustomEndpoint() {
			o.EndpointResolverV2 = emulatorS3ControlResolver{next: s3control.NewDefaultEndpointResolverV2()}
		}
	})
}

// emulatorS3ControlResolver resolves S3 Control endpoints without the account host prefix; it is
// installed only for custom (emulator) endpoints.
type emulatorS3ControlResolver struct {
	next s3control.EndpointResolverV2
}

func (r emulatorS3ControlResolver) ResolveEndpoint(ctx context.Context, params s3control.EndpointParameters) (smithyendpoints.Endpoint, error) {
	params.AccountId = nil
	params.RequiresAccountId = nil
	return r.next.ResolveEndpoint(ctx, params)
}
