// Reads policy-semantics cases as a JSON array on stdin and prints one decision per case as a
// JSON array on stdout, in order. Each case:
//   {"id": "...", "principal": "<IAM ARN or service principal>", "action": "s3:PutObject",
//    "resource": "<ARN>", "resourceAccount": "<account owning the resource>",
//    "context": {"aws:SourceArn": "..."}, "resourcePolicy": {...}, "identityPolicies": [{...}]}
// Each result: {"id": "...", "decision": "Allowed"|"ExplicitlyDenied"|"ImplicitlyDenied", "error": "..."}
// The engine is @cloud-copilot/iam-simulate, pinned in package-lock.json.
import { createValidatedPolicy, validateResourcePolicy } from '@cloud-copilot/iam-policy'
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate'

async function readStdin() {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function simulate(c) {
  const simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context || {}
    },
    identityPolicies: (c.identityPolicies || []).map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    return { id: c.id, error: JSON.stringify(response.errors) }
  }
  const ignored = response.result?.ignoredContextKeys || []
  if (ignored.length === 0) {
    return { id: c.id, decision: response.overallResult }
  }
  // The validating run drops context keys it does not know for the action. The engine only
  // recognises templated keys whose variable part follows a '/' (aws:PrincipalTag/x), so
  // kms:EncryptionContext:<key> is dropped although AWS documents it for KMS. Only for those
  // keys, evaluate again without validation; any other dropped key is an error in the case.
  const unknown = ignored.filter((k) => !variableKey(k))
  if (unknown.length > 0) {
    return { id: c.id, error: `context keys not valid for ${c.action}: ${unknown.join(', ')}` }
  }
  // The unvalidated run loads the resource policy without a name unless it comes validated.
  const resourcePolicy = simulation.resourcePolicy
    ? createValidatedPolicy(simulation.resourcePolicy, validateResourcePolicy, { name: 'resource' })
    : undefined
  const decision = runUnsafeSimulation({ ...simulation, resourcePolicy }, {})
  return { id: c.id, decision, unvalidatedContextKeys: ignored }
}

// Templated condition keys the engine does not match: kms:EncryptionContext:<key>.
function variableKey(key) {
  return /^kms:encryptioncontext:.+/i.test(key)
}

const cases = JSON.parse(await readStdin())
const results = []
for (const c of cases) {
  try {
    results.push(await simulate(c))
  } catch (e) {
    results.push({ id: c.id, error: String(e && e.stack ? e.stack : e) })
  }
}
process.stdout.write(JSON.stringify(results) + '\n')
