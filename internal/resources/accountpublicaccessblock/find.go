package accountpublicaccessblock

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// errNoBlock is S3 Control's error for an account that has no public access block.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
const errNoBlock = "NoSuchPublicAccessBlockConfiguration"

// findBlock returns the account's public access block, or a framework.NotFoundError when the
// account has none.
func findBlock(ctx context.Context, client *conns.AWSClient, accountID string) (blockSettings, error) {
	out, err := client.S3Control("").GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: aws.String(accountID)})
	if err != nil {
		err = framework.AsNotFound(err, "public access block of account "+accountID, isNoBlock)
		if framework.NotFound(err) {
			return blockSettings{}, err
		}
		return blockSettings{}, fmt.Errorf("(S3 Control GetPublicAccessBlock) account %s: %w", accountID, err)
	}
	return settingsOf(out.PublicAccessBlockConfiguration), nil
}

func isNoBlock(err error) bool { return framework.HasCode(err, errNoBlock) }
