package accessanalyzer

import (
	"fmt"
	"maps"
	"net/url"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// fakeRole is an IAM role as the fake account holds it. IAM returns policy documents URL-encoded,
// so the fake does too.
type fakeRole struct {
	arn, trust string
	policies   map[string]string
	tags       map[string]string
}

func noSuchEntity(what string) error {
	return &iamtypes.NoSuchEntityException{Message: aws.String("The role with name " + what + " cannot be found.")}
}

func (f *fakeAWS) iamOp(input any) (any, error, bool) {
	if f.roles == nil {
		f.roles = map[string]*fakeRole{}
	}
	switch in := input.(type) {
	case *iam.CreateRoleInput:
		if _, ok := f.roles[*in.RoleName]; ok {
			return nil, &iamtypes.EntityAlreadyExistsException{Message: aws.String("exists")}, true
		}
		r := &fakeRole{arn: fmt.Sprintf("arn:aws:iam::%s:role/%s", testAccount, *in.RoleName), trust: *in.AssumeRolePolicyDocument,
			policies: map[string]string{}, tags: map[string]string{}}
		for _, t := range in.Tags {
			r.tags[*t.Key] = *t.Value
		}
		f.roles[*in.RoleName] = r
		return &iam.CreateRoleOutput{Role: r.role(*in.RoleName)}, nil, true
	case *iam.GetRoleInput:
		if r, ok := f.roles[*in.RoleName]; ok {
			return &iam.GetRoleOutput{Role: r.role(*in.RoleName)}, nil, true
		}
		return nil, noSuchEntity(*in.RoleName), true
	case *iam.GetRolePolicyInput:
		if r, ok := f.roles[*in.RoleName]; ok && r.policies[*in.PolicyName] != "" {
			return &iam.GetRolePolicyOutput{RoleName: in.RoleName, PolicyName: in.PolicyName,
				PolicyDocument: aws.String(url.QueryEscape(r.policies[*in.PolicyName]))}, nil, true
		}
		return nil, noSuchEntity(*in.RoleName), true
	}
	return f.iamWriteOp(input)
}

func (f *fakeAWS) iamWriteOp(input any) (any, error, bool) {
	role := func(name string) (*fakeRole, error) {
		if r, ok := f.roles[name]; ok {
			return r, nil
		}
		return nil, noSuchEntity(name)
	}
	switch in := input.(type) {
	case *iam.PutRolePolicyInput:
		r, err := role(*in.RoleName)
		if err == nil {
			r.policies[*in.PolicyName] = *in.PolicyDocument
		}
		return &iam.PutRolePolicyOutput{}, err, true
	case *iam.UpdateAssumeRolePolicyInput:
		r, err := role(*in.RoleName)
		if err == nil {
			r.trust = *in.PolicyDocument
		}
		return &iam.UpdateAssumeRolePolicyOutput{}, err, true
	case *iam.DeleteRolePolicyInput:
		r, err := role(*in.RoleName)
		if err == nil {
			delete(r.policies, *in.PolicyName)
		}
		return &iam.DeleteRolePolicyOutput{}, err, true
	case *iam.DeleteRoleInput:
		r, err := role(*in.RoleName)
		if err == nil && len(r.policies) > 0 {
			return nil, &iamtypes.DeleteConflictException{Message: aws.String("Cannot delete entity, must delete policies first.")}, true
		}
		delete(f.roles, *in.RoleName)
		return &iam.DeleteRoleOutput{}, err, true
	case *iam.TagRoleInput:
		r, err := role(*in.RoleName)
		if err == nil {
			for _, t := range in.Tags {
				r.tags[*t.Key] = *t.Value
			}
		}
		return &iam.TagRoleOutput{}, err, true
	case *iam.UntagRoleInput:
		r, err := role(*in.RoleName)
		if err == nil {
			for _, k := range in.TagKeys {
				delete(r.tags, k)
			}
		}
		return &iam.UntagRoleOutput{}, err, true
	}
	return nil, nil, false
}

func (r *fakeRole) role(name string) *iamtypes.Role {
	out := &iamtypes.Role{Arn: aws.String(r.arn), RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(url.QueryEscape(r.trust))}
	for _, k := range sortedKeys(r.tags) {
		out.Tags = append(out.Tags, iamtypes.Tag{Key: aws.String(k), Value: aws.String(r.tags[k])})
	}
	return out
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
