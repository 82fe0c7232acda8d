package policydoc

import "testing"

func TestEvaluate(t *testing.T) {
	doc, err := Document{Statement: []Statement{
		{Sid: "DenyInsecure", Effect: Deny, Principal: Everyone(), Action: Values{"s3:*"},
			Resource: Values{"arn:aws:s3:::b", "arn:aws:s3:::b/*"}, Condition: When("Bool", "aws:SecureTransport", "false")},
		{Sid: "DenyTamper", Effect: Deny, Principal: Everyone(), Action: Values{"s3:PutBucket*", "s3:DeleteObject*"},
			Resource: Values{"arn:aws:s3:::b", "arn:aws:s3:::b/*"}, Condition: When("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin*")},
		{Sid: "Readers", Effect: Allow, Principal: AWSPrincipals("arn:aws:iam::444455556666:root"), Action: Values{"s3:GetObject"},
			Resource: Values{"arn:aws:s3:::b/*"}},
		{Sid: "Trail", Effect: Allow, Principal: Service("cloudtrail.amazonaws.com"), Action: Values{"s3:PutObject"},
			Resource:  Values{"arn:aws:s3:::b/AWSLogs/111122223333/*"},
			Condition: When("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control").And("ArnLike", "aws:SourceArn", "arn:aws:cloudtrail:*:111122223333:trail/*")},
	}}.JSON()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		req  Request
		want Decision
	}{
		{"admin suspends versioning", Request{Principal: "arn:aws:iam::111122223333:role/admin-ci", Action: "s3:PutBucketVersioning", Resource: "arn:aws:s3:::b"}, ImplicitDeny},
		{"other role suspends versioning", Request{Principal: "arn:aws:iam::111122223333:role/dev", Action: "s3:PutBucketVersioning", Resource: "arn:aws:s3:::b"}, ExplicitDeny},
		{"no TLS", Request{Principal: "arn:aws:iam::444455556666:role/auditor", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x", Context: map[string][]string{"aws:SecureTransport": {"false"}}}, ExplicitDeny},
		{"cross-account role reads", Request{Principal: "arn:aws:iam::444455556666:role/auditor", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x"}, Allowed},
		{"trail writes", Request{Service: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/AWSLogs/111122223333/CloudTrail/x.json.gz",
			Context: map[string][]string{"s3:x-amz-acl": {"bucket-owner-full-control"}, "aws:SourceArn": {"arn:aws:cloudtrail:us-east-1:111122223333:trail/soc2"}}}, Allowed},
		{"other account's trail", Request{Service: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/AWSLogs/111122223333/x",
			Context: map[string][]string{"s3:x-amz-acl": {"bucket-owner-full-control"}, "aws:SourceArn": {"arn:aws:cloudtrail:us-east-1:999999999999:trail/x"}}}, ImplicitDeny},
		{"trail without acl", Request{Service: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/AWSLogs/111122223333/x",
			Context: map[string][]string{"aws:SourceArn": {"arn:aws:cloudtrail:us-east-1:111122223333:trail/soc2"}}}, ImplicitDeny},
	}
	for _, c := range cases {
		if got := Evaluate(doc, c.req); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLike(t *testing.T) {
	for _, c := range []struct {
		p, v string
		want bool
	}{{"a*c", "abbc", true}, {"a?c", "abc", true}, {"a?c", "ac", false}, {"*", "", true}, {"a*", "b", false}, {"*b*", "aba", true}} {
		if got := Like(c.p, c.v); got != c.want {
			t.Errorf("Like(%q,%q)=%v", c.p, c.v, got)
		}
	}
	if ArnLike("arn:aws:iam::*:role/x", "arn:aws:iam::1:role/y/x") || !ArnLike("arn:aws:iam::1:role/*", "arn:aws:iam::1:role/a/b") {
		t.Error("ArnLike")
	}
}

func TestDocumentJSON(t *testing.T) {
	got, err := Document{Statement: []Statement{{Effect: Allow, Principal: Service("sns.amazonaws.com"), Action: Values{"kms:Decrypt"}, Resource: Values{"*"}}}}.JSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Statement":[{"Action":"kms:Decrypt","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Resource":"*"}],"Version":"2012-10-17"}`
	if got != want {
		t.Errorf("got %s", got)
	}
	if _, err := (Document{Statement: []Statement{{Effect: "allow", Action: Values{"x"}}}}).JSON(); err == nil {
		t.Error("a bad effect must fail")
	}
}
