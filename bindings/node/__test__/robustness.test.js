'use strict'
// Issue #17 points 4, 5 and 9 from Node: cyclic and deeply nested values are `invalid_options`
// (they crashed the process with SIGSEGV); a callback that calls back into its own Store fails
// fast with `reentrant_call` (it deadlocked); a FIFO or a device as input is refused with `io`
// (it blocked, or read /dev/zero until memory ran out); more customers than napi's 1,000,000
// value budget convert (they threw `InvalidArg`); and every error carries a contract code
// (`errorCodes()`), never a napi status such as `StringExpected`.
//
// What could hang the whole process on a regression (a deadlock, a blocking open) runs in a
// child process with a deadline.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const cadastro = require('..')
const { validate, validateAsync, exportCustomers, plan, planAsync, Store, Profile, normalize, template } = cadastro
const { customersCsv } = require('./gen')

const CODES = new Set(cadastro.errorCodes())
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-robust-'))
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** Asserts `fn` throws (or rejects) an Error with `.code` === code, a contract code. */
async function failsWith(fn, code, label) {
  await assert.rejects(
    async () => fn(),
    (err) => {
      assert.ok(err instanceof Error, `${label}: not an Error: ${err}`)
      assert.equal(err.code, code, `${label}: ${err.code}: ${err.message}`)
      assert.ok(CODES.has(err.code), `${label}: ${err.code} is not in errorCodes()`)
      return true
    },
    label,
  )
}

/** Runs `script` (CommonJS, `cadastro` and `gen` in scope) in a child Node; returns its JSON output. */
function child(script, timeout = 60_000) {
  const prelude = `const cadastro = require(${JSON.stringify(path.resolve(__dirname, '..'))});
    const gen = require(${JSON.stringify(path.join(__dirname, 'gen.js'))});
    const out = (v) => process.stdout.write(JSON.stringify(v));
    const codeOf = (fn) => { try { fn(); return 'ok' } catch (e) { return e.code || String(e) } };
    const codeOfAsync = async (p) => { try { await p; return 'ok' } catch (e) { return e.code || String(e) } };`
  const r = spawnSync(process.execPath, ['-e', `${prelude}\n(async () => { ${script} })()`], {
    encoding: 'utf8',
    timeout,
    cwd: tmp,
  })
  assert.equal(r.signal, null, `the child was killed by ${r.signal} (a hang or a crash): ${r.stderr}`)
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

const SMALL = Buffer.from(customersCsv(20))

function cyclic() {
  const o = { name: 'Ana' }
  o.self = o
  return o
}
/** A 100,000-deep array from JSON.parse, as in the probe. */
const deep = () => JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))
/** An object nested 200 levels: over the 128-level limit, well under V8's own stack. */
function nested(levels) {
  let o = {}
  for (let i = 0; i < levels; i++) o = { a: o }
  return o
}

test('cyclic and deeply nested options are invalid_options, sync and async (no crash)', async () => {
  for (const [label, bad] of [
    ['cyclic', cyclic()],
    ['100,000-deep', deep()],
    ['200-deep', nested(200)],
  ]) {
    for (const key of ['mapping', 'profile', 'limits', 'country']) {
      await failsWith(() => validate(SMALL, { [key]: bad }), 'invalid_options', `validate ${key} ${label}`)
      await failsWith(() => validateAsync(SMALL, { [key]: bad }), 'invalid_options', `validateAsync ${key} ${label}`)
    }
    const store = Store.inMemory()
    await failsWith(() => store.importFile(SMALL, { mapping: bad }), 'invalid_options', `importFile ${label}`)
    await failsWith(() => store.importFileAsync(SMALL, { mapping: bad }), 'invalid_options', `async ${label}`)
    await failsWith(() => store.export(path.join(tmp, 'x.csv'), { group: bad }), 'invalid_options', `export ${label}`)
    store.close()
  }
  // Shared (not cyclic) sub-objects are fine, and so is nesting within the limit.
  const shared = { 'Nome': 'name' }
  assert.equal(validate(SMALL, { mapping: shared, limits: { maxRows: 100 }, country: 'BR' }).stats.rowsTotal, 20)
})

test('cyclic and deeply nested customers are invalid_options (exportCustomers)', async () => {
  const out = path.join(tmp, 'out.csv')
  const good = validate(SMALL, { country: 'BR' }).customers
  for (const [label, bad] of [
    ['a cyclic customer', [...good, cyclic()]],
    ['a 100,000-deep customer', [{ name: 'Ana', custom: deep() }]],
    ['a 100,000-deep list', deep()],
    ['a cyclic list', (() => { const a = [good[0]]; a.push(a); return a })()],
  ]) {
    await failsWith(() => exportCustomers(bad, out), 'invalid_options', label)
  }
  assert.equal(exportCustomers(good, out).customers, 20)
})

test('a cyclic or deeply nested lookup answer is lookup_failed, sync and async (no crash)', async () => {
  const report = validate(SMALL, { country: 'BR' })
  for (const [label, answer] of [
    ['cyclic', () => { const c = cyclic(); return [{ id: 1, customer: c }] }],
    ['100,000-deep', () => deep()],
    ['deep customer', () => [{ id: 1, customer: { name: 'A', custom: deep() } }]],
  ]) {
    await failsWith(() => plan(report, answer), 'lookup_failed', `plan ${label}`)
    await failsWith(() => planAsync(report, answer), 'lookup_failed', `planAsync ${label}`)
    await failsWith(() => planAsync(report, async () => answer()), 'lookup_failed', `planAsync Promise ${label}`)
  }
  assert.equal(plan(report, () => []).counts.created, 20)
})

test('wrong argument types are invalid_options, never a napi status (StringExpected, InvalidArg)', async () => {
  const store = Store.inMemory()
  const report = validate(SMALL, { country: 'BR' })
  const cases = [
    ['new Store(42)', () => new Store(42)],
    ['new Store()', () => new Store()],
    ['store.groups(1)', () => store.groups(1)],
    ['store.customers(null)', () => store.customers(null)],
    ['store.customers("default", 5)', () => store.customers('default', 5)],
    ['store.apply("default", {})', () => store.apply('default', {})],
    ['store.apply(1, plan)', () => store.apply(1, plan(report, () => []))],
    ['store.export(5)', () => store.export(5)],
    ['normalize(1, "x")', () => normalize(1, 'x')],
    ['normalize("email", "x", 5)', () => normalize('email', 'x', 5)],
    ['Profile.builtin(5)', () => Profile.builtin(5)],
    ['Profile.fromJson({})', () => Profile.fromJson({})],
    ['report.writeErrors(5)', () => report.writeErrors(5)],
    ['report.writeErrors("x.csv", 5)', () => report.writeErrors(path.join(tmp, 'e.csv'), 5)],
    ['plan({}, lookup)', () => plan({}, () => [])],
    ['plan(store, lookup)', () => plan(store, () => [])],
    ['planAsync("x", lookup)', () => planAsync('x', () => [])],
    ['exportCustomers([], 5)', () => exportCustomers([], 5)],
    ['exportCustomers({}, path)', () => exportCustomers({}, path.join(tmp, 'y.csv'))],
    ['template(5)', () => template(5)],
  ]
  for (const [label, fn] of cases) await failsWith(fn, 'invalid_options', label)
  store.close()
})

test('report.customers and store.customers() convert more than napi\'s 1,000,000-value budget', () => {
  // 56,000 customers of 16 text fields: 19 values each, over 1,000,000 in all, which napi's
  // serde conversion refused with InvalidArg (the issue saw it above ~58,400 customers).
  const N = 56_000
  const fields = ['external_id', 'name', 'short_name', 'address', 'address_number', 'complement', 'district', 'city',
    'notes', 'website', 'accounting_code', 'workflow', 'group', 'delivery_address', 'bank_name', 'municipal_inscription']
  const lines = [fields.join(';')]
  for (let i = 0; i < N; i++) {
    lines.push([`C-${i}`, `Cliente ${i}`, `Cli ${i}`, `Rua ${i}`, i, `Apto ${i % 300}`, 'Centro', `Cidade ${i % 50}`,
      `nota ${i}`, `https://e${i}.example.com`, `AC${i}`, 'padrão', `G${i % 7}`, `Rua ${i}, ${i}`, 'Banco', `M${i}`].join(';'))
  }
  const file = path.join(tmp, 'wide.csv')
  fs.writeFileSync(file, lines.join('\n') + '\n')
  const mapping = Object.fromEntries(fields.map((f) => [f, f]))
  const store = Store.inMemory()
  const report = store.importFile(file, { mapping })
  assert.equal(report.stats.customersValid, N)
  const customers = report.customers
  assert.equal(customers.length, N)
  assert.deepEqual(customers[N - 1].rows, [N + 1])
  assert.equal(customers[N - 1].notes, `nota ${N - 1}`)
  const nodes = customers.reduce((n, c) => n + 2 + Object.keys(c).length + c.rows.length, 1)
  assert.ok(nodes > 1_000_000, `${nodes} values: the test must exceed napi's budget`)
  const stored = store.customers('default')
  assert.equal(stored.length, N)
  assert.equal(stored[12_345].name, 'Cliente 12345')
  assert.equal(stored[N - 1].website, `https://e${N - 1}.example.com`)
  store.close()
})

test('a callback that calls back into its own Store fails fast with reentrant_call (was a deadlock)', () => {
  const r = child(`
    const file = require('path').join(process.cwd(), 're.csv')
    require('fs').writeFileSync(file, gen.customersCsv(300))
    const store = new cadastro.Store(require('path').join(process.cwd(), 're.db'))
    const seen = []
    const sync = codeOf(() => store.importFile(file, { country: 'BR', onProgress: () => { store.accounts() } }))
    store.importFile(file, { country: 'BR', dryRun: true, onProgress: () => { seen.push(codeOf(() => store.accounts())) } })
    const stream = codeOf(() => store.importStream(file, () => { store.customers('default') }, { country: 'BR', chunkRows: 100 }))
    // A callback that catches the error and goes on: the import completes and is written.
    let caught = null
    const report = store.importFile(file, { country: 'BR', account: 'b', onProgress: () => { caught = caught || codeOf(() => store.groups('b')) } })
    // The async import holds the store on the pool: a sync call from its onProgress (JS thread)
    // waits its turn instead of failing, and everything completes.
    const fromAsync = []
    const asyncReport = await store.importFileAsync(file, { country: 'BR', account: 'c', onProgress: () => { fromAsync.push(store.accounts().length) } })
    out({ sync, stream, seen: [...new Set(seen)], caught, applied: report.applied, created: report.plan.counts.created,
      asyncApplied: asyncReport.applied, fromAsync: fromAsync.length > 0, accounts: store.accounts(),
      stored: store.customers('b').length })
  `)
  assert.equal(r.sync, 'reentrant_call')
  assert.deepEqual(r.seen, ['reentrant_call'])
  assert.equal(r.stream, 'reentrant_call')
  assert.equal(r.caught, 'reentrant_call')
  assert.equal(r.applied, true)
  assert.equal(r.created, 300)
  assert.equal(r.stored, 300)
  assert.equal(r.asyncApplied, true)
  assert.equal(r.fromAsync, true)
  assert.deepEqual(r.accounts, ['b', 'c', 'default'])
})

test('a FIFO or a device as input is refused with io at once (was a hang, or reading /dev/zero forever)', () => {
  const fifo = path.join(tmp, 'clientes.csv')
  const mk = spawnSync('mkfifo', [fifo])
  assert.equal(mk.status, 0, 'mkfifo')
  const r = child(`
    const fifo = ${JSON.stringify(fifo)}
    const store = cadastro.Store.inMemory()
    const res = {}
    for (const [name, p] of [['fifo', fifo], ['zero', '/dev/zero'], ['urandom', '/dev/urandom']]) {
      res[name] = {
        validate: codeOf(() => cadastro.validate(p)),
        validateAsync: await codeOfAsync(cadastro.validateAsync(p)),
        inspect: codeOf(() => cadastro.inspect(p)),
        importFile: codeOf(() => store.importFile(p)),
        importFileAsync: await codeOfAsync(store.importFileAsync(p)),
        importStream: codeOf(() => store.importStream(p, () => {})),
        validateStream: codeOf(() => cadastro.validateStream(p, () => {})),
      }
    }
    try { cadastro.validate(fifo) } catch (e) { res.message = e.message }
    out(res)
  `, 30_000)
  for (const name of ['fifo', 'zero', 'urandom']) {
    for (const [op, code] of Object.entries(r[name])) assert.equal(code, 'io', `${name} ${op}`)
  }
  assert.match(r.message, /named pipe \(FIFO\)/)
  assert.match(r.message, /clientes\.csv/)
})
