package logbucket

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// deleteBatch is the most keys one DeleteObjects call accepts.
const deleteBatch = 1000

func (r *logBucket) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	c := r.client.S3("")

	if !state.ForceDestroy.ValueBool() {
		count, err := countVersions(ctx, c, name)
		if isNotFound(err) {
			return
		}
		if err != nil {
			resp.Diagnostics.AddError("Cannot delete the log bucket", err.Error())
			return
		}
		if count > 0 {
			resp.Diagnostics.AddError("Log bucket is not empty",
				fmt.Sprintf("bucket %s holds %d object versions and delete markers, which are audit evidence, so it was not deleted. "+
					"To delete them with the bucket, set force_destroy = true and apply before destroying.", name, count))
			return
		}
	} else if err := r.empty(ctx, c, name, state.ObjectLockEnabled.ValueBool()); err != nil {
		if isNotFound(err) {
			return
		}
		resp.Diagnostics.AddError("Cannot empty the log bucket", err.Error())
		return
	}

	_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	if err != nil && !isNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the log bucket", fmt.Sprintf("S3 DeleteBucket %s: %v", name, err))
		return
	}
	if err := s3.NewBucketNotExistsWaiter(c).Wait(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)}, bucketWaitTimeout); err != nil {
		resp.Diagnostics.AddError("Log bucket did not go away", fmt.Sprintf("waiting for bucket %s to be deleted: %v", name, err))
	}
}

func countVersions(ctx context.Context, c *s3.Client, bucket string) (int, error) {
	count := 0
	p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return 0, wrap("ListObjectVersions", bucket, err)
		}
		count += len(page.Versions) + len(page.DeleteMarkers)
	}
	return count, nil
}

// empty deletes every object version and delete marker, a page of up to 1000 at a time. The
// bucket policy denies deletions to all but the exempt principals, and whether AWS counts the
// caller among them depends on how it signs in today, so the deny is lifted first: the bucket
// is going away anyway, and if emptying fails half way the next plan shows the policy as drift.
func (r *logBucket) empty(ctx context.Context, c *s3.Client, bucket string, locked bool) error {
	if err := r.liftDeletionDeny(ctx, c, bucket); err != nil {
		return err
	}
	deleted := 0
	p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: aws.Int32(deleteBatch)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return wrap("ListObjectVersions", bucket, err)
		}
		ids := make([]s3types.ObjectIdentifier, 0, len(page.Versions)+len(page.DeleteMarkers))
		for _, v := range page.Versions {
			ids = append(ids, s3types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, m := range page.DeleteMarkers {
			ids = append(ids, s3types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
		}
		for start := 0; start < len(ids); start += deleteBatch {
			end := min(start+deleteBatch, len(ids))
			if err := deleteObjects(ctx, c, bucket, ids[start:end], locked); err != nil {
				return err
			}
			deleted += end - start
		}
	}
	tflog.Info(ctx, "emptied log bucket for force_destroy", map[string]any{"bucket": bucket, "deleted": deleted})
	return nil
}

func deleteObjects(ctx context.Context, c *s3.Client, bucket string, ids []s3types.ObjectIdentifier, locked bool) error {
	in := &s3.DeleteObjectsInput{Bucket: aws.String(bucket), Delete: &s3types.Delete{Objects: ids, Quiet: aws.Bool(true)}}
	if locked {
		// GOVERNANCE retention yields to principals allowed to bypass it; COMPLIANCE never does,
		// and those versions are reported below.
		in.BypassGovernanceRetention = aws.Bool(true)
	}
	out, err := c.DeleteObjects(ctx, in)
	if err != nil {
		return wrap("DeleteObjects", bucket, err)
	}
	if len(out.Errors) > 0 {
		var msgs []string
		for i, e := range out.Errors {
			if i == 3 {
				msgs = append(msgs, fmt.Sprintf("and %d more", len(out.Errors)-3))
				break
			}
			msgs = append(msgs, fmt.Sprintf("%s (version %s): %s %s", aws.ToString(e.Key), aws.ToString(e.VersionId), aws.ToString(e.Code), aws.ToString(e.Message)))
		}
		return fmt.Errorf("S3 DeleteObjects on bucket %s could not delete %d of %d versions: %s",
			bucket, len(out.Errors), len(ids), strings.Join(msgs, "; "))
	}
	return nil
}

func (r *logBucket) liftDeletionDeny(ctx context.Context, c *s3.Client, bucket string) error {
	out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if hasCode(err, "NoSuchBucketPolicy") {
		return nil
	}
	if err != nil {
		return wrap("GetBucketPolicy", bucket, err)
	}
	if !policyBlocksDeletion(aws.ToString(out.Policy)) {
		return nil
	}
	tflog.Info(ctx, "deleting the bucket policy so force_destroy may delete object versions", map[string]any{
		"bucket": bucket, "caller": r.client.CallerARN, "caller_exempt": !policyDeniesCaller(aws.ToString(out.Policy), r.client.CallerARN),
	})
	if _, err := c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(bucket)}); err != nil {
		return fmt.Errorf("the policy of bucket %s denies the deletion of object versions, and removing it as %s failed: %w. "+
			"Add this identity to admin_principal_arns and apply first, or have the account root user delete the bucket policy",
			bucket, r.client.CallerARN, err)
	}
	return nil
}

// policyBlocksDeletion reports whether a Deny statement could refuse some principal the deletion
// of object versions: such a policy is lifted before force_destroy empties the bucket.
func policyBlocksDeletion(policy string) bool {
	return deniesToPrincipal(policy, "s3:DeleteObjectVersion", "arn:aws:iam::000000000000:role/any-principal")
}

// policyDeniesCaller reports whether the policy would refuse the caller, as AWS sees it, the
// deletion of object versions.
func policyDeniesCaller(policy, callerARN string) bool {
	forms := exemptPrincipals(callerARN)
	if len(forms) == 0 {
		forms = []string{callerARN}
	}
	return deniesToPrincipal(policy, "s3:DeleteObjectVersion", forms[0]) || deniesToPrincipal(policy, "s3:DeleteObject", forms[0])
}
