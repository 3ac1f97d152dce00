'use strict'
// The Report face: camelCase properties, snake_case field names in customers, toJson, the error
// file, Buffer / Uint8Array / path sources, inspect. Needs the readers (see helpers.READERS).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { validate, validateAsync, inspect, Profile, Report, Inspection } = require('..')
const { READERS } = require('./helpers')

const skip = !READERS && 'needs the CSV reader (flip READERS in __test__/helpers.js)'
const CSV = [
  'Identificador Externo;Nome completo;CPF/CNPJ;E-mail',
  'C-1;Ana Souza;529.982.247-25;ana@example.com',
  'C-2;Bruno Lima;111.111.111-11;bruno@example.com',
  '',
  'C-3;Carla Dias;;not-an-email',
  '',
].join('\n')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-report-'))
const csvPath = path.join(tmp, 'clientes.csv')
fs.writeFileSync(csvPath, CSV)

test('path, Buffer and Uint8Array sources give the same report', { skip }, async () => {
  const bytes = Buffer.from(CSV)
  const fromPath = validate(csvPath, { profile: 'asaas' })
  const fromBuffer = validate(bytes, { profile: 'asaas' })
  const fromArray = validate(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { profile: 'asaas' })
  const fromAsync = await validateAsync(new Uint8Array(bytes), { profile: 'asaas' })
  assert.ok(fromPath instanceof Report && fromAsync instanceof Report)
  for (const r of [fromBuffer, fromArray, fromAsync]) assert.equal(r.toJson(), fromPath.toJson())
})

test('stats, issues and customers: camelCase properties, snake_case field names, same as the JSON', { skip }, () => {
  const report = validate(Buffer.from(CSV), { profile: 'asaas' })
  const json = JSON.parse(report.toJson())
  assert.equal(report.profile, 'asaas')
  assert.deepEqual(report.stats, {
    rowsTotal: json.stats.rows_total,
    rowsBlank: json.stats.rows_blank,
    rowsRejected: json.stats.rows_rejected,
    customersValid: json.stats.customers_valid,
    customersRejected: json.stats.customers_rejected,
    contactsValid: json.stats.contacts_valid,
    contactsRejected: json.stats.contacts_rejected,
  })
  assert.equal(report.stats.rowsTotal, 3)
  assert.equal(report.stats.rowsBlank, 1)
  assert.equal(report.stats.customersValid, 1)
  assert.equal(report.hasErrors, true)
  // customers are plain objects exactly as in the JSON (canonical snake_case names).
  assert.deepEqual(report.customers, json.customers)
  assert.equal(report.customers[0].external_id, 'C-1')
  assert.equal(report.customers[0].tax_id, '52998224725')
  assert.deepEqual(report.customers[0].rows, [2])
  // issues: same entries, absent optionals undefined rather than null.
  assert.equal(report.issues.length, json.issues.length)
  report.issues.forEach((issue, i) => {
    for (const [k, v] of Object.entries(json.issues[i])) assert.deepEqual(issue[k], v, `issue ${i}.${k}`)
  })
  const bad = report.issues.find((i) => i.code === 'invalid_tax_id')
  assert.equal(bad.row, 3)
  assert.equal(bad.field, 'tax_id')
  assert.equal(bad.severity, 'error')
  assert.equal(bad.value, '111.111.111-11')
  assert.equal(report.source.format, 'csv')
  assert.equal(report.source.delimiter, ';')
  assert.equal(report.source.headerRow, 1)
  assert.equal(report.mapping.find((m) => m.column === 'C').field, 'tax_id')
})

test('includeValues: false leaves cell values out of issues; locale changes messages only', { skip }, () => {
  const plain = validate(Buffer.from(CSV), { profile: 'asaas' })
  const noValues = validate(Buffer.from(CSV), { profile: 'asaas', includeValues: false })
  assert.ok(plain.issues.some((i) => i.value !== undefined))
  assert.ok(noValues.issues.every((i) => i.value === undefined))
  // The asaas profile speaks pt-BR by default; English only when asked.
  const pt = validate(Buffer.from(CSV), { profile: Profile.builtin('asaas'), locale: 'pt-BR' })
  const en = validate(Buffer.from(CSV), { profile: 'asaas', locale: 'en' })
  assert.deepEqual(pt.issues.map((i) => i.message), plain.issues.map((i) => i.message))
  assert.deepEqual(en.issues.map((i) => i.code), plain.issues.map((i) => i.code))
  assert.notDeepEqual(en.issues.map((i) => i.message), plain.issues.map((i) => i.message))
})

test('writeErrors writes the rejected rows to .csv and .xlsx; a bad extension is invalid_options', { skip }, () => {
  const report = validate(csvPath, { profile: 'asaas' })
  const out = path.join(tmp, 'erros.csv')
  report.writeErrors(out)
  const text = fs.readFileSync(out, 'utf8')
  assert.match(text, /Bruno Lima/)
  assert.match(text, /Carla Dias/)
  assert.doesNotMatch(text, /Ana Souza/)
  const xlsx = path.join(tmp, 'erros.xlsx')
  report.writeErrors(xlsx, 'fr')
  assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK')
  assert.throws(() => report.writeErrors(path.join(tmp, 'erros.pdf')), { code: 'invalid_options' })
  assert.throws(() => report.writeErrors(path.join(tmp, 'no-such-dir', 'e.csv')), { code: 'io' })
  assert.throws(() => report.writeErrors(out, 'de'), { code: 'invalid_options' })
})

test('an explicit mapping overrides the suggestions', { skip }, () => {
  const csv = 'Coluna 1;Coluna 2;Coluna 3\nC-9;529.982.247-25;Ana\n'
  const mapping = { 'Coluna 1': 'external_id', 'Coluna 2': 'tax_id', C: 'name' }
  const report = validate(Buffer.from(csv), { profile: 'asaas', mapping })
  const [customer] = report.customers
  assert.deepEqual([customer.rows, customer.external_id, customer.name], [[2], 'C-9', 'Ana'])
  assert.equal(customer.tax_id, '52998224725')
  assert.deepEqual(report.mapping.map((m) => m.reason), ['explicit', 'explicit', 'explicit'])
  // Without the mapping, no header names a field: a missing required column.
  assert.throws(() => validate(Buffer.from(csv), { profile: 'asaas' }), { code: 'missing_required_column' })
})

test('inspect: columns with suggestions and samples, JSON as the CLI prints it', { skip }, () => {
  const ins = inspect(csvPath, { profile: 'asaas' })
  assert.ok(ins instanceof Inspection)
  assert.equal(ins.source.format, 'csv')
  assert.equal(ins.rows, 3)
  assert.deepEqual(ins.sheets, [])
  const c = ins.columns.find((col) => col.column === 'B')
  assert.equal(c.header, 'Nome completo')
  assert.equal(c.field, 'name')
  assert.deepEqual(c.samples, ['Ana Souza', 'Bruno Lima', 'Carla Dias'])
  const json = JSON.parse(ins.toJson())
  assert.equal(json.columns[1].field, 'name')
})

test('Polish Excel CSV is read as windows-1250; the option forces another code page', { skip }, () => {
  const dir = path.join(__dirname, '..', '..', '..', 'testdata', 'inputs', 'csv')
  const cp1250 = validate(path.join(dir, 'invoiceocean_pl_windows1250_semicolon.csv'), { profile: 'invoiceocean' })
  const utf8 = validate(path.join(dir, 'invoiceocean_pl_comma.csv'), { profile: 'invoiceocean' })
  assert.equal(cp1250.source.encoding, 'windows-1250')
  assert.equal(cp1250.source.delimiter, ';')
  assert.deepEqual(cp1250.customers, utf8.customers)
  assert.equal(cp1250.customers[1].city, 'Łódź')
  const forced = validate(path.join(dir, 'invoiceocean_pl_windows1250_semicolon.csv'), {
    profile: 'invoiceocean',
    encoding: 'windows-1252',
  })
  assert.equal(forced.source.encoding, 'windows-1252')
  assert.equal(forced.customers[1].city, '£ódŸ')
})

test('merges, learned mappings and needsReview', { skip }, () => {
  // Separate CPF and CNPJ columns merge into the tax id; both filled and different is an error.
  const csv = [
    'Cód. Parceiro;Razão social;CPF;CNPJ',
    'P-1;Ana Souza;529.982.247-25;',
    'P-2;Padaria Pão Quente Ltda;;11.222.333/0001-81',
    'P-3;João Pereira;390.533.447-05;11.444.777/0001-61',
    '',
  ].join('\n')
  const plain = validate(Buffer.from(csv), { country: 'BR' })
  assert.deepEqual(plain.mapping[2].mergedFrom, ['C', 'D'])
  assert.deepEqual(plain.mapping[3].mergedFrom, ['C', 'D'])
  assert.equal(plain.mapping[0].needsReview, true)
  assert.equal(plain.mapping[1].needsReview, false)
  assert.deepEqual(plain.customers.map((c) => c.tax_id), ['52998224725', '11222333000181'])
  assert.ok(plain.issues.some((i) => i.code === 'merged_values_differ' && i.row === 4))

  const mapping = { learned: { 'Cód. Parceiro': 'external_id' }, tax_id: ['CPF', 'CNPJ'], review_threshold: 0.99 }
  const report = validate(Buffer.from(csv), { country: 'BR', mapping })
  assert.equal(report.mapping[0].field, 'external_id')
  assert.equal(report.mapping[0].reason, 'learned')
  assert.equal(report.mapping[0].needsReview, false)
  assert.equal(report.mapping[1].needsReview, true, 'a synonym (0.98 with its values) is below 0.99')
  assert.equal(report.mapping[2].reason, 'explicit')
  assert.deepEqual(report.customers.map((c) => c.external_id), ['P-1', 'P-2'])
  assert.throws(() => validate(Buffer.from(csv), { mapping: { tax_id: ['CPF'] } }), { code: 'invalid_options' })

  const ins = inspect(Buffer.from(csv), {})
  assert.deepEqual(ins.columns[2].mergedFrom, ['C', 'D'])
  assert.equal(ins.columns[0].needsReview, true)
})
