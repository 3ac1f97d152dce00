'use strict'
// File-level failures reach JS as an Error whose `.code` is the core's kind string, thrown by
// the sync functions and rejected by validateAsync with the same code; a Rust panic is an Error
// with `.code` "internal", never a crashed process.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const cadastro = require('..')
const { validate, validateAsync, inspect, Profile } = cadastro

const missing = path.join(os.tmpdir(), `cadastro-node-missing-${process.pid}`, 'nope.csv')

/** Asserts the sync call throws and the async one rejects, both with `code` (and an Error). */
async function bothPaths(source, options, code, message) {
  const expected = (err) => {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.equal(err.code, code, `${err.code}: ${err.message}`)
    if (message) assert.match(err.message, message)
    return true
  }
  assert.throws(() => validate(source, options), expected)
  await assert.rejects(validateAsync(source, options), expected)
}

test('empty Buffer and empty Uint8Array: empty_file', async () => {
  await bothPaths(Buffer.alloc(0), undefined, 'empty_file')
  await bothPaths(new Uint8Array(0), {}, 'empty_file')
  assert.throws(() => inspect(Buffer.alloc(0)), { code: 'empty_file' })
})

test('a missing file: io, naming the path', async () => {
  await bothPaths(missing, undefined, 'io', /nope\.csv/)
  assert.throws(() => inspect(missing), { code: 'io' })
})

test('limits are settable (camelCase or snake_case) and enforced: limit_exceeded', async () => {
  const bytes = Buffer.from('Name\nAna\n')
  await bothPaths(bytes, { limits: { maxFileBytes: 4 } }, 'limit_exceeded', /file_bytes is 9, the maximum is 4/)
  await bothPaths(bytes, { limits: { max_file_bytes: 4 } }, 'limit_exceeded', /maximum is 4/)
  // On a path, the size is checked before the file is read.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-'))
  const file = path.join(dir, 'big.csv')
  fs.writeFileSync(file, bytes)
  await bothPaths(file, { limits: { maxFileBytes: 8 } }, 'limit_exceeded')
  // Numbers beyond 2^32 are integers too.
  assert.throws(() => validate(Buffer.alloc(0), { limits: { maxFileBytes: 5e9 } }), { code: 'empty_file' })
})

test('bad options are invalid_options on both paths, never silently ignored', async () => {
  const bytes = Buffer.from('Name\nAna\n')
  await bothPaths(bytes, { limits: { maxRowz: 3 } }, 'invalid_options', /max_rowz/)
  await bothPaths(bytes, { sheeet: 'x' }, 'invalid_options', /sheeet/)
  await bothPaths(bytes, { profile: 'no-such-profile' }, 'invalid_options', /no-such-profile/)
  await bothPaths(bytes, { locale: 'de' }, 'invalid_options', /locale/)
  await bothPaths(bytes, { country: 'XX' }, 'invalid_options', /XX/)
  await bothPaths(bytes, { delimiter: ';;' }, 'invalid_options')
  await bothPaths(bytes, { limits: { maxRows: 'many' } }, 'invalid_options')
  await bothPaths(bytes, 'asaas', 'invalid_options', /options must be an object/)
  await bothPaths(42, undefined, 'invalid_options', /source must be/)
  await bothPaths({ path: 'x.csv' }, undefined, 'invalid_options', /source must be/)
})

test('a bad profile document is invalid_profile', async () => {
  await bothPaths(Buffer.from('x'), { profile: { name: 'mine', version: 2 } }, 'invalid_profile')
  assert.throws(() => Profile.fromJson('{not json'), { code: 'invalid_profile' })
  assert.throws(() => Profile.builtin('nope'), { code: 'invalid_options' })
})

test('options are accepted in every documented form (the failure is the empty file, not the options)', async () => {
  const asaas = Profile.builtin('asaas')
  const forms = [
    { profile: 'asaas', locale: 'pt-BR', country: 'BR' },
    { profile: asaas, locale: 'pt_BR' },
    { profile: JSON.parse(asaas.toJson()), includeValues: false, include_values: false },
    { mapping: { Documento: 'tax_id', C: null }, sheet: 'Plan1', headerRow: 2, header_row: 2, delimiter: ';' },
    { encoding: 'windows-1252', limits: { maxRows: 10, max_columns: 5 }, profile: undefined, sheet: null },
  ]
  for (const options of forms) await bothPaths(Buffer.alloc(0), options, 'empty_file')
})

test('a panic in Rust is an Error with code "internal", sync and async; the process lives on', async () => {
  assert.throws(() => cadastro.__panicForTests(), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'internal')
    assert.match(err.message, /forced panic/)
    return true
  })
  await assert.rejects(cadastro.__panicForTestsAsync(), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'internal')
    assert.match(err.message, /thread pool/)
    return true
  })
  // Still alive and working after both.
  assert.equal(cadastro.normalize('name', ' Ana ').value, 'Ana')
})

test('errorCodes lists the core kinds plus internal, each once', () => {
  const codes = cadastro.errorCodes()
  for (const c of ['empty_file', 'io', 'limit_exceeded', 'invalid_options', 'invalid_profile', 'internal']) {
    assert.ok(codes.includes(c), c)
  }
  assert.equal(new Set(codes).size, codes.length)
})
