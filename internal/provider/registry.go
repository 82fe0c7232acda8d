package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/datasources/accessfindings"
	"github.com/soc2kit/terraform-provider-soc2/internal/evidence/evidencedata"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/accessanalyzer"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/accountpublicaccessblock"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/alarmpack"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/bucketaccesslogging"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/cloudtrailbaseline"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/kmskey"
	"github.com/soc2kit/terraform-provider-soc2/internal/resources/logbucket"
)

// resources lists every resource type the provider serves, one constructor per composite package.
func resources() []func() resource.Resource {
	return []func() resource.Resource{
		accountpublicaccessblock.NewResource,
		accessanalyzer.NewResource,
		alarmpack.NewResource,
		bucketaccesslogging.NewResource,
		cloudtrailbaseline.NewResource,
		kmskey.NewResource,
		logbucket.NewResource,
	}
}

func dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		accessfindings.NewDataSource,
		newCallerIdentityDataSource,
		evidencedata.NewDataSource,
	}
}
