// Package evidence builds the SOC 2 audit evidence binder from what AWS reports: one model of
// controls (settings read, when, a verdict with its reason, the criteria each evidences), a change
// log of the logging controls, and an inventory of the log-producing resources by tag. It renders
// the model as evidence.json (sealed with SHA-256 digests), a self-contained index.html and, where
// Chromium is installed, binder.pdf.
//
// # Finding the baseline
//
// The binder starts from the trail, because every other object of the baseline hangs off it:
//
//   - the trail: Options.Trail (name or ARN) or, when empty, the one trail of the home region that
//     is multi-region; several candidates are an error asking for --trail, never a guess;
//   - the log bucket: the trail's S3BucketName;
//   - the log group: the trail's CloudWatchLogsLogGroupArn;
//   - the alarm pack: the metric filters on that log group whose names end in an alarm catalog id
//     (soc2_alarm_pack names filter, metric and alarm <name_prefix><id>), and the alarms of that
//     prefix; the topic is the alarms' action;
//   - AWS Config: the recorder and delivery channel of every region in Options.Regions (default:
//     every region enabled for the account);
//   - server access logging: every bucket of the account with access logging turned on.
//
// So the binder needs no state file and no naming input beyond the trail, and it reports what AWS
// has, including objects made outside Terraform.
package evidence
