package cloudtrailbaseline

import (
	"context"
	"errors"
	"fmt"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// cloudWatchSpec is the log group and delivery role the configuration asks for.
type cloudWatchSpec struct {
	LogGroupName    string
	RetentionInDays int64
	KMSKeyARN       string
	RoleName        string
	TrustPolicy     string
	RolePolicy      string
	Tags            map[string]string
}

// cloudWatchView is what AWS has; zero values mean absent.
type cloudWatchView struct {
	GroupExists     bool
	RetentionInDays int64
	KMSKeyARN       string
	RoleARN         string
	TrustPolicy     string
	RolePolicy      string
}

func (r *baselineResource) readLogGroup(ctx context.Context, name string) (*logstypes.LogGroup, error) {
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(r.client.CloudWatchLogs(""), &cloudwatchlogs.DescribeLogGroupsInput{
		LogGroupNamePrefix: aws.String(name),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading log group %s (CloudWatch Logs DescribeLogGroups): %w", name, err)
		}
		for i := range page.LogGroups {
			if aws.ToString(page.LogGroups[i].LogGroupName) == name {
				return &page.LogGroups[i], nil
			}
		}
	}
	return nil, nil
}

func (r *baselineResource) readCloudWatch(ctx context.Context, group, role string) (cloudWatchView, error) {
	var v cloudWatchView
	lg, err := r.readLogGroup(ctx, group)
	if err != nil {
		return v, err
	}
	if lg != nil {
		v.GroupExists = true
		v.RetentionInDays = int64(aws.ToInt32(lg.RetentionInDays))
		v.KMSKeyARN = aws.ToString(lg.KmsKeyId)
	}
	out, err := r.client.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)})
	if err != nil {
		if isNoSuchEntity(err) {
			return v, nil
		}
		return v, fmt.Errorf("reading role %s (IAM GetRole): %w", role, err)
	}
	v.RoleARN = aws.ToString(out.Role.Arn)
	v.TrustPolicy = policydoc.Decode(aws.ToString(out.Role.AssumeRolePolicyDocument))
	pol, err := r.client.IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(deliveryPolicyName)})
	if err != nil {
		if isNoSuchEntity(err) {
			return v, nil
		}
		return v, fmt.Errorf("reading policy %s of role %s (IAM GetRolePolicy): %w", deliveryPolicyName, role, err)
	}
	v.RolePolicy = policydoc.Decode(aws.ToString(pol.PolicyDocument))
	return v, nil
}

// ensureCloudWatch creates or repairs the log group and the delivery role, changing only what
// differs, and returns the role's ARN as IAM reports it.
func (r *baselineResource) ensureCloudWatch(ctx context.Context, spec cloudWatchSpec) (string, error) {
	logs := r.client.CloudWatchLogs("")
	have, err := r.readCloudWatch(ctx, spec.LogGroupName, spec.RoleName)
	if err != nil {
		return "", err
	}
	if !have.GroupExists {
		in := &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(spec.LogGroupName), Tags: spec.Tags}
		if spec.KMSKeyARN != "" {
			in.KmsKeyId = aws.String(spec.KMSKeyARN)
		}
		if _, err := logs.CreateLogGroup(ctx, in); err != nil {
			return "", fmt.Errorf("creating log group %s (CloudWatch Logs CreateLogGroup): %w", spec.LogGroupName, err)
		}
		have.KMSKeyARN = spec.KMSKeyARN
	}
	if have.RetentionInDays != spec.RetentionInDays {
		if _, err := logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
			LogGroupName: aws.String(spec.LogGroupName), RetentionInDays: aws.Int32(int32(spec.RetentionInDays)),
		}); err != nil {
			return "", fmt.Errorf("setting the retention of log group %s (CloudWatch Logs PutRetentionPolicy): %w", spec.LogGroupName, err)
		}
	}
	if have.KMSKeyARN != spec.KMSKeyARN {
		if spec.KMSKeyARN == "" {
			_, err = logs.DisassociateKmsKey(ctx, &cloudwatchlogs.DisassociateKmsKeyInput{LogGroupName: aws.String(spec.LogGroupName)})
		} else {
			_, err = logs.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{LogGroupName: aws.String(spec.LogGroupName), KmsKeyId: aws.String(spec.KMSKeyARN)})
		}
		if err != nil {
			return "", fmt.Errorf("changing the KMS key of log group %s: %w", spec.LogGroupName, err)
		}
	}

	client := r.client.IAM()
	roleARN := have.RoleARN
	if roleARN == "" {
		out, err := client.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName:                 aws.String(spec.RoleName),
			AssumeRolePolicyDocument: aws.String(spec.TrustPolicy),
			Description:              aws.String("Lets CloudTrail deliver the SOC 2 trail's events to CloudWatch Logs (terraform-provider-soc2)."),
			Tags:                     iamTags(spec.Tags),
		})
		if err != nil {
			return "", fmt.Errorf("creating role %s (IAM CreateRole): %w", spec.RoleName, err)
		}
		roleARN = aws.ToString(out.Role.Arn)
		have.TrustPolicy = spec.TrustPolicy
	}
	if !policydoc.Equivalent(have.TrustPolicy, spec.TrustPolicy) {
		if _, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
			RoleName: aws.String(spec.RoleName), PolicyDocument: aws.String(spec.TrustPolicy),
		}); err != nil {
			return "", fmt.Errorf("restoring the trust policy of role %s (IAM UpdateAssumeRolePolicy): %w", spec.RoleName, err)
		}
	}
	if have.RolePolicy == "" || !policydoc.Equivalent(have.RolePolicy, spec.RolePolicy) {
		if _, err := client.PutRolePolicy(ctx, &iam.PutRolePolicyInput{
			RoleName: aws.String(spec.RoleName), PolicyName: aws.String(deliveryPolicyName), PolicyDocument: aws.String(spec.RolePolicy),
		}); err != nil {
			return "", fmt.Errorf("writing policy %s of role %s (IAM PutRolePolicy): %w", deliveryPolicyName, spec.RoleName, err)
		}
	}
	if err := r.syncCloudWatchTags(ctx, spec); err != nil {
		return roleARN, err
	}
	return roleARN, nil
}

// deleteCloudWatch removes the delivery role and the log group; absent objects are fine, so a
// half-made create can always be destroyed.
func (r *baselineResource) deleteCloudWatch(ctx context.Context, group, role string) error {
	client := r.client.IAM()
	if role != "" {
		if _, err := client.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(deliveryPolicyName)}); err != nil && !isNoSuchEntity(err) {
			return fmt.Errorf("deleting policy of role %s (IAM DeleteRolePolicy): %w", role, err)
		}
		if _, err := client.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(role)}); err != nil && !isNoSuchEntity(err) {
			return fmt.Errorf("deleting role %s (IAM DeleteRole): %w", role, err)
		}
	}
	if group != "" {
		_, err := r.client.CloudWatchLogs("").DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(group)})
		var nf *logstypes.ResourceNotFoundException
		if err != nil && !errors.As(err, &nf) {
			return fmt.Errorf("deleting log group %s (CloudWatch Logs DeleteLogGroup): %w", group, err)
		}
	}
	return nil
}

func isNoSuchEntity(err error) bool {
	var nse *iamtypes.NoSuchEntityException
	return errors.As(err, &nse)
}

func iamTags(m map[string]string) []iamtypes.Tag {
	out := make([]iamtypes.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}
