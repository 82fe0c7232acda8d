package logbucket

import (
	"crypto/rand"
)

// maxPrefixLength leaves room for the 26 characters generateName appends within S3's 63.
const (
	maxPrefixLength = 37
	generatedSuffix = 26
)

// generateName appends random lowercase characters, so two buckets from one prefix never collide
// and the result always ends with a letter or digit.
func generateName(prefix string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, generatedSuffix)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}
