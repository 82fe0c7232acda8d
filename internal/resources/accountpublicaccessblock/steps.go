package accountpublicaccessblock

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// errNotYetVisible: a put succeeded but the read still shows the old settings.
var errNotYetVisible = errors.New("the public access block just put is not visible yet")

// converge puts the hardened block when AWS's differs, and only then: an account whose block is
// already all on is left untouched (and adopted).
func (r *accountPublicAccessBlock) converge(ctx context.Context, accountID string) error {
	have, err := findBlock(ctx, r.Client, accountID)
	if err != nil && !framework.NotFound(err) {
		return err
	}
	if !needsPut(have) {
		return nil
	}
	return r.putBlock(ctx, accountID)
}

// putBlock turns all four settings on, then waits until a read shows them: AWS documents that a
// change to the account's block can take a while to apply everywhere, and the read that follows
// the apply must not report the old settings as drift.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html
func (r *accountPublicAccessBlock) putBlock(ctx context.Context, accountID string) error {
	_, err := r.Client.S3Control("").PutPublicAccessBlock(ctx, &s3control.PutPublicAccessBlockInput{
		AccountId:                      aws.String(accountID),
		PublicAccessBlockConfiguration: configuration(desiredSettings()),
	})
	if err != nil {
		return fmt.Errorf("(S3 Control PutPublicAccessBlock) account %s: %w", accountID, err)
	}
	return framework.RetryWhen(ctx, framework.PropagationTimeout, func() error {
		have, err := findBlock(ctx, r.Client, accountID)
		if err == nil && needsPut(have) {
			return errNotYetVisible
		}
		return err
	}, func(err error) bool { return errors.Is(err, errNotYetVisible) || framework.NotFound(err) })
}
