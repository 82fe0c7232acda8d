// Package examples_test applies the shipped examples as users would, against the emulator.
package examples_test

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// The examples' required_providers name soc2kit/soc2; the in-process provider must be served
	// under that address.
	os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "soc2kit")
	os.Exit(m.Run())
}
