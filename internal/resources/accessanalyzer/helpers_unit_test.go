package accessanalyzer

import (
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

func mapsKeys[V any](m map[string]V) func(func(string) bool) { return maps.Keys(m) }

func ebTarget(id, arn string) ebtypes.Target {
	return ebtypes.Target{Id: aws.String(id), Arn: aws.String(arn)}
}
