'use strict'
// Issue #17 (host concurrency): worker threads, each with its own Store on one store file, and
// async tasks on the main thread, import the same CPF-keyed file (no external id) at once.
// Every row is accounted for in every report, no import fails, and the store ends with exactly
// one customer per CPF.
// The "no duplicate customers" half rests on the store's unique customer keys and its planning
// under the write lock (issue #17 point 2).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const { Store } = require('..')
const { customersCsv } = require('./gen')

const ROWS = 1500
const WORKERS = 3

/** One import in a worker thread with its own Store; resolves with its counts. */
function importInWorker(db, file) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
     const { Store } = require(workerData.pkg)
     const store = new Store(workerData.db)
     try {
       const r = store.importFile(workerData.file, { country: 'BR' })
       parentPort.postMessage({ stats: r.stats, counts: r.plan.counts, applied: r.applied })
     } catch (e) {
       parentPort.postMessage({ error: e.code + ': ' + e.message })
     } finally { store.close() }`,
    { eval: true, workerData: { pkg: path.resolve(__dirname, '..'), db, file } },
  )
  return new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

test(
  `${WORKERS} workers and 2 async tasks, each with its own Store, import one CPF-keyed file into a new store`,
  { timeout: 300_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-conc-'))
    const file = path.join(dir, 'clientes.csv')
    fs.writeFileSync(file, customersCsv(ROWS))
    const db = path.join(dir, 'cadastro.db')
    const asyncImport = async () => {
      const store = new Store(db)
      try {
        const r = await store.importFileAsync(file, { country: 'BR' })
        return { stats: r.stats, counts: r.plan.counts, applied: r.applied }
      } catch (e) {
        return { error: `${e.code}: ${e.message}` }
      } finally {
        store.close()
      }
    }
    const results = await Promise.all([
      ...Array.from({ length: WORKERS }, () => importInWorker(db, file)),
      asyncImport(),
      asyncImport(),
    ])
    let created = 0
    for (const r of results) {
      assert.equal(r.error, undefined, r.error)
      assert.equal(r.applied, true)
      assert.equal(r.stats.rowsTotal, ROWS)
      assert.equal(r.stats.customersValid, ROWS)
      // Every valid customer is created, updated or unchanged: nothing dropped.
      assert.equal(r.counts.created + r.counts.updated + r.counts.unchanged, ROWS, JSON.stringify(r.counts))
      created += r.counts.created
    }
    const store = new Store(db)
    const stored = store.customers('default')
    store.close()
    const cpfs = new Set(stored.map((c) => c.tax_id))
    assert.equal(cpfs.size, ROWS, 'every CPF is stored')
    assert.equal(stored.length, ROWS, `${stored.length - ROWS} duplicate customers`)
    assert.equal(created, ROWS, 'each customer was created by exactly one import')
    fs.rmSync(dir, { recursive: true, force: true })
  },
)
