package accountpublicaccessblock

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// destroy leaves the block in place unless delete_on_destroy is true: removing the resource from
// a configuration (or moving it to another state) must not quietly open every bucket of the
// account to public ACLs and policies. ModifyPlan warns when destroy will delete it.
func (r *accountPublicAccessBlock) destroy(ctx context.Context, state resourceModel) error {
	accountID := state.AccountID.ValueString()
	if !state.DeleteOnDestroy.ValueBool() {
		tflog.Info(ctx, "leaving the account's S3 public access block in place (delete_on_destroy = false)", map[string]any{"account_id": accountID})
		return nil
	}
	_, err := r.Client.S3Control("").DeletePublicAccessBlock(ctx, &s3control.DeletePublicAccessBlockInput{AccountId: aws.String(accountID)})
	if err != nil && !framework.NotFound(framework.AsNotFound(err, "public access block", isNoBlock)) {
		return fmt.Errorf("(S3 Control DeletePublicAccessBlock) account %s: %w", accountID, err)
	}
	return nil
}
