// Package framework is the kit every composite resource is built on: the resource base
// (Metadata, Configure, the AWS client), the lifecycle driver (Create, Read, Update, Delete and
// ReadData: a request decoded, the resource's own operation run, the Next state it returns
// written), one not-found error for every finder, one retry helper for AWS's eventual
// consistency, one region fan-out, and the tag rules (tags merged over default_tags, drift of any
// owned object's tags shown in tags_all). docs/ARCHITECTURE.md describes how a resource package
// uses it.
package framework
