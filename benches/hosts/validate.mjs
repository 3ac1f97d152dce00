// The Node binding on a file, as `cadastro validate --format json --whole-file` does it:
// validate the whole file, write the JSON report to stdout (benches/compare.sh). `toJsonBuffer()`
// hands the bytes over as they are; `toJson()` would build a 38 MB JS string to write back out.
import { createRequire } from 'node:module'
import { writeSync } from 'node:fs'

const require = createRequire(import.meta.url)
const cadastro = require(process.env.CADASTRO_NODE ?? '../../bindings/node/index.js')

const report = cadastro.validate(process.argv[2], { profile: 'asaas' })
writeSync(1, report.toJsonBuffer())
writeSync(1, '\n')
