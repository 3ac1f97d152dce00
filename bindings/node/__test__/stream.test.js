'use strict'
// validateStream: the core's streaming validation with a callback per chunk, on real files. The
// chunks concatenated must equal what the whole-file `validate` gives.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { exportCustomers, validate, validateStream } = require('..')
const { ROOT, TESTDATA, profileOf } = require('./helpers')

const ASAAS = path.join(ROOT, 'examples', 'data', 'clientes-asaas.csv')
const CSV_DIR = path.join(TESTDATA, 'inputs', 'csv')
// What the streaming reader refuses by design (crates/cadastro/src/stream.rs).
// Files the stream once refused: UTF-16 text (now transcoded as read) and contact columns (held to the end).
const ONCE_REFUSED = ['asaas_utf16be_semicolon.csv', 'asaas_utf16le_bom_tab.csv', 'upflow_pipe_contacts.csv']

// The example's rows repeated 30 times (240 rows; external ids distinct, tax ids repeated, so
// duplicates are found across chunks). The first chunk holds at least the 60-line header window.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-stream-'))
const BIG = path.join(tmp, 'big-asaas.csv')
{
  const [header, ...rows] = fs.readFileSync(ASAAS, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean)
  const lines = [header]
  for (let rep = 0; rep < 30; rep++) {
    for (const row of rows) lines.push(row.replace('CLI-', `R${String(rep).padStart(2, '0')}-`))
  }
  fs.writeFileSync(BIG, lines.join('\n') + '\n')
}
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }))

function streamed(source, options) {
  const customers = []
  const issues = []
  let chunks = 0
  const summary = validateStream(
    source,
    (chunk) => {
      chunks++
      customers.push(...chunk.customers)
      issues.push(...chunk.issues)
    },
    options,
  )
  return { customers, issues, summary, chunks }
}

for (const [name, file] of [['example', ASAAS], ['big', BIG]]) {
  for (const chunkRows of [1, 2, 7, 0]) {
    test(`${name}, chunkRows ${chunkRows}: the chunks concatenated equal validate()`, () => {
      const whole = validate(file, { profile: 'asaas' })
      const { customers, issues, summary, chunks } = streamed(file, { profile: 'asaas', chunkRows })
      // Same values; the keys of chunk customers come in the JSON's order (JSON.parse).
      assert.deepEqual(customers, whole.customers)
      assert.equal(JSON.stringify(customers), JSON.stringify(JSON.parse(whole.toJson()).customers))
      assert.deepEqual(issues, whole.issues)
      assert.deepEqual(summary.stats, whole.stats)
      assert.deepEqual(summary.source, whole.source)
      assert.deepEqual(summary.mapping, whole.mapping)
      assert.equal(summary.stopped, false)
      const rows = whole.stats.rowsTotal
      const first = Math.max(chunkRows, 60) - 1
      const expected = chunkRows === 0 || rows <= first ? 1 : 1 + Math.ceil((rows - first) / chunkRows)
      assert.equal(chunks, expected)
      if (name === 'big') assert.ok(issues.some((i) => i.code === 'duplicate_key' && i.row > 100))
    })
  }
}

for (const file of fs.readdirSync(CSV_DIR).filter((f) => f.endsWith('.csv')).sort()) {
  test(`testdata ${file}: streamed equals validate()`, () => {
    const source = path.join(CSV_DIR, file)
    const profile = profileOf(`csv/${file}`)
    let whole
    try {
      whole = validate(source, { profile })
    } catch (err) {
      assert.throws(() => validateStream(source, () => {}, { profile }), { code: err.code })
      return
    }
    for (const chunkRows of [2, 0]) {
      const { customers, issues, summary } = streamed(fs.readFileSync(source), { profile, chunkRows })
      assert.deepEqual(customers, whole.customers)
      assert.deepEqual(issues, whole.issues)
      assert.deepEqual(summary.stats, whole.stats)
    }
  })
}

test('returning false stops the stream: stopped, fewer rows read', () => {
  const whole = validate(BIG, { profile: 'asaas' })
  let chunks = 0
  const summary = validateStream(BIG, () => ++chunks < 2, { profile: 'asaas', chunkRows: 10 })
  assert.equal(chunks, 2)
  assert.equal(summary.stopped, true)
  assert.equal(summary.stats.rowsTotal, 59 + 10)
  assert.ok(summary.stats.rowsTotal < whole.stats.rowsTotal)
})

test('an exception thrown by onChunk stops the stream and is rethrown as it was', () => {
  const boom = new Error('consumer failed')
  let calls = 0
  assert.throws(
    () =>
      validateStream(
        BIG,
        () => {
          calls++
          throw boom
        },
        { profile: 'asaas', chunkRows: 2 },
      ),
    (err) => err === boom,
  )
  assert.equal(calls, 1)
})

test('workbooks stream too', () => {
  // 200 customers exported to a workbook: more rows than the first chunk's header window (60
  // rows), so chunks of 2 rows follow it.
  const xlsx = path.join(tmp, 'big.xlsx')
  const rows = Array.from({ length: 200 }, (_, i) => ({ name: `Cliente ${i}`, external_id: `C-${i}`, email: `c${i}@example.com` }))
  exportCustomers(rows, xlsx, { profile: 'invoiceocean' }) // the generic layout has parent columns: no stream
  const customers = []
  let chunks = 0
  const summary = validateStream(xlsx, (chunk) => { chunks++; customers.push(...chunk.customers) }, { profile: 'invoiceocean', chunkRows: 2 })
  assert.ok(chunks > 1, `${chunks} chunks`)
  assert.equal(summary.source.format, 'xlsx')
  const whole = validate(xlsx, { profile: 'invoiceocean' }).customers
  assert.equal(whole.length, 200)
  assert.deepEqual(customers, whole)
})

test('UTF-16 and contact files stream; bad arguments: invalid_options', () => {
  for (const file of ONCE_REFUSED) {
    const profile = profileOf(`csv/${file}`)
    const whole = validate(path.join(CSV_DIR, file), { profile })
    const { customers, issues, summary } = streamed(fs.readFileSync(path.join(CSV_DIR, file)), { profile, chunkRows: 1 })
    assert.ok(customers.length > 0, file)
    assert.deepEqual(customers, whole.customers)
    assert.deepEqual(issues, whole.issues)
    assert.deepEqual(summary.stats, whole.stats)
    if (file.includes('utf16')) assert.match(summary.source.encoding, /^utf-16/)
    else assert.ok(customers.some((c) => c.contacts.length > 0))
  }
  assert.throws(() => validateStream(ASAAS, 'nope', { profile: 'asaas' }), { code: 'invalid_options' })
  assert.throws(() => validateStream(ASAAS, () => {}, { chunkRows: -1 }), { code: 'invalid_options' })
  assert.throws(() => validateStream(ASAAS, () => {}, { chunkRows: 1.5 }), { code: 'invalid_options' })
  assert.throws(() => validateStream(ASAAS, () => {}, { chunkRows: '2' }), { code: 'invalid_options' })
  assert.throws(() => validateStream(Buffer.alloc(0), () => {}), { code: 'empty_file' })
  assert.throws(() => validateStream(path.join(tmp, 'missing.csv'), () => {}), { code: 'io' })
})

test('Store.importStream equals a whole-file import; a second import is all unchanged', () => {
  const { Store } = require('..')
  const store = Store.inMemory()
  const whole = store.importFile(BIG, { profile: 'asaas', account: 'whole' })
  const chunks = []
  const result = store.importStream(BIG, (chunk) => { chunks.push(chunk) }, { profile: 'asaas', account: 'streamed', chunkRows: 7 })
  assert.ok(chunks.length > 10 && chunks.every((c) => c.written))
  assert.equal(result.applied, true)
  assert.equal(result.stopped, false)
  assert.equal(result.hasErrors, whole.hasErrors)
  assert.deepEqual(result.counts, whole.plan.counts)
  assert.deepEqual(result.summary.stats, whole.stats)
  assert.deepEqual(chunks.flatMap((c) => c.issues), whole.issues)
  assert.equal(chunks.reduce((n, c) => n + c.plan.entries.length, 0), whole.plan.entries.length)
  assert.deepEqual(store.customers('streamed'), store.customers('whole'))
  const again = store.importStream(BIG, () => {}, { profile: 'asaas', account: 'streamed' })
  assert.deepEqual(again.counts, { created: 0, updated: 0, unchanged: whole.plan.counts.created })
  assert.deepEqual(store.customers('streamed'), store.customers('whole'))
})

test('Store.importStream: false or a throw rolls back (the throw is rethrown); dry run writes nothing', () => {
  const { Store } = require('..')
  const store = Store.inMemory()
  const stopped = store.importStream(BIG, () => false, { profile: 'asaas', account: 'a', chunkRows: 10 })
  assert.equal(stopped.stopped, true)
  assert.equal(stopped.applied, false)
  assert.equal(stopped.summary.stats.rowsTotal, 59)
  assert.deepEqual(store.accounts(), [])
  const boom = new Error('host failed')
  assert.throws(() => store.importStream(BIG, () => { throw boom }, { profile: 'asaas', account: 'a' }), (e) => e === boom)
  assert.deepEqual(store.accounts(), [])
  const dry = store.importStream(BIG, () => {}, { profile: 'asaas', account: 'a', dryRun: true })
  assert.equal(dry.applied, false)
  assert.ok(dry.counts.created > 0)
  assert.deepEqual(store.accounts(), [])
  const utf16 = path.join(CSV_DIR, 'asaas_utf16le_bom_tab.csv')
  const u = store.importStream(utf16, () => {}, { profile: 'asaas', account: 'u', dryRun: true })
  assert.ok(u.counts.created > 0)
  assert.equal(u.summary.source.encoding, 'utf-16le')
  assert.throws(() => store.importStream(BIG, () => {}, { onProgress: () => {} }), { code: 'invalid_options' })
})
