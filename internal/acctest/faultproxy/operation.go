package faultproxy

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Call is one AWS API request as the proxy understood it.
type Call struct {
	Service   string // SigV4 signing name (s3, cloudtrail, logs, monitoring, ...); s3control for S3 Control
	Operation string // API operation name, e.g. PutBucketVersioning, CreateTrail
	Protocol  protocol
}

// Mutating reports whether the operation changes state. AWS names read-only operations with a
// small set of verbs, and S3's REST operations are named the same way by operationOf.
func (c Call) Mutating() bool {
	for _, prefix := range []string{"Get", "List", "Describe", "Head", "Lookup", "Test", "Filter", "Select"} {
		if strings.HasPrefix(c.Operation, prefix) {
			return false
		}
	}
	return true
}

type protocol int

const (
	protocolJSON protocol = iota
	protocolQuery
	protocolREST
)

var credentialScope = regexp.MustCompile(`Credential=[^/]+/[0-9]{8}/[^/]+/([^/]+)/aws4_request`)

// identify names the service from the SigV4 credential scope, exactly how the emulator routes a
// request, and the operation from the protocol's own carrier: X-Amz-Target for JSON protocols,
// the Action form field for Query, and method plus sub-resource for S3's REST protocol.
func identify(r *http.Request) (Call, error) {
	var call Call
	if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		call.Service = m[1]
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		call.Protocol = protocolJSON
		if i := strings.LastIndexByte(target, '.'); i >= 0 {
			call.Operation = target[i+1:]
		} else {
			call.Operation = target
		}
		return call, nil
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return call, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		call.Protocol = protocolQuery
		call.Operation = form.Get("Action")
		return call, nil
	}
	call.Protocol = protocolREST
	if call.Service == "" {
		call.Service = "s3"
	}
	if op, ok := s3ControlOperation(r); ok {
		call.Service, call.Operation = "s3control", op
		return call, nil
	}
	call.Operation = s3Operation(r)
	return call, nil
}

// s3ControlOperation names an S3 Control request. S3 Control signs as "s3", so only its versioned
// path (/v20180820/...) tells its account-level operations apart from the bucket-level ones of
// the same name (PutPublicAccessBlock is both).
func s3ControlOperation(r *http.Request) (string, bool) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v20180820/")
	if !ok {
		return "", false
	}
	verb := restVerbs[r.Method]
	if rest == "configuration/publicAccessBlock" {
		return verb + "PublicAccessBlock", true
	}
	// The provider calls no other S3 Control operation; the verb still decides Mutating.
	return verb + " " + rest, true
}

// restVerbs is the verb that opens the name of a REST operation made with the method.
var restVerbs = map[string]string{http.MethodGet: "Get", http.MethodPut: "Put", http.MethodDelete: "Delete", http.MethodHead: "Head", http.MethodPost: "Post"}

// s3SubResources maps a bucket sub-resource to the noun of its Get/Put/Delete operations.
var s3SubResources = []struct{ query, noun string }{
	{"versioning", "BucketVersioning"},
	{"publicAccessBlock", "PublicAccessBlock"},
	{"ownershipControls", "BucketOwnershipControls"},
	{"encryption", "BucketEncryption"},
	{"policy", "BucketPolicy"},
	{"lifecycle", "BucketLifecycleConfiguration"},
	{"logging", "BucketLogging"},
	{"object-lock", "ObjectLockConfiguration"},
	{"tagging", "BucketTagging"},
	{"acl", "BucketAcl"},
	{"location", "BucketLocation"},
	{"notification", "BucketNotificationConfiguration"},
	{"replication", "BucketReplication"},
	{"cors", "BucketCors"},
	{"website", "BucketWebsite"},
	{"policyStatus", "BucketPolicyStatus"},
}

func s3Operation(r *http.Request) string {
	q := r.URL.Query()
	// Path-style addressing: /bucket or /bucket/key.
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucketLevel := path != "" && !strings.Contains(strings.TrimSuffix(path, "/"), "/")

	verb := restVerbs[r.Method]
	switch {
	case path == "":
		return "ListBuckets"
	case q.Has("delete") && r.Method == http.MethodPost:
		return "DeleteObjects"
	case q.Has("versions"):
		return "ListObjectVersions"
	}
	for _, sr := range s3SubResources {
		if q.Has(sr.query) {
			if bucketLevel || sr.query != "tagging" && sr.query != "acl" {
				return verb + sr.noun
			}
			return verb + strings.TrimPrefix(sr.noun, "Bucket")
		}
	}
	if op, ok := s3PlainOperations[bucketLevel][r.Method]; ok {
		return op
	}
	return verb + "Object"
}

// s3PlainOperations names the operation of a request without a sub-resource, by whether it
// addresses a bucket (true) or an object, and by its method.
var s3PlainOperations = map[bool]map[string]string{
	true:  {http.MethodPut: "CreateBucket", http.MethodDelete: "DeleteBucket", http.MethodHead: "HeadBucket", http.MethodGet: "ListObjects"},
	false: {http.MethodPut: "PutObject", http.MethodDelete: "DeleteObject", http.MethodHead: "HeadObject", http.MethodGet: "GetObject"},
}
