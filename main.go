package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/soc2kit/terraform-provider-soc2/internal/provider"
)

// version is stamped by the linker (-X main.version=...) for releases; "dev" marks local builds.
var version = "dev"

// providerAddress is the registry address users put in required_providers.
const providerAddress = "registry.terraform.io/soc2kit/soc2"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: providerAddress,
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
