package accountpublicaccessblock

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control/types"
)

// desiredSettings is the hardened block: every setting on. None is configurable, because each one
// closes a different way to make a bucket public (ACLs granted, ACLs honoured, a public bucket
// policy put, a public policy honoured).
func desiredSettings() blockSettings {
	return blockSettings{BlockPublicACLs: true, IgnorePublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
}

// needsPut reports whether AWS's block differs from the hardened one, so apply only calls
// PutPublicAccessBlock when something drifted.
func needsPut(have blockSettings) bool {
	return have != desiredSettings()
}

// configuration is the request body of PutPublicAccessBlock for s.
func configuration(s blockSettings) *types.PublicAccessBlockConfiguration {
	return &types.PublicAccessBlockConfiguration{
		BlockPublicAcls:       aws.Bool(s.BlockPublicACLs),
		IgnorePublicAcls:      aws.Bool(s.IgnorePublicACLs),
		BlockPublicPolicy:     aws.Bool(s.BlockPublicPolicy),
		RestrictPublicBuckets: aws.Bool(s.RestrictPublicBuckets),
	}
}

// settingsOf reads AWS's configuration; a setting AWS leaves out is off.
func settingsOf(c *types.PublicAccessBlockConfiguration) blockSettings {
	if c == nil {
		return blockSettings{}
	}
	return blockSettings{
		BlockPublicACLs:       aws.ToBool(c.BlockPublicAcls),
		IgnorePublicACLs:      aws.ToBool(c.IgnorePublicAcls),
		BlockPublicPolicy:     aws.ToBool(c.BlockPublicPolicy),
		RestrictPublicBuckets: aws.ToBool(c.RestrictPublicBuckets),
	}
}
