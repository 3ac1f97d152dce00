'use strict'
// Issue 16 points 2, 3, 6 and issue 17 point 11 (export) from Node: the error file's row column,
// error-file paths refused up front, Store.copyAccount (plan, dry run, identity rules), and
// exports that fail with `io` (never `internal`) when the temporary directory is missing or
// fills up, and that keep custom fields another profile lacks.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const cadastro = require('..')
const { validate, exportCustomers, Store, Plan } = cadastro
const { ROOT } = require('./helpers')

const ASAAS = path.join(ROOT, 'examples', 'data', 'clientes-asaas.csv')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-integrity-'))
let n = 0
const fresh = (ext = '.db') => path.join(tmp, `i${++n}${ext}`)

/** The lines of a `;` CSV error file as [everything before the row column, row, errors]. */
const csvRows = (file) =>
  fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/).map((l) => {
    const m = /^(.*);([^;]*);("(?:[^"]|"")*"|[^;"]*)$/.exec(l)
    return [m[1], m[2], m[3].replace(/^"|"$/g, '').replace(/""/g, '"')]
  })

test('the error file carries the original row in the file language; re-imported, it maps to nothing', () => {
  const report = validate(ASAAS, { profile: 'asaas', locale: 'pt-BR' })
  const out = fresh('.csv')
  report.writeErrors(out, 'pt-BR')
  const rows = csvRows(out)
  assert.deepEqual(rows[0].slice(-2), ['Linha', 'Erros'])
  assert.deepEqual(rows.slice(1).map((r) => r[r.length - 2]), ['6', '8'])
  assert.match(rows[2][rows[2].length - 1], /já usado na linha 2$/)
  const again = validate(out, { profile: 'asaas' })
  assert.deepEqual(again.issues.map((i) => i.code), ['invalid_email', 'invalid_tax_id'])
  const xlsx = fresh('.xlsx')
  report.writeErrors(xlsx, 'fr')
  const fr = validate(xlsx, { profile: 'asaas' })
  assert.ok(!fr.issues.some((i) => i.code === 'unmapped_column'))
})

test('error-file paths are refused before anything is written', () => {
  const report = validate(ASAAS, { profile: 'asaas' })
  for (const bad of ['e.docx', 'e.txt']) {
    assert.throws(() => report.writeErrors(path.join(tmp, bad)), { code: 'invalid_options' })
    assert.ok(!fs.existsSync(path.join(tmp, bad)))
  }
  assert.throws(() => report.writeErrors(path.join(tmp, 'no', 'such', 'e.xlsx')), (e) => {
    assert.equal(e.code, 'io')
    assert.match(e.message, /no such directory for the error file/)
    return true
  })
})

test('copyAccount plans with the identity rules of an import and dry-runs exactly', () => {
  const store = new Store(fresh())
  store.importFile(ASAAS, { profile: 'asaas', account: 'matriz' })
  const dry = store.copyAccount('matriz', 'filial', { group: 'Varejo', dryRun: true })
  assert.ok(dry instanceof Plan)
  assert.deepEqual(dry.counts, { created: 3, updated: 0, unchanged: 0 })
  assert.deepEqual(store.accounts(), ['matriz'], 'a dry run writes nothing')
  const real = store.copyAccount('matriz', 'filial', { group: 'Varejo' })
  assert.deepEqual(real.counts, dry.counts)
  assert.deepEqual(store.customers('filial').map((c) => c.external_id).sort(), ['CLI-001', 'CLI-003', 'CLI-006'])
  const edited = fs.readFileSync(ASAAS, 'utf8').replace('Cliente desde 2019', 'Cliente desde 2018')
  const file = fresh('.csv')
  fs.writeFileSync(file, edited)
  store.importFile(file, { profile: 'asaas', account: 'matriz' })
  const plan = store.copyAccount('matriz', 'filial')
  assert.deepEqual(plan.counts, { created: 3, updated: 1, unchanged: 2 })
  const [update] = plan.entries.filter((e) => e.action === 'update')
  assert.deepEqual(update.diff.fields, [{ field: 'notes', old: 'Cliente desde 2019', new: 'Cliente desde 2018' }])
  assert.equal(store.copyAccount('matriz', 'filial').isNoop, true)
  const later = store.copyAccount('matriz', 'outra', { dryRun: true })
  assert.deepEqual(store.apply('outra', later), { created: 6, updated: 0, unchanged: 0 })
  assert.throws(() => store.copyAccount('nada', 'filial'), { code: 'unknown_account' })
  assert.throws(() => store.copyAccount('matriz', 'x', { dryrun: true }), { code: 'invalid_options' })
  // Exported in another profile, the asaas custom field travels as an extra column.
  const out = fresh('.csv')
  store.export(out, { profile: 'upflow', account: 'filial' })
  const lines = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = lines[0].split(',')
  const maria = lines.find((l) => l.startsWith('CLI-001,')).split(',')
  assert.equal(maria[header.indexOf('empresa')], 'Livraria Paulista Ltda')
  store.close()
})

const big = () =>
  Array.from({ length: 20000 }, (_, i) => ({
    external_id: `C-${i}`, name: `Cliente ${i}`, city: `Cidade ${i}`, notes: `uma observação longa ${i}`,
  }))

test('an xlsx export without a temporary directory is an io error naming it', () => {
  const dir = path.join(tmp, 'no-such-tmp')
  const script = `
    const { exportCustomers } = require(${JSON.stringify(path.join(__dirname, '..'))})
    const customers = Array.from({ length: 20000 }, (_, i) => ({ external_id: 'C-' + i, name: 'Cliente ' + i,
      city: 'Cidade ' + i, notes: 'uma observação longa ' + i }))
    try { exportCustomers(customers, process.argv[1]); console.log('written') }
    catch (e) { console.log('code ' + e.code + ' ' + e.message) }`
  for (const [label, cmd, env] of [
    ['missing', [process.execPath, '-e', script, fresh('.xlsx')], { TMPDIR: dir }],
    // Files limited to 1 MB, SIGXFSZ ignored: the temporary file fills up mid-export.
    ['full', ['sh', '-c', `trap '' XFSZ; ulimit -f 2048; exec "$0" -e "$1" "$2"`, process.execPath, script, fresh('.xlsx')],
      { TMPDIR: tmp }],
  ]) {
    const r = spawnSync(cmd[0], cmd.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300000 })
    assert.equal(r.status, 0, `${label}: ${r.stderr}`)
    assert.ok(!r.stderr.includes('panicked'), `${label}: ${r.stderr}`)
    assert.match(r.stdout, /^code io /, `${label}: ${r.stdout}`)
    assert.ok(r.stdout.includes(env.TMPDIR), `${label}: ${r.stdout}`)
  }
  assert.ok(big().length === 20000)
  assert.throws(() => exportCustomers(big(), fresh('.txt')), { code: 'invalid_options' })
})
