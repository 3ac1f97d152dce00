'use strict'
// Issue #14's reading through Node: legacy encodings, other delimiters, headerless tables, rows
// above the header and inspect's header candidates, on real files from testdata/realworld.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { validate, inspect } = require('..')
const { READERS } = require('./helpers')

const skip = !READERS && 'needs the CSV reader (flip READERS in __test__/helpers.js)'
const REAL = path.join(__dirname, '..', '..', '..', 'testdata', 'realworld', 'csv')

for (const [name, encoding, delimiter, text] of [
  ['alfa_example.csv', 'windows-1251', ';', 'Текущий счет'],
  ['sjis.csv', 'shift_jis', ',', '本日はいい天気'],
  ['Speaking_Tool.csv', 'x-mac-roman', ';', 'Të dua'],
  ['councils.csv', 'utf-8', '#', 'Almería'],
  ['diamonds.csv', 'utf-8', ' ', 'Premium'],
]) {
  test(`${name}: ${encoding}, delimiter ${delimiter}`, { skip }, () => {
    const ins = inspect(path.join(REAL, name))
    assert.equal(ins.source.encoding, encoding)
    assert.equal(ins.source.delimiter, delimiter)
    assert.ok(ins.source.encodingConfidence >= 0.5 && ins.source.encodingConfidence <= 1)
    assert.ok(ins.toJson().includes(text))
  })
}

test('the encoding option takes the new names', { skip }, () => {
  const file = path.join(REAL, 'alfa_example.csv')
  assert.equal(inspect(file, { encoding: 'x-mac-roman' }).source.encoding, 'x-mac-roman')
  assert.throws(() => inspect(file, { encoding: 'ebcdic' }), (e) => e.code === 'invalid_options')
})

test('headerless files and rows above the header', { skip }, () => {
  const headerless = inspect(path.join(REAL, 'data.csv'))
  assert.equal(headerless.source.headerRow, undefined) // absent in JS, null in the JSON
  assert.ok(headerless.toJson().includes('"header_row":null'))
  const ins = inspect(path.join(REAL, '2009-2010ZS-studenti.csv'))
  assert.equal(ins.source.headerRow, 3)
  assert.deepEqual(ins.source.skippedRows, [{ row: 1, reason: 'title' }, { row: 2, reason: 'title' }])
  assert.equal(ins.headerCandidates[0].row, 3)
  assert.equal(ins.headerCandidates[0].chosen, true)
  assert.ok(ins.headerCandidates.every((c) => typeof c.score === 'number'))
  const above = 'C-1;Ana Souza;529.982.247-25\nC-2;Bia Lima;111.444.777-35\n' +
    'Identificador Externo;Nome completo;CPF/CNPJ\nC-3;Caio Reis;390.533.447-05\n'
  const report = validate(Buffer.from(above), { profile: 'asaas' })
  assert.deepEqual(report.issues.filter((i) => i.code === 'skipped_above_header').map((i) => i.row), [1, 2])
  assert.deepEqual(report.source.skippedRows, [{ row: 1, reason: 'data' }, { row: 2, reason: 'data' }])
})

test('a ragged row is rejected whole, naming the split column', { skip }, () => {
  const csv = 'Nome,Morada,País\nAna Souza,Rua das Flores, 123,Porto\nBia Lima,Rua A 1,Brasil\n'
  const errors = validate(Buffer.from(csv)).issues.filter((i) => i.severity === 'error')
  assert.deepEqual(errors.map((i) => [i.row, i.code, i.column]), [[2, 'ragged_row', 'B']])
})

test('space-aligned columns and a headerless all-text file', { skip }, () => {
  const aligned = inspect(path.join(REAL, 'diamonds.csv'))
  assert.deepEqual(aligned.columns.slice(0, 4).map((c) => c.header), ['id', 'carat', 'cut', 'color'])
  // shops.csv has no header row: its first row's voivodeship recurs below it.
  assert.equal(inspect(path.join(REAL, 'shops.csv')).source.headerRow, undefined)
})
