'use strict'
// Issue 16 point 1 and issue 17's store points through the Node binding: identity conflicts
// (`key_conflict` naming both customers, a dry run equal to the real run), NFC/NFD keys, and
// `not_a_store` for another application's SQLite file (testdata/stores/other-app.db).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const cadastro = require('..')
const { Store } = cadastro
const { TESTDATA } = require('./helpers')

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-conc-store-'))
let n = 0
const fresh = (ext = '.db') => path.join(tmp, `f${++n}${ext}`)

/** A valid CPF (11 digits, both check digits) from a number. */
const cpf = (k) => {
  const d = String(k % 1e9).padStart(9, '0').split('').map(Number)
  for (const len of [9, 10]) {
    const r = (d.reduce((s, x, i) => s + x * (len + 1 - i), 0) * 10) % 11
    d.push(r === 10 ? 0 : r)
  }
  return d.join('')
}
const csv = (rows) => Buffer.from(['External ID,Name,Tax ID,Country', ...rows.map((r) => `${r.join(',')},BR`)].join('\n') + '\n')

test('identity conflicts: an update with the tax id diff, key_conflict naming both; dry run = real run', () => {
  const store = new Store(fresh())
  store.importFile(csv([['CLI-001', 'Ana', cpf(1)], ['CLI-002', 'Bia', cpf(2)]]))
  const next = csv([['CLI-001', 'Ana', cpf(3)], ['CLI-003', 'Caio', cpf(2)]])
  const dry = store.importFile(next, { dryRun: true, locale: 'fr' })
  const real = store.importFile(next, { locale: 'fr' })
  const issues = (r) => r.issues.map((i) => [i.row, i.code])
  assert.deepEqual(issues(dry), [[3, 'key_conflict']])
  assert.deepEqual(issues(real), issues(dry))
  assert.deepEqual(real.plan.counts, dry.plan.counts)
  assert.equal(real.plan.counts.updated, 1)
  assert.equal(real.plan.counts.created, 0)
  const msg = real.issues[0].message
  assert.ok(msg.includes('CLI-002') && msg.includes('CLI-003') && msg.includes('clients différents'), msg)
  const stored = Object.fromEntries(store.customers('default').map((c) => [c.external_id, c.tax_id]))
  assert.deepEqual(stored, { 'CLI-001': cpf(3), 'CLI-002': cpf(2) })
  assert.equal(store.importFile(next).plan.counts.created, 0, 'never a create the store refuses')
})

test('NFC and NFD spellings of a name or an external id are one customer', () => {
  const store = new Store(fresh())
  store.importFile(csv([['', 'Jos\u00e9 Lima', '']]))
  assert.deepEqual(store.importFile(csv([['', 'Jose\u0301 Lima', '']])).plan.counts, { created: 0, updated: 0, unchanged: 1 })
  store.importFile(csv([['Jose\u0301-1', 'Z\u00e9', '']]))
  assert.deepEqual(store.importFile(csv([['Jos\u00e9-1', 'Z\u00e9', '']])).plan.counts, { created: 0, updated: 0, unchanged: 1 })
  assert.equal(store.customers('default').length, 2)
})

test('another application\'s SQLite file is not_a_store, left as it was; errorCodes lists the new kinds', () => {
  const db = fresh()
  fs.copyFileSync(path.join(TESTDATA, 'stores', 'other-app.db'), db)
  const before = fs.readFileSync(db)
  assert.throws(() => new Store(db), (err) => err.code === 'not_a_store' && /invoices/.test(err.message))
  assert.ok(before.equals(fs.readFileSync(db)))
  const codes = cadastro.errorCodes()
  for (const c of ['store_busy', 'not_a_store', 'store_duplicates']) assert.ok(codes.includes(c), c)
})
