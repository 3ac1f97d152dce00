'use strict'
// validateAsync runs off the event loop: timers keep firing while a large file is read and
// validated on the libuv pool. Needs the CSV reader (see helpers.READERS).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { validate, validateAsync } = require('..')
const { READERS } = require('./helpers')

const skip = !READERS && 'needs the CSV reader (flip READERS in __test__/helpers.js)'
const ROWS = 100_000

/** A deterministic CSV of `rows` customers, every 10th with an invalid e-mail. */
function bigCsv(rows) {
  const lines = ['External ID,Name,Email,City']
  for (let i = 1; i <= rows; i++) {
    const email = i % 10 === 0 ? `broken-${i}` : `c${i}@example.com`
    lines.push(`C-${i},Customer ${i},${email},City ${i % 97}`)
  }
  return lines.join('\n') + '\n'
}

test('the event loop keeps ticking while validateAsync works', { skip, timeout: 300_000 }, async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-async-')), 'big.csv')
  fs.writeFileSync(file, bigCsv(ROWS))
  let ticks = 0
  const timer = setInterval(() => ticks++, 5)
  const started = Date.now()
  let report
  try {
    report = await validateAsync(file)
  } finally {
    clearInterval(timer)
  }
  const elapsed = Date.now() - started
  assert.equal(report.stats.rowsTotal, ROWS)
  assert.equal(report.stats.customersValid, ROWS - ROWS / 10)
  assert.equal(report.issues.filter((i) => i.code === 'invalid_email').length, ROWS / 10)
  // A blocked loop would fire the timer at most once, after the work. Expect most of the
  // possible ticks (elapsed / 5 ms), and at least a few.
  assert.ok(elapsed > 50, `the work was too quick (${elapsed} ms) to tell anything; raise ROWS`)
  assert.ok(ticks >= 3 && ticks >= elapsed / 5 / 4, `only ${ticks} ticks in ${elapsed} ms`)
  // And the sync call gives the same report.
  assert.equal(validate(file).toJson(), report.toJson())
})

test('several validations run concurrently and each resolves with its own report', { skip }, async () => {
  const sizes = [10, 200, 3000]
  const reports = await Promise.all(sizes.map((n) => validateAsync(Buffer.from(bigCsv(n)))))
  assert.deepEqual(reports.map((r) => r.stats.rowsTotal), sizes)
})
