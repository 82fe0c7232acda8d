package bucketaccesslogging

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

func (r *bucketAccessLogging) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]schema.Attribute{
			"id": framework.ComputedString("The target and the selector in the import id format: " +
				"`<target_bucket>;buckets=<a>,<b>;tags=<key>=<value>,...`."),
			"target_bucket": framework.RequiredString("The bucket the logs go to, e.g. a `soc2_log_bucket` with `writers = "+
				"[\"s3_access_logs\"]`. It must be in the sources' region and account, have no Object Lock default retention, "+
				"use SSE-S3 (not SSE-KMS) default encryption, and its bucket policy must let `logging.s3.amazonaws.com` put "+
				"objects under the target prefix for these sources; each is checked at plan time.", validate.S3BucketName()),
			"target_prefix": framework.DefaultString("Key prefix of the log objects, a template in which `{bucket}` stands "+
				"for the source bucket's name. Default `s3-access/{bucket}/`, so each source logs under its own prefix. "+
				"Without `{bucket}` every source logs under the same prefix (each log record names its bucket).",
				defaultPrefixTemplate, prefixTemplateValidator()),
			"buckets": framework.OptionalStringSet("Source buckets by name. With `bucket_tags`, the sources are both: these "+
				"and the tagged ones. Each must be in the target's region and account.", bucketNamesValidator()),
			"bucket_tags": framework.OptionalStringMap("Selects every bucket of the account that carries all of these tags " +
				"(e.g. `{ data-classification = \"sensitive\" }`) in the target's region, discovered at each plan with " +
				"ListBuckets and GetBucketTagging. A bucket tagged later appears in the next plan as a new key of `sources`; a " +
				"tagged bucket in another region is a warning (it needs a target in its own region)."),
			"partitioned_prefix": framework.DefaultBool("Date-based log object keys (`TargetObjectKeyFormat` "+
				"`PartitionedPrefix` with `EventTime`): `<prefix><account>/<region>/<bucket>/<yyyy>/<mm>/<dd>/...`, filed by "+
				"the day the requests happened, which is the day an auditor asks about. Default `false`: the simple format "+
				"`<prefix><yyyy>-<mm>-<dd>-...`.", false),
			"sources": framework.ComputedMapOf("Per source bucket (the key), its server access logging as AWS reports it. "+
				"Planned as logging on to the target and prefix, so the plan names the bucket whose logging drifted (CC7.2: "+
				"object-level activity of sensitive data is monitored).", sourceAttributes()),
		},
	}
}

func sourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"logging_enabled":    framework.ComputedBool("Whether server access logging is on."),
		"target_bucket":      framework.ComputedString("The bucket the logs go to; null while logging is off."),
		"target_prefix":      framework.ComputedString("The key prefix of the logs; null while logging is off."),
		"partitioned_prefix": framework.ComputedBool("Whether the logs use date-based (partitioned, EventTime) keys."),
		"managed": framework.ComputedBool("`true` when this resource turned logging on; destroy turns it off. `false` when the bucket " +
			"already logged somewhere when it was selected; destroy then puts that configuration back."),
		"previous_target_bucket": framework.ComputedString("Where the bucket logged before this resource took it over; null when `managed`."),
		"previous_target_prefix": framework.ComputedString("The prefix it logged under before; null when `managed`."),
	}
}

const description = "Server access logging of the data buckets chosen by name (`buckets`) and/or by tag (`bucket_tags`), " +
	"into a log bucket: every request to a sensitive bucket is recorded (SOC 2 CC7.2; the playbook's \"S3 Access Logs: " +
	"enable for all sensitive data buckets\").\n\n" +
	"Hardened per source bucket: logging on, to `target_bucket` under `target_prefix`, in the chosen key format. The " +
	"computed `sources` map is keyed by bucket name, so a plan after someone switched a bucket's logging off or pointed it " +
	"elsewhere names that bucket (`~ sources[\"acme-data\"].logging_enabled = false -> true`); apply puts back only the " +
	"buckets that differ. The selector is resolved at every plan: a bucket tagged after the last apply shows up as a new " +
	"key of `sources`; a source bucket that was deleted drops out of `sources` with a warning.\n\n" +
	"**Checked at plan time**, before any change, because S3 would otherwise accept the configuration and silently " +
	"deliver nothing (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html): each " +
	"source is in the target's region and account; the target has no Object Lock default retention and no SSE-KMS default " +
	"encryption; the target's bucket policy (when the plan may read it) allows `logging.s3.amazonaws.com` `s3:PutObject` " +
	"on the log object keys of each source, with the `aws:SourceArn` (the source bucket) and `aws:SourceAccount` " +
	"conditions the logging service sends; the target is not among the sources; the selection is not empty. When the " +
	"target is created in the same apply, its checks run in the plan Terraform makes at apply time.\n\n" +
	"**Policies.** This resource generates no policy. The target's policy must hold a statement such as the one " +
	"`soc2_log_bucket` generates for `writers = [\"s3_access_logs\"]`:\n\n" +
	"```json\n{\"Sid\": \"AllowS3ServerAccessLogsWrite\", \"Effect\": \"Allow\",\n \"Principal\": {\"Service\": \"logging.s3.amazonaws.com\"},\n" +
	" \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::acme-s3-access-logs/*\",\n" +
	" \"Condition\": {\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:s3:::*\"}, \"StringEquals\": {\"aws:SourceAccount\": \"123456789012\"}}}\n```\n\n" +
	"**Destroy** turns logging off only on the buckets this resource turned it on (`managed = true`) and that still log to " +
	"the target; a bucket that already logged somewhere when it was selected gets that configuration back (if that " +
	"target no longer accepts logs, the bucket keeps logging to this target, with a warning). A bucket " +
	"dropped from the selection is given back the same way at the next apply.\n\n" +
	"**Permissions.** Every plan calls `s3:ListAllMyBuckets` (with `bucket_tags`), `s3:GetBucketLocation`, " +
	"`s3:GetBucketTagging` (with `bucket_tags`, on every bucket of the account), `s3:GetBucketLogging`, " +
	"`s3:GetBucketObjectLockConfiguration`, `s3:GetEncryptionConfiguration`, `s3:GetBucketPolicy` and `s3:GetBucketAcl`; " +
	"apply and destroy add `s3:PutBucketLogging` on the sources."
