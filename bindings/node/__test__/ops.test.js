'use strict'
// The operations after validation: the import plan against a host lookup, the embedded store,
// exports and templates, the progress callback, and their error codes. Real files:
// examples/data/clientes-asaas.csv (asaas, 8 rows, 2 rejected) and testdata/inputs.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const cadastro = require('..')
const { validate, validateAsync, plan, planAsync, exportCustomers, template, inspect, Store, Plan, Report } = cadastro
const { ROOT, TESTDATA, runCli } = require('./helpers')

const ASAAS = path.join(ROOT, 'examples', 'data', 'clientes-asaas.csv')
const UPFLOW = path.join(TESTDATA, 'inputs', 'csv', 'upflow_pipe_contacts.csv')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-ops-'))
let n = 0
const fresh = (ext = '.db') => path.join(tmp, `f${++n}${ext}`)

/** Customers without their file rows (stored and exported customers carry none). */
const bare = (customers) =>
  customers.map(({ rows, contacts, ...fields }) => ({ ...fields, contacts: (contacts || []).map(({ row, ...c }) => c) }))

test('importFile twice: first creates every valid customer, second is all unchanged', () => {
  const store = new Store(fresh())
  const first = store.importFile(ASAAS, { profile: 'asaas', account: 'acme' })
  assert.ok(first instanceof Report)
  assert.ok(first.plan instanceof Plan)
  const valid = first.stats.customersValid
  assert.ok(valid > 0 && first.stats.customersRejected > 0)
  assert.deepEqual(first.plan.counts, { created: valid, updated: 0, unchanged: 0 })
  assert.equal(first.applied, true)
  assert.deepEqual(JSON.parse(first.toJson()).plan, { created: valid, updated: 0, unchanged: 0 })
  assert.deepEqual(store.accounts(), ['acme'])
  assert.deepEqual(store.groups('acme'), ['Atacado', 'Varejo'])
  const stored = store.customers('acme')
  assert.deepEqual(bare(stored), bare(first.customers))
  assert.ok(stored.every((c) => c.rows.length === 0))
  assert.ok(store.customers('acme', 'Varejo').every((c) => c.group === 'Varejo'))
  assert.ok(store.customers('acme', 'Varejo').length < stored.length)

  const second = store.importFile(ASAAS, { profile: 'asaas', account: 'acme' })
  assert.deepEqual(second.plan.counts, { created: 0, updated: 0, unchanged: valid })
  assert.equal(second.plan.isNoop, true)
  assert.ok(second.plan.entries.every((e) => e.action === 'unchanged' && e.existing.matchedBy === 'external_id'))
  assert.deepEqual(store.customers('acme'), stored)
  store.close()
  assert.throws(() => store.accounts(), { code: 'store_closed', message: /closed/ })
})

test('editing one city in the file: one update with the field diff', () => {
  const store = new Store(fresh())
  store.importFile(ASAAS, { profile: 'asaas' })
  const lines = fs.readFileSync(ASAAS, 'utf8').split('\n')
  const edited = lines.map((l) => (l.startsWith('CLI-003;') ? l.replace(';Belo Horizonte;', ';Contagem;') : l))
  assert.notDeepEqual(edited, lines)
  const report = store.importFile(Buffer.from(edited.join('\n')), { profile: 'asaas' })
  const valid = report.stats.customersValid
  assert.deepEqual(report.plan.counts, { created: 0, updated: 1, unchanged: valid - 1 })
  const [update] = report.plan.entries.filter((e) => e.action === 'update')
  assert.deepEqual(update.key, { by: 'external_id', value: 'CLI-003' })
  assert.deepEqual(update.diff.fields, [{ field: 'city', old: 'Belo Horizonte', new: 'Contagem' }])
  assert.equal(update.customer.city, 'Contagem')
  assert.equal(update.existing.revision, 1)
  // The plan's JSON is the core's (snake_case), with the same diff.
  const json = JSON.parse(report.plan.toJson())
  const entry = json.entries.find((e) => e.action === 'update')
  assert.deepEqual(entry.diff.fields, [{ field: 'city', old: 'Belo Horizonte', new: 'Contagem' }])
  assert.equal(entry.existing.matched_by, 'external_id')
  assert.equal(store.customers('default').find((c) => c.external_id === 'CLI-003').city, 'Contagem')
})

test('dryRun and atomic write nothing; the plan is still made', async () => {
  const file = fresh()
  const store = new Store(file)
  const dry = store.importFile(ASAAS, { profile: 'asaas', account: 'a', dryRun: true })
  assert.equal(dry.applied, false)
  assert.equal(dry.plan.counts.created, dry.stats.customersValid)
  assert.deepEqual(store.accounts(), [])
  const atomic = store.importFile(ASAAS, { profile: 'asaas', account: 'a', atomic: true })
  assert.equal(atomic.hasErrors, true)
  assert.equal(atomic.applied, false)
  assert.throws(() => store.customers('a'), { code: 'unknown_account' })
  // A clean file imports atomically.
  const clean = fs.readFileSync(ASAAS, 'utf8').split('\n').filter((l, i) => i === 0 || !atomic.issues.some((x) => x.row === i + 1))
  const ok = store.importFile(Buffer.from(clean.join('\n')), { profile: 'asaas', account: 'a', atomic: true })
  assert.equal(ok.hasErrors, false)
  assert.equal(ok.applied, true)
  assert.equal(store.customers('a').length, ok.stats.customersValid)
  // Another handle on the same file sees it (it is on disk).
  assert.deepEqual(new Store(file).accounts(), ['a'])
})

test('importFileAsync gives the same report as importFile, off the event loop', async () => {
  const sync = new Store(fresh()).importFile(UPFLOW, { profile: 'upflow', account: 'x' })
  const store = new Store(fresh())
  const promise = store.importFileAsync(UPFLOW, { profile: 'upflow', account: 'x' })
  assert.ok(promise instanceof Promise)
  const report = await promise
  assert.equal(report.toJson(), sync.toJson())
  assert.deepEqual(report.plan.counts, sync.plan.counts)
  assert.ok(report.stats.contactsValid > 0)
  assert.deepEqual(bare(store.customers('x')), bare(report.customers))
  await assert.rejects(store.importFileAsync(Buffer.alloc(0)), { code: 'empty_file' })
  await assert.rejects(store.importFileAsync(UPFLOW, { onProgress: 'x' }), { code: 'invalid_options' })
  await assert.rejects(store.importFileAsync(UPFLOW, { account: '' }), { code: 'invalid_account' })
})

test('a host lookup that knows one customer: one update, the rest created', () => {
  const report = validate(ASAAS, { profile: 'asaas' })
  const known = { ...bare(report.customers)[0], city: 'Nowhere' }
  const calls = []
  const result = plan(report, (keys) => {
    calls.push(keys)
    return keys.some((k) => k.by === 'external_id' && k.value === known.external_id)
      ? [{ id: 42, revision: 3, customer: known }]
      : []
  }, { batchSize: 5 })
  assert.ok(result instanceof Plan)
  const valid = report.stats.customersValid
  assert.deepEqual(result.counts, { created: valid - 1, updated: 1, unchanged: 0 })
  const update = result.entries.find((e) => e.action === 'update')
  assert.deepEqual(update.existing, { id: '42', revision: 3, matchedBy: 'external_id' })
  assert.deepEqual(update.diff.fields, [{ field: 'city', old: 'Nowhere', new: report.customers[0].city }])
  // Keys in batches of at most 5: external ids, tax ids and folded names of every customer.
  assert.ok(calls.length > 1 && calls.every((b) => b.length <= 5))
  const keys = calls.flat()
  assert.ok(keys.every((k) => ['external_id', 'tax_id', 'name'].includes(k.by) && typeof k.value === 'string'))
  assert.ok(keys.some((k) => k.by === 'tax_id' && k.value === report.customers[0].tax_id))
  // The counts went to the report, as `cadastro import` prints them.
  assert.deepEqual(JSON.parse(report.toJson()).plan, result.counts)
  assert.deepEqual(report.plan.counts, result.counts)
  // An empty base: everything is created.
  assert.equal(plan(report, () => []).counts.created, valid)
})

test('the store and a host lookup over the same customers agree', () => {
  const store = new Store(fresh())
  store.importFile(ASAAS, { profile: 'asaas' })
  const base = store.customers('default').map((customer, i) => ({ id: String(i + 1), customer }))
  const report = validate(ASAAS, { profile: 'asaas' })
  const result = plan(report, () => base)
  assert.equal(result.counts.unchanged, report.stats.customersValid)
})

test('a failing host lookup is lookup_failed; a bad lookup argument is invalid_options', () => {
  const report = validate(ASAAS, { profile: 'asaas' })
  assert.throws(() => plan(report, () => { throw new Error('database down') }), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'lookup_failed')
    assert.match(err.message, /database down/)
    return true
  })
  assert.throws(() => plan(report, async () => []), { code: 'lookup_failed', message: /Promise/ })
  assert.throws(() => plan(report, () => 'nope'), { code: 'lookup_failed', message: /array/ })
  assert.throws(() => plan(report, () => [{ customer: {} }]), { code: 'lookup_failed', message: /id/ })
  assert.throws(() => plan(report, () => [{ id: '1', customer: { nmae: 'x' } }]), { code: 'lookup_failed', message: /nmae/ })
  assert.throws(() => plan(report, 'not a function'), { code: 'invalid_options' })
  assert.throws(() => plan(report, () => [], { batchSize: 0 }), { code: 'invalid_options' })
  assert.throws(() => plan(report, () => [], { bogus: 1 }), { code: 'invalid_options' })
  assert.throws(() => plan(report, () => [], { profile: 'nope' }), { code: 'invalid_options' })
  // The report is left as it was by a failed plan.
  assert.equal(report.plan, null)
  assert.equal(JSON.parse(report.toJson()).plan, undefined)
})

test('export then re-validate gives the same customers (store and plain customers)', () => {
  const report = validate(ASAAS, { profile: 'asaas' })
  for (const ext of ['.csv', '.xlsx']) {
    const out = fresh(ext)
    const stats = exportCustomers(report.customers, out, { profile: 'asaas' })
    assert.deepEqual(stats, { customers: report.customers.length, lines: report.customers.length })
    const back = validate(out, { profile: 'asaas' })
    assert.equal(back.hasErrors, false, ext)
    assert.deepEqual(bare(back.customers), bare(report.customers), ext)
  }
  const store = new Store(fresh())
  store.importFile(UPFLOW, { profile: 'upflow', account: 'u' })
  const out = fresh('.xlsx')
  const stats = store.export(out, { account: 'u', profile: 'upflow' })
  const stored = store.customers('u')
  assert.equal(stats.customers, stored.length)
  assert.deepEqual(bare(validate(out, { profile: 'upflow' }).customers), bare(stored))
  // One group only.
  const asaas = new Store(fresh())
  asaas.importFile(ASAAS, { profile: 'asaas' })
  const varejo = fresh('.csv')
  const g = asaas.export(varejo, { group: 'varejo', profile: 'asaas', delimiter: ',', bom: false, lineEnding: 'lf' })
  assert.equal(g.customers, asaas.customers('default', 'Varejo').length)
  const text = fs.readFileSync(varejo, 'utf8')
  assert.ok(!text.startsWith('\uFEFF') && !text.includes('\r\n'))
  assert.deepEqual(bare(validate(varejo, { profile: 'asaas' }).customers), bare(asaas.customers('default', 'Varejo')))
  assert.throws(() => asaas.export(fresh('.csv'), { account: 'nobody' }), { code: 'unknown_account' })
  assert.throws(() => asaas.export(fresh('.pdf')), { code: 'invalid_options' })
  assert.throws(() => asaas.export(fresh('.csv'), { acount: 'x' }), { code: 'invalid_options' })
  assert.throws(() => exportCustomers([{ nmae: 'x' }], fresh('.csv')), { code: 'invalid_options' })
  assert.throws(() => exportCustomers(report.customers, path.join(tmp, 'no', 'dir.csv')), { code: 'io' })
})

test("template: the profile's headers, CSV and XLSX", () => {
  for (const profile of ['asaas', 'upflow']) {
    // The export's header row is the profile's layout: the template has the same.
    const exported = fresh('.csv')
    exportCustomers([], exported, { profile, bom: false })
    const headers = fs.readFileSync(exported, 'utf8').split('\r\n')[0]
    assert.ok(headers.length > 0)
    const csv = fresh('.csv')
    template(csv, { profile, bom: false })
    assert.equal(fs.readFileSync(csv, 'utf8').split('\r\n')[0], headers)
    const xlsx = fresh('.xlsx')
    template(xlsx, { profile: cadastro.Profile.builtin(profile) })
    assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK')
    const sep = headers.includes(';') ? ';' : ','
    const cols = inspect(xlsx, { profile }).columns.map((c) => c.header)
    assert.deepEqual(cols, headers.split(sep).map((h) => h.replace(/^"|"$/g, '')))
  }
  assert.throws(() => template(fresh('.ods'), { profile: 'asaas' }), { code: 'invalid_options' })
  assert.throws(() => template(fresh('.csv'), { profile: 'asaas', group: 'x' }), { code: 'invalid_options' })
})

test('validate onProgress: called with growing counts up to the total; its exception is rethrown', () => {
  const seen = []
  const report = validate(ASAAS, { profile: 'asaas', onProgress: (done, total) => seen.push([done, total]) })
  const total = report.stats.rowsTotal + report.stats.rowsBlank
  assert.ok(seen.length >= 1)
  assert.deepEqual(seen[seen.length - 1], [total, total])
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] >= seen[i - 1][0])
  const boom = new TypeError('stop here')
  let calls = 0
  assert.throws(() => validate(ASAAS, { onProgress: () => { calls++; throw boom } }), (err) => err === boom)
  assert.equal(calls, 1)
  assert.throws(() => validate(ASAAS, { onProgress: 3 }), { code: 'invalid_options' })
  const importSeen = []
  new Store(fresh()).importFile(ASAAS, { profile: 'asaas', onProgress: (d, t) => importSeen.push([d, t]) })
  assert.deepEqual(importSeen[importSeen.length - 1], [total, total])
})

test('store errors keep the store codes; errorCodes lists them', () => {
  const notDb = fresh('.db')
  fs.writeFileSync(notDb, 'this is not a SQLite database, just text long enough to have a header'.repeat(20))
  assert.throws(() => new Store(notDb), { code: 'store_error' })
  assert.throws(() => new Store(path.join(tmp, 'missing-dir', 'x.db')), { code: 'store_error' })
  const mem = Store.inMemory()
  assert.deepEqual(mem.accounts(), [])
  assert.throws(() => mem.groups('nobody'), (err) => err instanceof Error && err.code === 'unknown_account')
  assert.throws(() => mem.importFile(ASAAS, { profile: 'asaas', account: ' ' }), { code: 'invalid_account' })
  assert.throws(() => mem.importFile(ASAAS, { profile: 'asaas', dryRun: 'yes' }), { code: 'invalid_options' })
  assert.throws(() => mem.importFile(ASAAS, { acount: 'x' }), { code: 'invalid_options' })
  const codes = cadastro.errorCodes()
  for (const c of ['store_error', 'store_too_new', 'store_outdated', 'invalid_account', 'unknown_account',
    'stale_plan', 'invalid_plan', 'store_corrupt', 'lookup_failed', 'internal', 'empty_file']) {
    assert.ok(codes.includes(c), c)
  }
  assert.equal(new Set(codes).size, codes.length)
})

test('planAsync: the lookup may be async (a Promise per batch), called back from the thread pool', async () => {
  const report = validate(ASAAS, { profile: 'asaas' })
  const known = { ...bare(report.customers)[1], email: 'old@example.com' }
  const sync = plan(validate(ASAAS, { profile: 'asaas' }), (keys) =>
    keys.some((k) => k.value === known.external_id) ? [{ id: '5', customer: known }] : [])
  let calls = 0
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  const result = await planAsync(report, async (keys) => {
    calls++
    await new Promise((resolve) => setTimeout(resolve, 10)) // a database round trip
    return keys.some((k) => k.value === known.external_id) ? [{ id: '5', customer: known }] : []
  }, { batchSize: 4 })
  clearInterval(timer)
  assert.ok(result instanceof Plan)
  assert.ok(calls > 1 && ticks > 0)
  assert.equal(result.toJson(), sync.toJson())
  assert.deepEqual(result.counts, { created: report.stats.customersValid - 1, updated: 1, unchanged: 0 })
  assert.deepEqual(result.entries.find((e) => e.action === 'update').diff.fields,
    [{ field: 'email', old: 'old@example.com', new: report.customers[1].email }])
  // A plain (sync) function works too; the report is left as it was.
  assert.equal((await planAsync(report, () => [])).counts.created, report.stats.customersValid)
  assert.equal(report.plan, null)
})

test('planAsync: a throwing or rejecting lookup is lookup_failed', async () => {
  const report = validate(ASAAS, { profile: 'asaas' })
  await assert.rejects(planAsync(report, async () => { throw new Error('pool exhausted') }),
    (err) => err instanceof Error && err.code === 'lookup_failed' && /pool exhausted/.test(err.message))
  await assert.rejects(planAsync(report, () => { throw new Error('sync failure') }), { code: 'lookup_failed', message: /sync failure/ })
  await assert.rejects(planAsync(report, async () => ({ not: 'an array' })), { code: 'lookup_failed' })
  await assert.rejects(planAsync(report, 42), { code: 'invalid_options' })
  await assert.rejects(planAsync(report, () => [], { batchSize: -1 }), { code: 'invalid_options' })
})

test('Store.apply writes a reviewed dry-run plan; a plan made stale meanwhile is stale_plan', () => {
  const store = Store.inMemory()
  const dry = store.importFile(ASAAS, { profile: 'asaas', dryRun: true })
  assert.deepEqual(store.accounts(), [])
  const counts = store.apply('default', dry.plan)
  assert.deepEqual(counts, dry.plan.counts)
  assert.equal(store.customers('default').length, dry.stats.customersValid)
  // Plan an edit, let another import change the same customer, then apply the old plan.
  const text = fs.readFileSync(ASAAS, 'utf8')
  const review = store.importFile(Buffer.from(text.replace(';Belo Horizonte;', ';Contagem;')), { profile: 'asaas', dryRun: true })
  assert.equal(review.plan.counts.updated, 1)
  store.importFile(Buffer.from(text.replace(';Belo Horizonte;', ';Betim;')), { profile: 'asaas' })
  assert.throws(() => store.apply('default', review.plan), { code: 'stale_plan' })
  assert.equal(store.customers('default').find((c) => c.external_id === 'CLI-003').city, 'Betim')
  // A plan against a host base (ids that are not the store's) is invalid_plan.
  const foreign = plan(validate(ASAAS, { profile: 'asaas' }), () => [{ id: 'uuid-1', customer: { external_id: 'CLI-001', name: 'X' } }])
  assert.throws(() => Store.inMemory().apply('default', foreign), { code: 'invalid_plan' })
})

test('async onProgress: called on the JS thread while the pool works, the final call before the Promise settles', async () => {
  const rows = 20_000
  const lines = ['External ID,Name,Email']
  for (let i = 1; i <= rows; i++) lines.push(`C-${i},Customer ${i},c${i}@example.com`)
  const big = Buffer.from(lines.join('\n') + '\n')
  const seen = []
  const report = await validateAsync(big, { onProgress: (done, total) => seen.push([done, total]) })
  assert.equal(report.stats.rowsTotal, rows)
  assert.ok(seen.length >= 3, `only ${seen.length} progress calls`)
  assert.deepEqual(seen[seen.length - 1], [rows, rows])
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] > seen[i - 1][0])
  // The same through the store, and the store is usable right after.
  const store = Store.inMemory()
  const importSeen = []
  const imported = await store.importFileAsync(big, { account: 'big', onProgress: (d, t) => importSeen.push([d, t]) })
  assert.deepEqual(importSeen[importSeen.length - 1], [rows, rows])
  assert.equal(imported.plan.counts.created, rows)
  assert.equal(store.customers('big').length, rows)
  // An exception in onProgress rejects the Promise with that very exception; the work finishes.
  const boom = new RangeError('progress bar gone')
  let calls = 0
  await assert.rejects(validateAsync(big, { onProgress: () => { calls++; throw boom } }), (err) => err === boom)
  assert.equal(calls, 1)
  await assert.rejects(store.importFileAsync(ASAAS, { profile: 'asaas', account: 'p', onProgress: () => { throw boom } }),
    (err) => err === boom)
  await assert.rejects(validateAsync(big, { onProgress: 1 }), { code: 'invalid_options' })
})

// Compared as parsed JSON: `cadastro import --format json` goes through serde_json::Value and
// prints its keys sorted, where `validate` (and this binding) keep the contract's order.
test('importFile().toJson() has the content of `cadastro import --format json`, first and second import', () => {
  for (const [file, profile] of [[ASAAS, 'asaas'], [UPFLOW, 'upflow']]) {
    const db = fresh()
    const store = new Store(fresh())
    for (const round of [1, 2]) {
      const cli = runCli(['import', file, '--profile', profile, '--db', db, '--account', 'acme', '--format', 'json'])
      assert.ok(cli.status === 0 || cli.status === 1, cli.stderr)
      const report = store.importFile(file, { profile, account: 'acme' })
      assert.deepEqual(JSON.parse(report.toJson()), JSON.parse(cli.stdout), `${path.basename(file)} round ${round}`)
    }
    assert.deepEqual(store.customers('acme'), new Store(db).customers('acme'))
  }
})
