package conns

import "github.com/aws/aws-sdk-go-v2/service/organizations"

// Organizations serves AWS Organizations, a global service: the SDK's endpoint rules send every
// region of a partition to its one endpoint, so the home region's client serves them all.
func (c *AWSClient) Organizations() *organizations.Client {
	return cachedClient(c, "organizations", "", organizations.NewFromConfig)
}
