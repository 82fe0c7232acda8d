package logbucket

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

// deleteBatch is the most keys one DeleteObjects call accepts.
const deleteBatch = 1000

// destroy deletes the bucket: emptied first for force_destroy, refused while it holds evidence
// otherwise. A bucket already gone is fine.
func (r *logBucket) destroy(ctx context.Context, state model) error {
	name := state.ID.ValueString()
	c := r.Client.S3("")
	err := r.emptyOrRefuse(ctx, c, name, state)
	if err == nil {
		err = r.deleteBucket(ctx, c, name)
	}
	if bucketGone(err) {
		return nil
	}
	return err
}

// emptyOrRefuse empties the bucket for force_destroy, and otherwise refuses one that holds any
// version: those are audit evidence.
func (r *logBucket) emptyOrRefuse(ctx context.Context, c *s3.Client, name string, state model) error {
	if state.ForceDestroy.ValueBool() {
		return r.empty(ctx, c, name, state.ObjectLockEnabled.ValueBool())
	}
	count, err := countVersions(ctx, c, name)
	if err != nil {
		return err
	}
	if count > 0 {
		return fmt.Errorf("log bucket is not empty: bucket %s holds %d object versions and delete markers, which are audit evidence, so it was not deleted. "+
			"To delete them with the bucket, set force_destroy = true and apply before destroying", name, count)
	}
	return nil
}

// deleteBucket deletes the empty bucket. The bucket policy denies s3:DeleteBucket to all but
// admin_principal_arns, so an AccessDenied is explained rather than passed on.
func (r *logBucket) deleteBucket(ctx context.Context, c *s3.Client, name string) error {
	_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	if framework.HasCode(err, "AccessDenied") {
		return fmt.Errorf("S3 DeleteBucket %s as %s was denied: %w. The bucket policy denies deleting the bucket to every "+
			"principal not in admin_principal_arns; add this identity (%s) to admin_principal_arns and apply, then destroy. %s",
			name, r.Client.CallerARN, err, strings.Join(policies.ExemptPrincipals(r.Client.CallerARN), " or "), rootEscapeHatch(name))
	}
	if err != nil {
		return wrap("DeleteBucket", name, err)
	}
	if err := s3.NewBucketNotExistsWaiter(c).Wait(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)}, bucketWaitTimeout); err != nil {
		return fmt.Errorf("log bucket did not go away: waiting for bucket %s to be deleted: %w", name, err)
	}
	return nil
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
// bucket policy denies deletions (and bucket deletion) to all but admin_principal_arns, so the
// deny is lifted first: the bucket is going away anyway, and if emptying fails half way the next
// plan shows the policy as drift. Lifting it needs s3:DeleteBucketPolicy, which the same deny
// refuses to anyone outside admin_principal_arns (the plan warned about that identity), and which
// the account root user always keeps.
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
	policy, err := findPolicy(ctx, c, bucket)
	if framework.NotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !policyBlocksDeletion(policy, arns.Objects(r.Client.Partition, bucket)) {
		return nil
	}
	tflog.Info(ctx, "deleting the bucket policy so force_destroy may delete object versions", map[string]any{
		"bucket": bucket, "caller": r.Client.CallerARN,
	})
	if _, err := c.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(bucket)}); err != nil {
		return fmt.Errorf("the policy of bucket %s denies the deletion of object versions, and removing it as %s failed: %w. "+
			"The policy denies s3:DeleteBucketPolicy to every principal not in admin_principal_arns: add this identity (%s) "+
			"to admin_principal_arns and apply first, then destroy. %s",
			bucket, r.Client.CallerARN, err, strings.Join(policies.ExemptPrincipals(r.Client.CallerARN), " or "), rootEscapeHatch(bucket))
	}
	return nil
}

// policyBlocksDeletion reports whether a Deny statement refuses some principal (one no
// exemption names) the deletion of object versions: such a policy is lifted before
// force_destroy empties the bucket, whoever the caller is.
func policyBlocksDeletion(policy, objectsARN string) bool {
	return policydoc.Evaluate(policy, policydoc.Request{
		Principal: "arn:aws:iam::000000000000:role/soc2-any-principal",
		Action:    "s3:DeleteObjectVersion",
		Resource:  strings.TrimSuffix(objectsARN, "*") + "any-key",
	}) == policydoc.ExplicitDeny
}
