'use strict'
// Issue 16 points 4, 5 and 7 through Node: the locale option (pl, es, lenient tags, the default
// that follows the profile or the headers), source.countryInferred on both pipelines (validate,
// validateStream), the ninth-digit warning.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { validate, validateAsync, validateStream } = require('..')

// The generic profile on a Brazilian file as Excel for Brazil saves it (Windows-1252: `ã` is
// 0xE3): a bad CPF, a legacy 8-digit mobile, a landline.
const BRAZILIAN = Buffer.concat([
  Buffer.from('Nome;CPF;Celular;Fone\r\nAna Souza;123.456.789-00;(11) 98765-4321;\r\nJo'),
  Buffer.from([0xe3]),
  Buffer.from('o Lima;529.982.247-25;(85) 9508-7624;(85) 3256-7624\r\n'),
])

function streamed(source, options) {
  const issues = []
  const summary = validateStream(source, (chunk) => { issues.push(...chunk.issues) }, { ...options, chunkRows: 1 })
  return { issues, summary }
}

test('country inferred and ninth digit, whole file and streamed', async () => {
  const report = validate(BRAZILIAN)
  assert.deepEqual(report.source.countryInferred, { country: 'BR', evidence: ['tax_id', 'phone', 'header_language'] })
  assert.deepEqual(report.issues.map((i) => [i.row, i.code]), [[2, 'invalid_tax_id'], [3, 'phone_ninth_digit_added']])
  const warning = report.issues[1]
  assert.equal(warning.severity, 'warning')
  assert.equal(warning.value, '(85) 9508-7624')
  assert.equal(report.customers[0].mobile_phone, '+5585995087624')
  assert.equal(report.customers[0].phone, '+558532567624')
  assert.equal(report.locale, 'pt-BR')
  const json = JSON.parse(report.toJson())
  assert.equal(json.locale, 'pt-BR')
  assert.equal(json.source.country_inferred.country, 'BR')

  const { issues, summary } = streamed(BRAZILIAN)
  assert.deepEqual(issues.map((i) => [i.row, i.code, i.message]), report.issues.map((i) => [i.row, i.code, i.message]))
  assert.deepEqual(summary.source.countryInferred, report.source.countryInferred)
  assert.equal(summary.locale, 'pt-BR')

  const fromAsync = await validateAsync(BRAZILIAN)
  assert.deepEqual(fromAsync.source.countryInferred, report.source.countryInferred)

  const pl = validate(BRAZILIAN, { country: 'PL' })
  assert.equal(pl.source.countryInferred, undefined)
  assert.ok(pl.issues.some((i) => i.code === 'invalid_phone'))
})

for (const [tag, locale, words] of [
  ['pl', 'pl', 'nieprawidłowy numer podatkowy'],
  ['pl-PL', 'pl', 'nieprawidłowy numer podatkowy'],
  ['es', 'es', 'identificador fiscal no válido'],
  ['es_ES', 'es', 'identificador fiscal no válido'],
  ['en', 'en', 'not a valid tax id'],
]) {
  test(`locale option ${tag}`, () => {
    const report = validate(BRAZILIAN, { locale: tag })
    assert.equal(report.locale, locale)
    assert.match(report.issues[0].message, new RegExp(words))
    const { issues, summary } = streamed(BRAZILIAN, { locale: tag })
    assert.match(issues[0].message, new RegExp(words))
    assert.equal(summary.locale, locale)
  })
}

test('default locale follows the profile, then the headers', () => {
  const asaas = Buffer.from('Identificador Externo;Nome completo;CPF/CNPJ\n1;;111\n')
  assert.equal(validate(asaas, { profile: 'asaas' }).locale, 'pt-BR')
  // Windows-1250 as Polish Excel saves it: `ł` is 0xB3, `ó` 0xF3, `Ł` 0xA3, `ź` 0x9F.
  const polish = Buffer.concat([
    Buffer.from('Nazwa;NIP;Miasto\r\nFirma;123;'),
    Buffer.from([0xa3, 0xf3, 0x64, 0x9f]),
    Buffer.from('\r\n'),
  ])
  const report = validate(polish, { profile: 'invoiceocean' })
  assert.equal(report.locale, 'pl')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadastro-node-ib-'))
  const out = path.join(dir, 'bledy.csv')
  report.writeErrors(out)
  assert.match(fs.readFileSync(out, 'utf8').split(/\r?\n/)[0], /Błędy$/)
  fs.rmSync(dir, { recursive: true, force: true })
  assert.equal(validate(Buffer.from('Nombre;Correo\nACME;x\n')).locale, 'es')
  assert.equal(validate(Buffer.from('Customer name;Email\nACME;x\n')).locale, 'en')
  assert.throws(() => validate(asaas, { locale: 'de' }), (e) => e.code === 'invalid_options' && /en, pt-BR, fr, pl, es/.test(e.message))
})
