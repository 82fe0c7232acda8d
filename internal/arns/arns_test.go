package arns

import "testing"

func TestFormats(t *testing.T) {
	for got, want := range map[string]string{
		Bucket("aws", "b"):                               "arn:aws:s3:::b",
		Objects("aws-cn", "b"):                           "arn:aws-cn:s3:::b/*",
		ObjectPrefix("aws", "b"):                         "arn:aws:s3:::b/",
		Trail("aws", "us-east-1", "1", "t"):              "arn:aws:cloudtrail:us-east-1:1:trail/t",
		LogGroup("aws", "us-east-1", "1", "/g"):          "arn:aws:logs:us-east-1:1:log-group:/g",
		LogGroupStreams("aws", "us-east-1", "1", "/g"):   "arn:aws:logs:us-east-1:1:log-group:/g:*",
		LogStream("aws", "us-east-1", "1", "/g", "1_C*"): "arn:aws:logs:us-east-1:1:log-group:/g:log-stream:1_C*",
		Role("aws", "1", "r"):                            "arn:aws:iam::1:role/r",
		AccountRoot("aws", "1"):                          "arn:aws:iam::1:root",
		Alarm("aws", "us-east-1", "1", "a"):              "arn:aws:cloudwatch:us-east-1:1:alarm:a",
		Topic("aws", "us-east-1", "1", "t"):              "arn:aws:sns:us-east-1:1:t",
		KMSKey("aws", "us-east-1", "1", "k"):             "arn:aws:kms:us-east-1:1:key/k",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
