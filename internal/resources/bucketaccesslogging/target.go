package bucketaccesslogging

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// docServerLogs is the AWS page that states the target bucket rules checked here.
const docServerLogs = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"

// targetInfo is what the plan knows of the target bucket.
type targetInfo struct {
	// Exists is false when the target is created in the same apply (soc2_log_bucket): the
	// checks then run again in the plan Terraform makes at apply time, once it exists.
	Exists bool
	Region string
}

// inspectTarget finds the target's region and refuses a target S3 will not deliver logs into.
func (r *bucketAccessLogging) inspectTarget(ctx context.Context, s spec) (targetInfo, diag.Diagnostics) {
	var diags diag.Diagnostics
	region, err := findRegion(ctx, r.Client.S3(""), r.Client.AccountID, s.Target)
	if framework.NotFound(err) {
		return targetInfo{Region: r.Client.HomeRegion}, nil
	}
	if err != nil {
		diags.AddAttributeError(path.Root("target_bucket"), "Cannot read the target bucket",
			fmt.Sprintf("target_bucket = %q: %v. S3 delivers server access logs only to a bucket of the source's own account; "+
				"use a bucket this account owns.", s.Target, err))
		return targetInfo{}, diags
	}
	t := targetInfo{Exists: true, Region: region}
	c := r.Client.S3(region)
	retention, err := findDefaultRetention(ctx, c, s.Target)
	switch {
	case err != nil:
		diags.AddError("Cannot read the target bucket's Object Lock configuration", err.Error())
	case retention != nil:
		diags.AddAttributeError(path.Root("target_bucket"), "Target bucket has Object Lock default retention",
			fmt.Sprintf("target_bucket = %q has an Object Lock default retention (%s), and S3 does not deliver server access logs "+
				"into such a bucket (%s). Use a log bucket without default retention, or remove the default retention rule "+
				"from %q.", s.Target, retentionSummary(retention), docServerLogs, s.Target))
	}
	algorithm, err := findDefaultEncryption(ctx, c, s.Target)
	switch {
	case err != nil && !framework.HasCode(err, "AccessDenied"):
		diags.AddError("Cannot read the target bucket's default encryption", err.Error())
	case algorithm == s3types.ServerSideEncryptionAwsKms || algorithm == s3types.ServerSideEncryptionAwsKmsDsse:
		diags.AddAttributeError(path.Root("target_bucket"), "Target bucket encrypts with SSE-KMS by default",
			fmt.Sprintf("target_bucket = %q uses default encryption %s; S3 server access logs can be delivered only to a "+
				"target whose default encryption is SSE-S3 (%s). Use a log bucket with SSE-S3 (soc2_log_bucket without "+
				"kms_key_arn) as the target.", s.Target, algorithm, docServerLogs))
	}
	return t, diags
}

func retentionSummary(d *s3types.DefaultRetention) string {
	switch {
	case d.Days != nil && *d.Days > 0:
		return fmt.Sprintf("%s, %d days", d.Mode, *d.Days)
	case d.Years != nil && *d.Years > 0:
		return fmt.Sprintf("%s, %d years", d.Mode, *d.Years)
	}
	return string(d.Mode)
}

// checkTargetPolicy refuses a target whose policy does not let the logging service write each
// source's logs. An unreadable policy (AccessDenied) is a warning: the plan cannot tell.
func (r *bucketAccessLogging) checkTargetPolicy(ctx context.Context, s spec, t targetInfo, sources map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	c := r.Client.S3(t.Region)
	policy, err := findPolicy(ctx, c, s.Target)
	switch {
	case framework.HasCode(err, "AccessDenied"):
		diags.AddWarning("Target bucket policy not checked",
			fmt.Sprintf("target_bucket = %q: the bucket policy could not be read (%v), so the plan cannot check that it lets %s "+
				"write the logs; S3 accepts the logging configuration either way, and logs are lost if it does not.",
				s.Target, err, policies.AccessLogsPrincipal))
		return diags
	case framework.NotFound(err):
		granted, aclErr := findLogDeliveryGrant(ctx, c, s.Target)
		if aclErr != nil || !granted {
			diags.AddAttributeError(path.Root("target_bucket"), "Target bucket does not allow log delivery",
				fmt.Sprintf("target_bucket = %q has no bucket policy and no ACL grant to the Log Delivery group, so S3 cannot "+
					"deliver server access logs into it. Use a soc2_log_bucket with writers = [\"s3_access_logs\"], or give %q the "+
					"bucket policy statement of %s.", s.Target, s.Target, docServerLogs))
		}
		return diags
	case err != nil:
		diags.AddError("Cannot read the target bucket policy", err.Error())
		return diags
	}
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(sources)) {
		d := policies.AccessLogsDelivery{Partition: r.Client.Partition, AccountID: r.Client.AccountID, SourceBucket: name,
			SourceRegion: sources[name], TargetBucket: s.Target, TargetPrefix: s.prefix(name), Partitioned: s.Partitioned}
		if p := policies.AccessLogsTargetProblem(policy, d); p != "" {
			problems = append(problems, "- "+p)
		}
	}
	if len(problems) > 0 {
		diags.AddAttributeError(path.Root("target_bucket"), "Target bucket policy does not allow log delivery",
			fmt.Sprintf("target_bucket = %q, target_prefix = %q:\n%s\nAllow %s s3:PutObject on the prefix with aws:SourceArn and "+
				"aws:SourceAccount conditions (%s), e.g. writers = [\"s3_access_logs\"] on a soc2_log_bucket, or change "+
				"target_prefix to a prefix the policy grants.", s.Target, s.PrefixTemplate, strings.Join(problems, "\n"),
				policies.AccessLogsPrincipal, docServerLogs))
	}
	return diags
}
