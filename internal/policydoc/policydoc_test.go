package policydoc

import (
	"net/url"
	"testing"
)

func TestEquivalent(t *testing.T) {
	base := `{"Version":"2012-10-17","Statement":[
		{"Sid":"A","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":["s3:PutObject","s3:GetBucketAcl"],"Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}},
		{"Sid":"B","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	cases := []struct {
		name  string
		other string
		want  bool
	}{
		{"reformatted and reordered", `{"Statement":[{"Effect":"Deny","Sid":"B","Action":["s3:*"],"Principal":{"AWS":["*"]},"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}},
			{"Condition":{"StringEquals":{"aws:SourceAccount":["123456789012"]}},"Resource":["arn:aws:s3:::b/*"],"Action":["s3:GetBucketAcl","s3:PutObject"],"Principal":{"Service":["cloudtrail.amazonaws.com"]},"Effect":"Allow","Sid":"A"}],"Version":"2012-10-17"}`, true},
		{"url-encoded as IAM returns it", url.QueryEscape(base), true},
		{"an action added", `{"Version":"2012-10-17","Statement":[
			{"Sid":"A","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":["s3:PutObject","s3:GetBucketAcl","s3:DeleteObject"],"Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}},
			{"Sid":"B","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, false},
		{"a condition dropped", `{"Version":"2012-10-17","Statement":[
			{"Sid":"A","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":["s3:PutObject","s3:GetBucketAcl"],"Resource":"arn:aws:s3:::b/*"},
			{"Sid":"B","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, false},
		{"a statement dropped", `{"Version":"2012-10-17","Statement":{"Sid":"B","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, false},
		{"not JSON", `not json`, false},
	}
	for _, tc := range cases {
		if got := Equivalent(base, tc.other); got != tc.want {
			t.Errorf("%s: Equivalent = %v, want %v", tc.name, got, tc.want)
		}
	}
	if Equivalent("", "") {
		t.Error("two empty policies must not count as equivalent: an empty read is a missing policy")
	}
}

func TestPreferred(t *testing.T) {
	expected := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}`
	if got := Preferred(`{ "Statement": { "Resource": "*", "Action": ["sns:Publish"], "Effect": "Allow" }, "Version": "2012-10-17" }`, expected); got != expected {
		t.Errorf("an equivalent read must keep the expected text, got %s", got)
	}
	weakened := url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	if got := Preferred(weakened, expected); got != `{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}` {
		t.Errorf("a different read must be stored decoded and compact, got %s", got)
	}
}

func TestStatementsAndElements(t *testing.T) {
	stmts := Statements(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:SourceAccount":["2","1"]}}}}`)
	if len(stmts) != 1 {
		t.Fatalf("a single statement object must read as one statement, got %d", len(stmts))
	}
	if got := Strings(stmts[0]["Action"]); len(got) != 1 || got[0] != "s3:GetObject" {
		t.Errorf("Strings = %v", got)
	}
	if got := Principal(stmts[0]["Principal"]); len(got["AWS"]) != 1 || got["AWS"][0] != "*" {
		t.Errorf("Principal = %v", got)
	}
	if got := Condition(stmts[0]["Condition"])["StringEquals"]["aws:SourceAccount"]; len(got) != 2 || got[0] != "1" {
		t.Errorf("Condition values must be sorted lists, got %v", got)
	}
	if Statements("nope") != nil {
		t.Error("not JSON must yield no statements")
	}
}
