package accessanalyzer

// Cross-region forwarding. EventBridge sends to an SNS topic only from rules of the topic's own
// region; a rule elsewhere reaches the topic through the default event bus of the topic's region,
// which needs a role EventBridge assumes (events:PutEvents on that bus). The topic region's rule
// matches the forwarded events too (they keep their source and detail-type) and publishes them.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html

import (
	"context"
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

const (
	forwardSuffix     = "-fwd"
	forwardPolicyName = "forward-access-analyzer-findings"
)

func forwardRoleName(name string) string { return name + forwardSuffix }

// topicRegion is the region of the alarm topic, "" when the ARN does not parse.
func (d desired) topicRegion() string {
	topic, err := arn.Parse(d.TopicARN)
	if err != nil {
		return ""
	}
	return topic.Region
}

// forwards reports whether any region's rule must forward to the topic's region.
func (d desired) forwards() bool {
	for _, region := range d.Regions {
		if region != d.topicRegion() {
			return true
		}
	}
	return false
}

func (d desired) forwardInput(client *conns.AWSClient) policies.EventsForwardInput {
	return policies.EventsForwardInput{Partition: client.Partition, AccountID: client.AccountID, RuleName: ruleName(d.Name), BusRegion: d.topicRegion()}
}

// roleARN is the forwarding role's ARN, known before it exists (IAM ARNs are built from the name).
func (d desired) roleARN(client *conns.AWSClient) string {
	return arn.ARN{Partition: client.Partition, Service: "iam", AccountID: client.AccountID, Resource: "role/" + forwardRoleName(d.Name)}.String()
}

// ruleTarget is what a region's rule must send to: the topic in the topic's region, the topic
// region's default bus (as the forwarding role) elsewhere.
func (d desired) ruleTarget(client *conns.AWSClient, region string) ebtypes.Target {
	if region == d.topicRegion() || client == nil {
		return ebtypes.Target{Id: aws.String(targetID), Arn: aws.String(d.TopicARN)}
	}
	return ebtypes.Target{Id: aws.String(targetID), Arn: aws.String(policies.DefaultEventBus(client.Partition, d.topicRegion(), client.AccountID)),
		RoleArn: aws.String(d.roleARN(client))}
}

// roleFound is the forwarding role as IAM has it.
type roleFound struct {
	ARN, Trust, Policy string
	Tags               map[string]string
}

// findForwardRole reads the role, its inline policy and its tags.
func findForwardRole(ctx context.Context, c *iam.Client, name string) (*roleFound, error) {
	role := forwardRoleName(name)
	out, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)})
	if err != nil {
		err = framework.AsNotFound(err, "IAM role "+role, framework.IsA[*iamtypes.NoSuchEntityException])
		return nil, fmt.Errorf("reading role %s (IAM GetRole): %w", role, err)
	}
	found := &roleFound{ARN: aws.ToString(out.Role.Arn), Trust: decodePolicy(aws.ToString(out.Role.AssumeRolePolicyDocument)), Tags: map[string]string{}}
	for _, t := range out.Role.Tags {
		found.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	p, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(forwardPolicyName)})
	if err != nil && !framework.IsA[*iamtypes.NoSuchEntityException](err) {
		return nil, fmt.Errorf("reading policy of role %s (IAM GetRolePolicy): %w", role, err)
	}
	if err == nil {
		found.Policy = decodePolicy(aws.ToString(p.PolicyDocument))
	}
	return found, nil
}

// decodePolicy undoes the URL encoding IAM returns policy documents in.
func decodePolicy(doc string) string {
	if decoded, err := url.QueryUnescape(doc); err == nil {
		return decoded
	}
	return doc
}

// inSync reports whether the role grants exactly what forwarding needs.
func (f *roleFound) inSync(trust, policy string) bool {
	return f != nil && policydoc.Equivalent(f.Trust, trust) && policydoc.Equivalent(f.Policy, policy)
}

// ensureForwardRole creates the role or restores its policies and tags.
func ensureForwardRole(ctx context.Context, client *conns.AWSClient, d desired) error {
	trust, err := policies.EventsForwardTrust(d.forwardInput(client))
	if err != nil {
		return err
	}
	policy, err := policies.EventsForwardDelivery(d.forwardInput(client))
	if err != nil {
		return err
	}
	c, role := client.IAM(), aws.String(forwardRoleName(d.Name))
	have, err := findForwardRole(ctx, c, d.Name)
	if err != nil && !framework.NotFound(err) {
		return err
	}
	if have == nil {
		out, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: aws.String(trust), Tags: iamTags(d.Tags),
			Description: aws.String("EventBridge forwards Access Analyzer findings to the alarm topic's region")})
		if err != nil {
			return fmt.Errorf("creating role %s (IAM CreateRole): %w", *role, err)
		}
		have = &roleFound{ARN: aws.ToString(out.Role.Arn), Trust: trust, Tags: d.Tags}
	}
	if !policydoc.Equivalent(have.Trust, trust) {
		if _, err := c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: role, PolicyDocument: aws.String(trust)}); err != nil {
			return fmt.Errorf("restoring the trust policy of %s (IAM UpdateAssumeRolePolicy): %w", *role, err)
		}
	}
	if !policydoc.Equivalent(have.Policy, policy) {
		if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: role, PolicyName: aws.String(forwardPolicyName), PolicyDocument: aws.String(policy)}); err != nil {
			return fmt.Errorf("writing the policy of %s (IAM PutRolePolicy): %w", *role, err)
		}
	}
	return retagRole(ctx, c, *role, have.Tags, d.Tags)
}

func retagRole(ctx context.Context, c *iam.Client, role string, have, want map[string]string) error {
	remove, set := framework.TagDiff(have, want)
	if len(remove) > 0 {
		if _, err := c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String(role), TagKeys: remove}); err != nil {
			return fmt.Errorf("untagging role %s (IAM UntagRole): %w", role, err)
		}
	}
	if len(set) > 0 {
		if _, err := c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(role), Tags: iamTags(set)}); err != nil {
			return fmt.Errorf("tagging role %s (IAM TagRole): %w", role, err)
		}
	}
	return nil
}

func iamTags(tags map[string]string) []iamtypes.Tag {
	out := make([]iamtypes.Tag, 0, len(tags))
	for _, t := range ebTags(tags) {
		out = append(out, iamtypes.Tag{Key: t.Key, Value: t.Value})
	}
	return out
}

// deleteForwardRole removes the role and its inline policy; an absent role is fine.
func deleteForwardRole(ctx context.Context, client *conns.AWSClient, name string) error {
	c, role := client.IAM(), aws.String(forwardRoleName(name))
	gone := framework.IsA[*iamtypes.NoSuchEntityException]
	if _, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: role, PolicyName: aws.String(forwardPolicyName)}); err != nil && !gone(err) {
		return fmt.Errorf("deleting the policy of role %s (IAM DeleteRolePolicy): %w", *role, err)
	}
	if _, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: role}); err != nil && !gone(err) {
		return fmt.Errorf("deleting role %s (IAM DeleteRole): %w", *role, err)
	}
	return nil
}

// forwardRoleFor is the forwarding role when the regions forward, nil otherwise or when it is gone.
func forwardRoleFor(ctx context.Context, client *conns.AWSClient, d desired) (*roleFound, error) {
	if !d.forwards() {
		return nil, nil
	}
	role, err := findForwardRole(ctx, client.IAM(), d.Name)
	if framework.NotFound(err) {
		return nil, nil
	}
	return role, err
}
