package logbucket

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// keyPolicyStatements is what the resource page and the warnings say the key policy needs.
const keyPolicyStatements = "With writers \"cloudtrail\": a statement allowing the service principal " +
	"cloudtrail.amazonaws.com kms:GenerateDataKey* (S3 requests the data key on the writer's behalf, with the bucket ARN " +
	"as encryption context aws:s3:arn) for this account's trails (aws:SourceArn, aws:SourceAccount) " +
	"(https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html). " +
	"With writers \"config\": a statement allowing config.amazonaws.com kms:GenerateDataKey and kms:Decrypt " +
	"with aws:SourceAccount of this account (\"AWSConfigKMSPolicy\", " +
	"https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html). Server access logs " +
	"(\"s3_access_logs\") cannot be delivered to an SSE-KMS bucket at all."

// keyPolicyWarnings reads the key policy of kms_key_arn (GetKeyPolicy is a read, made at plan
// time) and warns about what the writers that encrypt with it (CloudTrail, Config) would miss.
func (r *logBucket) keyPolicyWarnings(ctx context.Context, plan model) diag.Diagnostics {
	var diags diag.Diagnostics
	if !framework.Known(plan.KMSKeyARN) || !framework.Known(plan.Bucket) || plan.Writers.IsUnknown() {
		return nil
	}
	key, all := plan.KMSKeyARN.ValueString(), framework.KnownStrings(plan.Writers)
	if slices.Contains(all, policies.WriterS3AccessLogs) {
		diags.AddAttributeWarning(path.Root("kms_key_arn"), "Server access logs cannot reach an SSE-KMS bucket", accessLogsKMSWarning(key))
	}
	writers := slices.DeleteFunc(all, func(w string) bool { return w == policies.WriterS3AccessLogs })
	if len(writers) == 0 {
		return diags
	}
	region := r.Client.HomeRegion
	if a, err := arn.Parse(key); err == nil {
		region = a.Region
	}
	keyPolicy, err := findKeyPolicy(ctx, r.Client.KMS(region), key)
	if err != nil {
		diags.AddAttributeWarning(path.Root("kms_key_arn"), "Cannot check the key policy", keyPolicyReadWarning(key, err))
		return diags
	}
	use := policies.KeyUse{
		User: policies.KeyForBucket, KeyARN: key, AccountID: r.Client.AccountID,
		BucketARN: arns.Bucket(r.Client.Partition, plan.Bucket.ValueString()), Writers: writers,
	}
	if detail := keyPolicyGapsWarning(key, policies.KeyPolicyGaps(keyPolicy, use)); detail != "" {
		diags.AddAttributeWarning(path.Root("kms_key_arn"), "The key policy lacks what the writers need", detail)
	}
	return diags
}

// accessLogsKMSWarning: S3 delivers server access logs only to targets whose default encryption
// is SSE-S3, whatever the key policy says.
func accessLogsKMSWarning(keyARN string) string {
	return fmt.Sprintf("writers contains %q and kms_key_arn = %q makes the default encryption SSE-KMS, but S3 server access "+
		"logging delivers only to target buckets encrypted with SSE-S3 "+
		"(https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html), so no access logs would "+
		"arrive. Send them to a separate soc2_log_bucket without kms_key_arn, or remove kms_key_arn here.",
		policies.WriterS3AccessLogs, keyARN)
}

// keyPolicyGapsWarning turns the gaps policies.KeyPolicyGaps found into the warning; "" when
// there are none.
func keyPolicyGapsWarning(keyARN string, gaps []string) string {
	if len(gaps) == 0 {
		return ""
	}
	return fmt.Sprintf("The key policy of kms_key_arn = %q does not let the log writers use the key, so their deliveries "+
		"into this SSE-KMS bucket would fail on AWS:\n\n- %s\n\nAdd the missing statements to the key policy. %s",
		keyARN, strings.Join(gaps, "\n- "), keyPolicyStatements)
}

// keyPolicyReadWarning says why the key policy could not be checked; a plan must still work for
// identities without kms:GetKeyPolicy.
func keyPolicyReadWarning(keyARN string, err error) string {
	why := fmt.Sprintf("reading it failed: %v", err)
	switch {
	case framework.HasCode(err, "AccessDeniedException", "AccessDenied"):
		why = "the identity running this plan may not call kms:GetKeyPolicy on it (or the key belongs to another " +
			"account, whose key policies GetKeyPolicy cannot read)"
	case framework.NotFound(err):
		why = "KMS reports no such key in its region"
	}
	return fmt.Sprintf("The key policy of kms_key_arn = %q could not be checked: %s. Make sure it allows what the writers "+
		"need. %s", keyARN, why, keyPolicyStatements)
}
