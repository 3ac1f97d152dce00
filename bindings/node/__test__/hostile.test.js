'use strict'
// The hostile corpus (testdata/hostile/manifest.json) through `validate`, as a Buffer and as a
// path: every file throws an Error whose `.code` is the kind the manifest gives, and nothing
// crashes the process. Plus the big generated hostiles the Rust suite (crates/cadastro-cli/tests/
// hostile.rs) runs in child processes, here in-process through a Buffer: a 100 MB single line, a
// million columns, a 10-million-character cell, NUL bytes everywhere.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { validate } = require('..')

const HOSTILE = path.resolve(__dirname, '..', '..', '..', 'testdata', 'hostile')
const manifest = JSON.parse(fs.readFileSync(path.join(HOSTILE, 'manifest.json'), 'utf8'))

/** Asserts `validate(source)` throws an Error with `.code` === code, within `ms`. */
function throwsCode(source, code, label, ms = 5000) {
  const t0 = Date.now()
  assert.throws(
    () => validate(source),
    (err) => {
      assert.ok(err instanceof Error, `${label}: not an Error: ${err}`)
      assert.equal(err.code, code, `${label}: ${err.code}: ${err.message}`)
      return true
    },
  )
  const elapsed = Date.now() - t0
  assert.ok(elapsed < ms, `${label}: ${elapsed} ms`)
}

test('the manifest has the whole corpus', () => {
  assert.ok(manifest.length >= 20, `${manifest.length} entries`)
  for (const { file } of manifest) assert.ok(fs.existsSync(path.join(HOSTILE, file)), file)
})

for (const { file, kind } of manifest) {
  test(`${file}: ${kind} (path and Buffer)`, () => {
    const p = path.join(HOSTILE, file)
    throwsCode(p, kind, `${file} (path)`)
    throwsCode(fs.readFileSync(p), kind, `${file} (Buffer)`)
  })
}

test('generated: a 100 MB single line, a million columns, a 10M-character cell: limit_exceeded', () => {
  const line = Buffer.alloc(100 * 1024 * 1024, 'x')
  Buffer.from('nome;email;').copy(line)
  throwsCode(line, 'limit_exceeded', '100 MB line')
  const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(';')
  throwsCode(Buffer.from(`${header}\n${';'.repeat(999_999)}\n`), 'limit_exceeded', 'a million columns')
  throwsCode(Buffer.from(`nome;email\n"${'é'.repeat(10_000_000)}";a@b.com\n`), 'limit_exceeded', '10M chars')
  throwsCode(Buffer.from(`nome;email\n"${'Ana;ana@example.com\n'.repeat(250_000)}`), 'limit_exceeded', 'open quote')
})

test('generated: NUL bytes everywhere are binary; invalid UTF-8 everywhere reads in a code page', () => {
  throwsCode(Buffer.from('nome;email\n' + 'A\0n\0a;a\0@b.c\n'.repeat(10_000), 'latin1'), 'unsupported_format', 'NULs')
  const rows = ['nome;email']
  for (let i = 0; i < 500; i++) rows.push(`\xff\xfe\xc3\x80\xe9 ${i};a${i}@b.com`)
  const report = validate(Buffer.from(rows.join('\n') + '\n', 'latin1'))
  // Random bytes are no language: any single-byte code page that maps every byte will do.
  assert.ok(['windows-1252', 'windows-1250', 'iso-8859-2', 'iso-8859-15', 'x-mac-roman'].includes(report.source.encoding))
  assert.equal(report.stats.rowsTotal, 500)
})
