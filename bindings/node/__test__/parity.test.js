// The parity list (testdata/parity) replayed through `call(op, requestJson)`: byte for byte the
// responses of the host crate, the CLI, Python and UniFFI.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const cadastro = require('..')

const ROOT = path.resolve(__dirname, '..', '..', '..')
const DIR = path.join(ROOT, 'testdata', 'parity', 'cases')
const CASES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()

test('the parity list is there', () => {
  assert.ok(CASES.length >= 10)
})

for (const name of CASES) {
  test(`parity: ${name}`, () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'))
    try {
      const text = fs.readFileSync(path.join(DIR, name), 'utf8').replaceAll('@ROOT@', ROOT).replaceAll('@TMP@', tmp)
      let got = ''
      for (const step of JSON.parse(text).steps) {
        const response = cadastro.call(step.op, JSON.stringify(step.request))
        got += response.replaceAll(tmp, '@TMP@').replaceAll(ROOT, '@ROOT@') + '\n'
      }
      const expected = fs.readFileSync(path.join(DIR, name.replace(/\.json$/, '.expected')), 'utf8')
      assert.equal(got, expected)
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  })
}

test('a closed store throws store_closed; errorCodes is the one kind list', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'))
  try {
    const store = new cadastro.Store(path.join(tmp, 's.db'))
    store.close()
    assert.throws(() => store.accounts(), (e) => e.code === 'store_closed')
    const kinds = JSON.parse(cadastro.call('kinds', '{}')).kinds
    assert.deepEqual(cadastro.errorCodes(), kinds)
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
})

test('validate resolves parents in the host base given as `lookup` (as every host does)', () => {
  const file = path.join(ROOT, 'testdata', 'parity', 'files', 'branches.csv')
  assert.equal(cadastro.validate(file).stats.customersValid, 0)
  const seen = []
  const lookup = (keys) => {
    seen.push(...keys)
    return [{ id: 8, revision: null, customer: { external_id: 'HQ-1', name: 'Matriz' } }]
  }
  const report = cadastro.validate(file, { lookup })
  assert.equal(report.stats.customersValid, 1)
  assert.ok(seen.some((k) => k.by === 'external_id' && k.value === 'HQ-1'))
  assert.equal(report.toJson(), cadastro.call('validate', JSON.stringify({
    file, existing: [{ id: 8, revision: null, customer: { external_id: 'HQ-1', name: 'Matriz' } }],
  })))
  assert.throws(() => cadastro.validate(file, { lookup: () => [{ id: 1, customer: {}, etag: 'x' }] }),
    (e) => e.code === 'lookup_failed' && /etag/.test(e.message))
})
