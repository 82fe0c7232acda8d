package main

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// Suspending versioning lets the next overwrite or delete destroy evidence for good, and removing
// the public access block is one policy edit away from exposing it. The plan shows
// `versioning_status` and the four public access block flags changing back; apply restores
// exactly those two settings.
func init() {
	register(step{order: 10, name: "log bucket: versioning", output: "log_bucket_name", run: suspendVersioning})
	register(step{order: 11, name: "log bucket: public access block", output: "log_bucket_name", run: deletePublicAccessBlock})
}

func suspendVersioning(ctx context.Context, client *conns.AWSClient, bucket string) (string, error) {
	if _, err := client.S3("").PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended},
	}); err != nil {
		return "", fmt.Errorf("suspending versioning of %s: %w", bucket, err)
	}
	return fmt.Sprintf("suspended versioning of log bucket %s (PutBucketVersioning; CC7.2)", bucket), nil
}

func deletePublicAccessBlock(ctx context.Context, client *conns.AWSClient, bucket string) (string, error) {
	if _, err := client.S3("").DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(bucket)}); err != nil {
		return "", fmt.Errorf("deleting the public access block of %s: %w", bucket, err)
	}
	return fmt.Sprintf("deleted the public access block of log bucket %s (DeletePublicAccessBlock; CC6.1, CC6.6)", bucket), nil
}
