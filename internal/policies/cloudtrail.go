package policies

import (
	"errors"
	"fmt"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const cloudTrailService = "cloudtrail.amazonaws.com"

// CloudTrailLogsTrust is the trust policy of the role CloudTrail assumes to deliver events to
// CloudWatch Logs. It has no aws:SourceArn/aws:SourceAccount condition: "Confused deputy
// prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role policy
// doesn't support the use of aws:SourceArn and aws:SourceAccount", and CloudTrail sends neither
// when it assumes the role, so a condition on them makes the role unusable.
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
func CloudTrailLogsTrust(partition string) (string, error) {
	return serviceTrust("cloudtrail logs trust policy", partition, "CloudTrailOnly", cloudTrailService)
}

// serviceTrust lets one AWS service, and nothing else, assume a role, with no condition: for
// roles whose service documents no confused-deputy keys for AssumeRole (the callers cite the page).
func serviceTrust(what, partition, sid, service string) (string, error) {
	if partition == "" {
		return "", errors.New(what + ": partition is empty")
	}
	return policydoc.Document{Statement: []policydoc.Statement{{
		Sid:       sid,
		Effect:    policydoc.Allow,
		Principal: policydoc.Service(service),
		Action:    policydoc.Values{"sts:AssumeRole"},
	}}}.JSON()
}

// DeliveryInput names the log group a trail delivers to. OrganizationID is set for an
// organization trail, whose member accounts' events arrive in streams named after the
// organization.
type DeliveryInput struct {
	Partition      string
	Region         string
	AccountID      string
	LogGroup       string
	OrganizationID string
}

// CloudTrailLogsDelivery is the permissions policy of the CloudWatch Logs delivery role: create
// and write the log streams CloudTrail names, in that one log group.
func CloudTrailLogsDelivery(in DeliveryInput) (string, error) {
	if in.Partition == "" || in.Region == "" || in.AccountID == "" || in.LogGroup == "" {
		return "", fmt.Errorf("cloudtrail logs delivery policy: partition, region, account and log group are all required (got %+v)", in)
	}
	streams := policydoc.Values{deliveryStream(in, in.AccountID+"_CloudTrail_"+in.Region+"*")}
	if in.OrganizationID != "" {
		// Organization trails write the member accounts' events to streams named
		// <org-id>_<account>_CloudTrail_<region>; the documented resource is <org-id>_*.
		// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
		streams = append(streams, deliveryStream(in, in.OrganizationID+"_*"))
	}
	return policydoc.Document{Statement: []policydoc.Statement{{
		// CloudTrail names its streams <account>_CloudTrail_<region>; the documented policy
		// grants CreateLogStream and PutLogEvents on exactly those streams of the group.
		// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
		Sid:      "WriteTrailEvents",
		Effect:   policydoc.Allow,
		Action:   policydoc.Values{"logs:CreateLogStream", "logs:PutLogEvents"},
		Resource: streams,
	}}}.JSON()
}

func deliveryStream(in DeliveryInput, stream string) string {
	return arns.LogStream(in.Partition, in.Region, in.AccountID, in.LogGroup, stream)
}
