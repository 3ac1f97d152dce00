// The package works from ESM: named imports (statically detected CommonJS exports) and the
// default import.
import test from 'node:test'
import assert from 'node:assert/strict'
import cadastro, { validate, validateAsync, normalize, Profile, Report, errorCodes } from 'cadastro'

test('ESM: named and default imports are the same functions', () => {
  assert.equal(typeof validate, 'function')
  assert.equal(cadastro.validate, validate)
  assert.equal(cadastro.Profile, Profile)
  assert.equal(typeof Report, 'function')
  assert.ok(errorCodes().includes('internal'))
})

test('ESM: calls work, errors carry their code on both paths', async () => {
  assert.equal(normalize('name', '  Ana  Souza ').value, 'Ana Souza')
  assert.equal(Profile.builtin('upflow').name, 'upflow')
  assert.throws(() => validate(Buffer.alloc(0)), { code: 'empty_file' })
  await assert.rejects(validateAsync(new Uint8Array(0)), { code: 'empty_file' })
})
