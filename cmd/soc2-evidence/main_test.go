package main

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// The binder test applies examples/complete as users would, and its required_providers names
	// soc2kit/soc2; the in-process provider must be served under that address.
	os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "soc2kit")
	os.Exit(m.Run())
}
