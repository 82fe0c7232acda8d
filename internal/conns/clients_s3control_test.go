package conns

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
)

// The emulator resolver drops only the account host prefix; AWS endpoints keep it.
func TestS3ControlEmulatorResolverDropsAccountPrefix(t *testing.T) {
	ctx := context.Background()
	params := func(endpoint *string) s3control.EndpointParameters {
		return s3control.EndpointParameters{
			Region: aws.String("us-east-1"), Endpoint: endpoint, AccountId: aws.String("123456789012"),
			RequiresAccountId: aws.Bool(true), UseFIPS: aws.Bool(false), UseDualStack: aws.Bool(false),
		}
	}
	cases := []struct {
		name     string
		resolver s3control.EndpointResolverV2
		endpoint *string
		wantHost string
	}{
		{"aws", s3control.NewDefaultEndpointResolverV2(), nil, "123456789012.s3-control.us-east-1.amazonaws.com"},
		{"sdk default on an emulator (the gap)", s3control.NewDefaultEndpointResolverV2(), aws.String("http://127.0.0.1:4566"), "123456789012.127.0.0.1:4566"},
		{"emulator", emulatorS3ControlResolver{next: s3control.NewDefaultEndpointResolverV2()}, aws.String("http://127.0.0.1:4566"), "127.0.0.1:4566"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.resolver.ResolveEndpoint(ctx, params(c.endpoint))
			if err != nil {
				t.Fatal(err)
			}
			if got.URI.Host != c.wantHost {
				t.Errorf("host = %q, want %q", got.URI.Host, c.wantHost)
			}
		})
	}
}
