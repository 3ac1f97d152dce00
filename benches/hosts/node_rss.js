'use strict'
// RSS of one Node process over many validations of one file (issue #17 point 3).
//   node benches/hosts/node_rss.js [calls=1000] [sync|async|import] [rows=10000] [package dir=bindings/node]
// Prints the RSS after 1, 150 and every 250 calls, in MB. `sync` yields to the event loop every
// 10 calls (as a server does between requests); `async` awaits each validateAsync; `import`
// runs Store.importFile dry runs against an account that holds the file's customers.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const calls = Number(process.argv[2] || 1000)
const mode = process.argv[3] || 'async'
const rows = Number(process.argv[4] || 10_000)
const pkg = path.resolve(process.argv[5] || path.join(__dirname, '..', '..', 'bindings', 'node'))
const cadastro = require(pkg)
const { customersCsv } = require(path.join(__dirname, '..', '..', 'bindings', 'node', '__test__', 'gen.js'))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-rss-'))
const file = path.join(dir, 'clientes.csv')
fs.writeFileSync(file, customersCsv(rows))
const store = mode === 'import' ? new cadastro.Store(path.join(dir, 'rss.db')) : null
if (store) store.importFile(file, { country: 'BR' })
const mb = () => Math.round(process.memoryUsage().rss / 1e6)

;(async () => {
  const t0 = Date.now()
  const out = []
  for (let i = 1; i <= calls; i++) {
    let report
    if (mode === 'sync') {
      report = cadastro.validate(file, { country: 'BR' })
      if (i % 10 === 0) await new Promise((r) => setImmediate(r))
    } else if (mode === 'import') {
      report = store.importFile(file, { country: 'BR', dryRun: true })
      if (i % 10 === 0) await new Promise((r) => setImmediate(r))
    } else {
      report = await cadastro.validateAsync(file, { country: 'BR' })
    }
    if (report.stats.customersValid !== rows) throw new Error(`customersValid ${report.stats.customersValid}`)
    if (i === 1 || i === 150 || i % 250 === 0 || i === calls) out.push(`${i}:${mb()}`)
  }
  if (store) store.close()
  fs.rmSync(dir, { recursive: true, force: true })
  console.log(`${mode} ${rows} rows, ${calls} calls in ${((Date.now() - t0) / 1000).toFixed(1)} s; RSS MB after calls ${out.join(' ')}`)
})()
