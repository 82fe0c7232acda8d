// Package alarmcatalog is the single source of the soc2_alarm_pack alarms:
// their stable ids, the CloudWatch Logs filter pattern of each in each
// profile, and the controls each one evidences (docs/guides/alarm-catalog.md is generated
// from it).
package alarmcatalog

import (
	"fmt"
	"sort"
	"strings"
)

// Profile selects the pattern set of an alarm pack.
type Profile string

const (
	// ProfileCIS uses, verbatim, the patterns that Security Hub's
	// CloudWatch.1-14 controls and CIS 4.15 require. Security Hub fails a
	// control when the pattern differs in any way, so these strings must
	// never be reformatted.
	ProfileCIS Profile = "cis"
	// ProfileTuned differs from ProfileCIS only where AWS produces known
	// noise; the alarms it changes no longer satisfy their Security Hub
	// control.
	ProfileTuned Profile = "tuned"
)

// ValidProfiles lists the profile names in the order docs show them.
func ValidProfiles() []string {
	return []string{string(ProfileCIS), string(ProfileCISv3), string(ProfileTuned)}
}

func (p Profile) valid() bool { return p == ProfileCIS || p == ProfileCISv3 || p == ProfileTuned }

// Alarm describes one catalog entry. IDs are stable API: they key Terraform
// state and user overrides.
type Alarm struct {
	ID, Title, Description string
	// SOC2 lists 2017 Trust Services Criteria (CC1-CC9 only).
	SOC2 []string
	// CIS is the CIS AWS Foundations Benchmark recommendation, "" if none.
	CIS string
	// SecurityHub is the Security Hub control id, "" if none.
	SecurityHub string
	// DefaultThreshold is the Sum of matches per period that raises the
	// alarm.
	DefaultThreshold int64
	// DefaultPeriod is the alarm period in seconds.
	DefaultPeriod int64
}

// SecurityHubFor returns the Security Hub control the alarm satisfies under
// profile: "" when the profile's pattern is not the exact one the control
// checks for, since claiming it would be false audit evidence.
func (a Alarm) SecurityHubFor(profile Profile) string {
	if profile == ProfileCISv3 {
		if e, ok := lookupEntry(a.ID); ok && !securityHubUnderV3(e) {
			return ""
		}
		return a.SecurityHub
	}
	if profile != ProfileCIS && hasTunedPattern(a.ID) {
		return ""
	}
	return a.SecurityHub
}

// CISFor is like SecurityHubFor for the CIS recommendation, whose audit
// procedure also compares the pattern text.
//
// Under ProfileCISv3 it is the v3.0 recommendation (numbered as in v1.4), whose audit the
// profile's patterns follow (CISv3Deviation names the two that deviate, and why).
func (a Alarm) CISFor(profile Profile) string {
	if profile == ProfileCISv3 {
		return a.CIS
	}
	if profile != ProfileCIS && hasTunedPattern(a.ID) {
		return ""
	}
	return a.CIS
}

const (
	defaultThreshold = 1
	defaultPeriod    = 300

	idUnauthorizedAPICalls = "unauthorized_api_calls"
	idOutsideBusinessHours = "console_login_outside_business_hours"
)

type entry struct {
	Alarm
	// cis is the pattern of ProfileCIS; empty for the business-hours alarm,
	// which is compiled from the user's window.
	cis string
}

// The cis patterns of CloudWatch.1-14 are copied character for character
// from the remediation steps ("Copy the following pattern") of the AWS
// Security Hub User Guide page "Amazon CloudWatch controls"
// (cloudwatch-controls.md in github.com/awsdocs/aws-security-hub-user-guide,
// periodic update of 2023-03-19). organizations_changes is the filter
// pattern of CIS AWS Foundations Benchmark v1.4.0 recommendation 4.15, which
// has no Security Hub control. The last two entries are the playbook's own.
var catalog = []entry{
	{
		Alarm: Alarm{
			ID:          "root_account_usage",
			Title:       "Root user activity",
			Description: "The root user made an API call or signed in, other than on behalf of an AWS service. Root bypasses IAM policy, so every use needs a reason on record.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC7.3"},
			CIS:         "4.3",
			SecurityHub: "CloudWatch.1",
		},
		cis: `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
	},
	{
		Alarm: Alarm{
			ID:          idUnauthorizedAPICalls,
			Title:       "Unauthorized API calls",
			Description: "API calls denied by IAM (errorCode *UnauthorizedOperation or AccessDenied*): probing with stolen credentials or a broken deployment.",
			SOC2:        []string{"CC6.1", "CC7.2"},
			CIS:         "4.1",
			SecurityHub: "CloudWatch.2",
		},
		cis: `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`,
	},
	{
		Alarm: Alarm{
			ID:          "console_signin_without_mfa",
			Title:       "Console sign-in without MFA",
			Description: "An IAM user signed in to the AWS Management Console successfully without multi-factor authentication.",
			SOC2:        []string{"CC6.1", "CC7.2"},
			CIS:         "4.2",
			SecurityHub: "CloudWatch.3",
		},
		cis: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
	},
	{
		Alarm: Alarm{
			ID:          "iam_policy_changes",
			Title:       "IAM policy changes",
			Description: "An IAM policy was created, deleted, versioned, put inline, attached or detached, changing who may do what.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC8.1"},
			CIS:         "4.4",
			SecurityHub: "CloudWatch.4",
		},
		cis: `{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}`,
	},
	{
		Alarm: Alarm{
			ID:          "cloudtrail_config_changes",
			Title:       "CloudTrail configuration changes",
			Description: "A trail was created, updated or deleted, or its logging was started or stopped: the audit trail itself changed.",
			SOC2:        []string{"CC7.1", "CC7.2", "CC8.1"},
			CIS:         "4.5",
			SecurityHub: "CloudWatch.5",
		},
		cis: `{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}`,
	},
	{
		Alarm: Alarm{
			ID:          "console_signin_failures",
			Title:       "Console sign-in failures",
			Description: "A console sign-in failed authentication; repeated failures suggest password guessing.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC7.3"},
			CIS:         "4.6",
			SecurityHub: "CloudWatch.6",
		},
		cis: `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`,
	},
	{
		Alarm: Alarm{
			ID:          "kms_key_disabled_or_scheduled_deletion",
			Title:       "KMS key disabled or scheduled for deletion",
			Description: "A customer managed KMS key was disabled or scheduled for deletion, which makes the data it protects unreadable.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC8.1"},
			CIS:         "4.7",
			SecurityHub: "CloudWatch.7",
		},
		cis: `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}`,
	},
	{
		Alarm: Alarm{
			ID:          "s3_bucket_policy_changes",
			Title:       "S3 bucket policy changes",
			Description: "A bucket ACL, policy, CORS, lifecycle or replication configuration was put or deleted, changing who can reach the data or how long it lives.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC8.1"},
			CIS:         "4.8",
			SecurityHub: "CloudWatch.8",
		},
		cis: `{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}`,
	},
	{
		Alarm: Alarm{
			ID:          "config_changes",
			Title:       "AWS Config changes",
			Description: "The AWS Config recorder was stopped or reconfigured, or its delivery channel changed or was deleted: configuration monitoring may be blind.",
			SOC2:        []string{"CC7.1", "CC7.2", "CC8.1"},
			CIS:         "4.9",
			SecurityHub: "CloudWatch.9",
		},
		cis: `{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}`,
	},
	{
		Alarm: Alarm{
			ID:          "security_group_changes",
			Title:       "Security group changes",
			Description: "A security group was created or deleted, or an ingress or egress rule was authorized or revoked.",
			SOC2:        []string{"CC6.6", "CC7.2", "CC8.1"},
			CIS:         "4.10",
			SecurityHub: "CloudWatch.10",
		},
		cis: `{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}`,
	},
	{
		Alarm: Alarm{
			ID:          "nacl_changes",
			Title:       "Network ACL changes",
			Description: "A network ACL or one of its entries or associations was created, deleted or replaced.",
			SOC2:        []string{"CC6.6", "CC7.2", "CC8.1"},
			CIS:         "4.11",
			SecurityHub: "CloudWatch.11",
		},
		cis: `{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}`,
	},
	{
		Alarm: Alarm{
			ID:          "network_gateway_changes",
			Title:       "Network gateway changes",
			Description: "A customer or internet gateway was created, deleted, attached or detached, changing the paths into and out of the network.",
			SOC2:        []string{"CC6.6", "CC7.2", "CC8.1"},
			CIS:         "4.12",
			SecurityHub: "CloudWatch.12",
		},
		cis: `{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}`,
	},
	{
		Alarm: Alarm{
			ID:          "route_table_changes",
			Title:       "Route table changes",
			Description: "A route or route table was created, replaced, deleted or disassociated, which can send traffic around network controls.",
			SOC2:        []string{"CC6.6", "CC7.2", "CC8.1"},
			CIS:         "4.13",
			SecurityHub: "CloudWatch.13",
		},
		cis: `{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}`,
	},
	{
		Alarm: Alarm{
			ID:          "vpc_changes",
			Title:       "VPC changes",
			Description: "A VPC was created, deleted or modified, or a peering or ClassicLink connection changed.",
			SOC2:        []string{"CC6.6", "CC7.2", "CC8.1"},
			CIS:         "4.14",
			SecurityHub: "CloudWatch.14",
		},
		cis: `{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}`,
	},
	{
		Alarm: Alarm{
			ID:          "organizations_changes",
			Title:       "AWS Organizations changes",
			Description: "Organization membership, organizational units or organization policies (such as SCPs) changed.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC8.1"},
			CIS:         "4.15",
		},
		cis: `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`,
	},
	{
		Alarm: Alarm{
			ID:          "iam_role_changes",
			Title:       "IAM role changes",
			Description: "An IAM role was created, deleted or updated, its trust policy changed, or its permissions boundary was set or removed.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC8.1"},
		},
		// Scoped to iam.amazonaws.com like the service-scoped CIS patterns
		// (4.7-4.9), so a same-named call of another service cannot fire it.
		cis: `{ ($.eventSource = iam.amazonaws.com) && (($.eventName = CreateRole) || ($.eventName = DeleteRole) || ($.eventName = UpdateRole) || ($.eventName = UpdateAssumeRolePolicy) || ($.eventName = PutRolePermissionsBoundary) || ($.eventName = DeleteRolePermissionsBoundary)) }`,
	},
	{
		Alarm: Alarm{
			ID:          idOutsideBusinessHours,
			Title:       "Console login outside business hours",
			Description: "A successful console sign-in whose time, converted to the configured UTC offset, falls outside business hours. Weekends and daylight saving time cannot be expressed in a metric filter.",
			SOC2:        []string{"CC6.1", "CC7.2", "CC7.3"},
		},
	},
}

// tunedPatterns holds the patterns that differ in ProfileTuned. CloudTrail
// delivery to S3 logs AccessDenied probes from delivery.logs.amazonaws.com,
// and HeadBucket calls by tools and consoles fail with AccessDenied as part
// of normal bucket discovery; neither is an intrusion signal.
var tunedPatterns = map[string]string{
	idUnauthorizedAPICalls: `{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}`,
}

func hasTunedPattern(id string) bool {
	_, ok := tunedPatterns[id]
	return ok
}

func init() {
	for i := range catalog {
		catalog[i].DefaultThreshold = defaultThreshold
		catalog[i].DefaultPeriod = defaultPeriod
	}
}

// All returns the catalog in its published order (the alarm-catalog guide's). The result is a copy.
func All() []Alarm {
	out := make([]Alarm, len(catalog))
	for i, e := range catalog {
		out[i] = e.Alarm
		out[i].SOC2 = append([]string(nil), e.SOC2...)
	}
	return out
}

// IDs returns the alarm ids in catalog order.
func IDs() []string {
	out := make([]string, len(catalog))
	for i, e := range catalog {
		out[i] = e.ID
	}
	return out
}

func lookupEntry(id string) (entry, bool) {
	for _, e := range catalog {
		if e.ID == id {
			return e, true
		}
	}
	return entry{}, false
}

// Lookup returns the alarm with the given id.
func Lookup(id string) (Alarm, bool) {
	for _, e := range catalog {
		if e.ID == id {
			a := e.Alarm
			a.SOC2 = append([]string(nil), e.SOC2...)
			return a, true
		}
	}
	return Alarm{}, false
}

func checkProfile(profile Profile) error {
	if !profile.valid() {
		return fmt.Errorf("unknown alarm profile %q: expected one of %s", profile, strings.Join(ValidProfiles(), ", "))
	}
	return nil
}

// Pattern returns the filter pattern of alarm id under profile. bh is only
// used by console_login_outside_business_hours, and only validated there.
func Pattern(id string, profile Profile, bh BusinessHours) (string, error) {
	if err := checkProfile(profile); err != nil {
		return "", err
	}
	for _, e := range catalog {
		if e.ID != id {
			continue
		}
		if id == idOutsideBusinessHours {
			return CompileBusinessHours(bh)
		}
		if p, ok := tunedPatterns[id]; ok && profile == ProfileTuned {
			return p, nil
		}
		if p, ok := cisV3Patterns[id]; ok && profile == ProfileCISv3 {
			return p, nil
		}
		return e.cis, nil
	}
	ids := IDs()
	sort.Strings(ids)
	return "", fmt.Errorf("unknown alarm id %q: expected one of %s", id, strings.Join(ids, ", "))
}

// Patterns returns the pattern of every alarm under profile, keyed by id.
func Patterns(profile Profile, bh BusinessHours) (map[string]string, error) {
	out := make(map[string]string, len(catalog))
	for _, e := range catalog {
		p, err := Pattern(e.ID, profile, bh)
		if err != nil {
			return nil, err
		}
		out[e.ID] = p
	}
	return out, nil
}
