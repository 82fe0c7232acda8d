package conns

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// FromProviderData unwraps the client the provider handed to a resource's Configure. Nil data is
// normal (Terraform validates configurations before the provider is configured) and yields nil.
func FromProviderData(data any, diags *diag.Diagnostics) *AWSClient {
	if data == nil {
		return nil
	}
	client, ok := data.(*AWSClient)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *conns.AWSClient, got %T; this is a bug in the provider", data))
		return nil
	}
	return client
}
