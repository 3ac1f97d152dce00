'use strict'
// Issue #17, what the previous wave left: the store's busy timeout as an option of
// `new Store(path, { busyTimeout })`, and reviewed plans checked row by row
// (`apply(account, plan, { skipStale })`).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const { Store } = require('..')
const { ROOT } = require('./helpers')
const { customersCsv } = require('./gen.js')

const ASAAS = path.join(ROOT, 'examples', 'data', 'clientes-asaas.csv')
const PKG = path.join(__dirname, '..')

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-store-options-'))
}

test('busyTimeout: a second writer waits that long for a streamed import holding the lock, then gets store_busy', async () => {
  const dir = tmpdir()
  const db = path.join(dir, 'store.db')
  const big = path.join(dir, 'big.csv')
  const small = path.join(dir, 'small.csv')
  fs.writeFileSync(big, customersCsv(200))
  fs.writeFileSync(small, 'External ID,Name\nS-1,Solo\n')
  new Store(db).close() // the schema exists: the waits below are for the write lock only
  // A worker streams an import into the store (one transaction, write lock held from the first
  // chunk) and blocks in its first onChunk until we let it go.
  const gate = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads')
     const { Store } = require(workerData.pkg)
     const store = new Store(workerData.db)
     let first = true
     const out = store.importStream(workerData.big, () => {
       if (first) { first = false; parentPort.postMessage('locked'); Atomics.wait(workerData.gate, 0, 0, 60000) }
     }, { country: 'BR', chunkRows: 50 })
     parentPort.postMessage({ created: out.counts.created, applied: out.applied })
     store.close()`,
    { eval: true, workerData: { pkg: PKG, db, big, gate } },
  )
  const messages = []
  const next = () => new Promise((resolve, reject) => {
    if (messages.length) return resolve(messages.shift())
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  try {
    assert.equal(await next(), 'locked')
    const writer = new Store(db, { busyTimeout: 1.5 })
    let t0 = Date.now()
    assert.throws(() => writer.importFile(small), (e) => e.code === 'store_busy' && /retry/.test(e.message))
    let waited = Date.now() - t0
    assert.ok(waited >= 1400 && waited < 30_000, `waited ${waited} ms`)
    // 0 fails at once; a reader is never blocked by the writer.
    const impatient = new Store(db, { busyTimeout: 0 })
    t0 = Date.now()
    assert.throws(() => impatient.importFile(small), { code: 'store_busy' })
    waited = Date.now() - t0
    assert.ok(waited < 1000, `busyTimeout 0 waited ${waited} ms`)
    assert.deepEqual(impatient.accounts(), [])
    // Let the worker commit: the same writer goes through now.
    Atomics.store(gate, 0, 1)
    Atomics.notify(gate, 0)
    assert.deepEqual(await next(), { created: 200, applied: true })
    assert.equal(writer.importFile(small).applied, true)
    assert.equal(writer.customers('default').length, 201)
    writer.close()
    impatient.close()
  } finally {
    Atomics.store(gate, 0, 1)
    Atomics.notify(gate, 0)
    await worker.terminate()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('busyTimeout: bad values are invalid_options', () => {
  const dir = tmpdir()
  const db = path.join(dir, 'store.db')
  for (const options of [{ busyTimeout: -1 }, { busyTimeout: 'soon' }, { busyTimeout: NaN }, { busyTimeout: Infinity }, { busy: 1 }, 5]) {
    assert.throws(() => new Store(db, options), { code: 'invalid_options' }, JSON.stringify(options))
  }
  new Store(db, { busyTimeout: 1e12 }).close() // longer than SQLite's range: waits as long as it can
  new Store(db, { busyTimeout: undefined }).close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('apply: stale rows are named; skipStale writes the rest and returns the stale entries', () => {
  const dir = tmpdir()
  const store = new Store(path.join(dir, 'store.db'))
  const text = fs.readFileSync(ASAAS, 'utf8')
  store.importFile(ASAAS, { profile: 'asaas' })
  // Reviewed: CLI-003 moves to Contagem and CLI-001 gets a new e-mail.
  const edited = text.replace(';Belo Horizonte;', ';Contagem;')
  const cli1 = store.customers('default').find((c) => c.external_id === 'CLI-001')
  const reviewText = edited.replace(cli1.email, 'novo@example.com')
  assert.notEqual(reviewText, edited)
  const review = store.importFile(Buffer.from(reviewText), { profile: 'asaas', dryRun: true })
  assert.equal(review.plan.counts.updated, 2)
  const rowOf = (id) => review.plan.entries.find((e) => e.customer.external_id === id).customer.rows[0]
  // Meanwhile another import moves CLI-003 to Betim.
  store.importFile(Buffer.from(text.replace(';Belo Horizonte;', ';Betim;')), { profile: 'asaas' })

  assert.throws(() => store.apply('default', review.plan), (e) =>
    e.code === 'stale_plan' && e.message.includes(`changed since the plan was made: row ${rowOf('CLI-003')}`))
  const find = (id) => store.customers('default').find((c) => c.external_id === id)
  assert.equal(find('CLI-001').email, cli1.email, 'nothing written')

  const out = store.apply('default', review.plan, { skipStale: true })
  assert.equal(out.updated, 1)
  assert.equal(out.created, 0)
  assert.equal(out.unchanged, review.plan.counts.unchanged)
  assert.equal(out.stale.length, 1)
  const [stale] = out.stale
  assert.deepEqual({ ...stale, id: typeof stale.id }, { rows: [rowOf('CLI-003')], action: 'update', id: 'string', reason: 'changed' })
  assert.equal(find('CLI-003').city, 'Betim', 'the other writer kept its change')
  assert.equal(find('CLI-001').email, 'novo@example.com', 'the fresh entry was written')
  // Applied again, its one remaining update is now stale too; a strict apply has no `stale`.
  assert.equal(store.apply('default', review.plan, { skipStale: true }).stale.length, 2)
  const fresh = store.importFile(Buffer.from(edited), { profile: 'asaas', dryRun: true })
  assert.deepEqual(store.apply('default', fresh.plan), { created: 0, updated: 2, unchanged: fresh.plan.counts.unchanged })
  assert.throws(() => store.apply('default', review.plan, { skipStale: 'yes' }), { code: 'invalid_options' })
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
