package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// resources lists every resource type the provider serves, one constructor per composite package.
func resources() []func() resource.Resource {
	return []func() resource.Resource{}
}

func dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newCallerIdentityDataSource,
	}
}
