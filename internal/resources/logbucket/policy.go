package logbucket

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// Statement ids are stable: import reads reader_arns, writers and admin_principal_arns back from them.
const (
	sidDenyInsecure   = "DenyInsecureTransport"
	sidDenyTamper     = "DenyDeletionAndControlChanges"
	sidDenyReads      = "DenyReadsExceptReaders"
	sidAllowReaders   = "AllowReaders"
	policyVersion     = "2012-10-17"
	conditionExemptOp = "ArnNotLike"
	principalArnKey   = "aws:PrincipalArn"
)

// tamperActions may destroy evidence or loosen the controls that protect it.
var tamperActions = []string{
	"s3:DeleteBucketPolicy",
	"s3:DeleteObject",
	"s3:DeleteObjectVersion",
	"s3:PutBucketPolicy",
	"s3:PutLifecycleConfiguration",
}

var readActions = []string{"s3:GetObject", "s3:GetObjectVersion"}

// writerServices maps each writers value to the service principal that delivers, and whether the
// service checks the bucket ACL and listing before it writes (CloudTrail and Config do; S3 server
// access logging does not) and sets the bucket-owner-full-control ACL on the objects it puts.
var writerServices = map[string]struct {
	principal string
	sid       string
	aclChecks bool
}{
	"cloudtrail":     {"cloudtrail.amazonaws.com", "CloudTrail", true},
	"config":         {"config.amazonaws.com", "Config", true},
	"s3_access_logs": {"logging.s3.amazonaws.com", "S3ServerAccessLogs", false},
}

func writerNames() []string {
	names := make([]string, 0, len(writerServices))
	for k := range writerServices {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

type policyInput struct {
	Partition string
	AccountID string
	Bucket    string
	// Exempt lists aws:PrincipalArn patterns that the deny statements spare: the declared
	// administrators and the identity the provider runs as.
	Exempt  []string
	Readers []string
	Writers []string
}

type statement struct {
	Sid       string                    `json:"Sid"`
	Effect    string                    `json:"Effect"`
	Principal map[string]any            `json:"Principal"`
	Action    any                       `json:"Action"`
	Resource  any                       `json:"Resource"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

type document struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

// generatePolicy builds the bucket policy. Denies name the principal as {"AWS":"*"} rather than
// "*": AWS treats both alike, and moto refuses PutBucketLogging towards a bucket whose policy has
// a bare "*" principal.
func generatePolicy(in policyInput) string {
	bucketARN := fmt.Sprintf("arn:%s:s3:::%s", in.Partition, in.Bucket)
	objectsARN := bucketARN + "/*"
	both := []string{bucketARN, objectsARN}
	everyone := map[string]any{"AWS": "*"}
	exempt := sortedUnique(in.Exempt)

	doc := document{Version: policyVersion}
	doc.Statement = append(doc.Statement, statement{
		Sid: sidDenyInsecure, Effect: "Deny", Principal: everyone, Action: "s3:*", Resource: both,
		Condition: map[string]map[string]any{"Bool": {"aws:SecureTransport": "false"}},
	})
	tamper := statement{Sid: sidDenyTamper, Effect: "Deny", Principal: everyone, Action: tamperActions, Resource: both}
	if len(exempt) > 0 {
		tamper.Condition = map[string]map[string]any{conditionExemptOp: {principalArnKey: exempt}}
	}
	doc.Statement = append(doc.Statement, tamper)

	readExempt := sortedUnique(append(slices.Clone(exempt), in.Readers...))
	reads := statement{Sid: sidDenyReads, Effect: "Deny", Principal: everyone, Action: readActions, Resource: objectsARN}
	if len(readExempt) > 0 {
		reads.Condition = map[string]map[string]any{conditionExemptOp: {principalArnKey: readExempt}}
	}
	doc.Statement = append(doc.Statement, reads)

	if readers := sortedUnique(in.Readers); len(readers) > 0 {
		doc.Statement = append(doc.Statement, statement{
			Sid: sidAllowReaders, Effect: "Allow", Principal: map[string]any{"AWS": readers},
			Action:   []string{"s3:GetBucketLocation", "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions"},
			Resource: both,
		})
	}

	source := map[string]any{"aws:SourceAccount": in.AccountID}
	for _, w := range sortedUnique(in.Writers) {
		svc, ok := writerServices[w]
		if !ok {
			continue
		}
		principal := map[string]any{"Service": svc.principal}
		if svc.aclChecks {
			doc.Statement = append(doc.Statement,
				statement{Sid: "Allow" + svc.sid + "AclCheck", Effect: "Allow", Principal: principal,
					Action: []string{"s3:GetBucketAcl", "s3:ListBucket"}, Resource: bucketARN,
					Condition: map[string]map[string]any{"StringEquals": source}},
				statement{Sid: "Allow" + svc.sid + "Write", Effect: "Allow", Principal: principal,
					Action: "s3:PutObject", Resource: objectsARN,
					Condition: map[string]map[string]any{"StringEquals": {
						"aws:SourceAccount": in.AccountID,
						"s3:x-amz-acl":      "bucket-owner-full-control",
					}}})
			continue
		}
		// A single-string Resource: moto's PutBucketLogging only recognises that form.
		doc.Statement = append(doc.Statement, statement{Sid: "Allow" + svc.sid + "Write", Effect: "Allow",
			Principal: principal, Action: "s3:PutObject", Resource: objectsARN,
			Condition: map[string]map[string]any{"StringEquals": source}})
	}

	b, err := json.Marshal(doc)
	if err != nil {
		panic(err) // only maps, strings and slices: cannot fail
	}
	// The canonical form (sorted keys) is also what Read stores for a policy it finds, so the
	// two never differ by layout.
	return policydoc.Compact(string(b))
}

// exemptPrincipals turns the caller identity into the aws:PrincipalArn values that match it. An
// assumed-role session is seen by policies as its role, whose path the session ARN omits, so both
// the path-less and any-path forms are listed.
func exemptPrincipals(callerARN string) []string {
	parsed, err := arn.Parse(callerARN)
	if err != nil {
		return nil
	}
	iamARN := func(resource string) string {
		return fmt.Sprintf("arn:%s:iam::%s:%s", parsed.Partition, parsed.AccountID, resource)
	}
	switch {
	case parsed.Service == "sts" && strings.HasPrefix(parsed.Resource, "assumed-role/"):
		parts := strings.Split(parsed.Resource, "/")
		if len(parts) < 2 {
			return nil
		}
		return []string{iamARN("role/" + parts[1]), iamARN("role/*/" + parts[1])}
	case parsed.Service == "sts" && strings.HasPrefix(parsed.Resource, "user/"):
		// moto reports its default identity this way; it stands for the IAM user of that name.
		return []string{iamARN(parsed.Resource)}
	default:
		return []string{callerARN}
	}
}

func sortedUnique(in []string) []string {
	out := slices.Clone(in)
	sort.Strings(out)
	return slices.Compact(out)
}
