'use strict'
// The shared table-driven cases (testdata/cases/*.json, format in the project brief) replayed
// through `normalize`, exactly as the Rust runner (crates/cadastro/tests/cases.rs) replays them
// through `validate::check_value`.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { normalize } = require('..')
const { TESTDATA } = require('./helpers')

const dir = path.join(TESTDATA, 'cases')
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'mapping.json')
  .sort()

test('there are case files to replay', () => {
  assert.ok(files.length > 0, `no case files in ${dir}`)
})

for (const file of files) {
  test(`cases: ${file}`, () => {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
    assert.ok(doc.cases.length > 0)
    const failures = []
    for (const c of doc.cases) {
      const hasValue = Object.prototype.hasOwnProperty.call(c, 'value')
      const hasError = Object.prototype.hasOwnProperty.call(c, 'error')
      assert.ok(hasValue !== hasError, `${file}: a case needs exactly one of value or error: ${JSON.stringify(c)}`)
      const got = normalize(c.field, c.input, c.country)
      const value = got.value ?? null
      const error = got.error ?? null
      let ok
      if (hasValue && c.value === null) ok = value === null && error === null // blank: absent
      else if (hasValue) ok = error === null && isDeepEqual(value, c.value)
      else ok = value === null && error === c.error
      ok = ok && isDeepEqual(got.warnings, c.warnings || [])
      if (!ok) failures.push(`${JSON.stringify(c)}\n    got ${JSON.stringify(got)}`)
    }
    assert.deepEqual(failures, [], `${failures.length} of ${doc.cases.length} cases failed`)
  })
}

function isDeepEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b)
    return true
  } catch {
    return false
  }
}

test('normalize: input kinds are the cells a reader produces', () => {
  assert.deepEqual(normalize('name', '  Maria \u00a0 Silva '), { value: 'Maria Silva', warnings: [] })
  // A numeric cell is written without its fraction; a blank one is absent.
  assert.equal(normalize('external_id', 1001).value, '1001')
  for (const blank of [null, undefined, '', '   ']) {
    const got = normalize('name', blank)
    assert.equal(got.value ?? null, null)
    assert.equal(got.error ?? null, null)
  }
})

test('normalize: an unknown field or an unsupported value type is invalid_options', () => {
  assert.throws(() => normalize('no_such_field', 'x'), { code: 'invalid_options', message: /no_such_field/ })
  assert.throws(() => normalize('name', { a: 1 }), { code: 'invalid_options' })
})
