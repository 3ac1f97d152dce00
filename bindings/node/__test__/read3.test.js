'use strict'
// Issue 14 (read3) through Node: real files from spreadsheet libraries' test suites and the CSV
// Wrangling collection (testdata/realworld) that earlier rounds refused or misread.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { inspect } = require('..')
const { READERS } = require('./helpers')

const skip = !READERS && 'needs the readers (flip READERS in __test__/helpers.js)'
const REAL = path.join(__dirname, '..', '..', '..', 'testdata', 'realworld')

test('a file mixing UTF-8 and windows-1252 lines is UTF-8 in doubt', { skip }, () => {
  const ins = inspect(path.join(REAL, 'csv-mixed', 'parneringwithinterviews.csv'))
  assert.equal(ins.source.encoding, 'utf-8')
  assert.ok(ins.source.encodingConfidence < 1)
})

test('ods files calamine refused are read', { skip }, () => {
  const ins = inspect(path.join(REAL, 'workbooks', 'phpspreadsheet', 'nomimetype.ods'))
  assert.equal(ins.source.format, 'ods')
  assert.ok(ins.toJson().includes('Hello'))
  assert.equal(inspect(path.join(REAL, 'workbooks', 'phpspreadsheet', 'issue.804.ods')).source.sheet, 'Report')
})

test('xls code pages and xlsb sheets calamine refused', { skip }, () => {
  assert.equal(inspect(path.join(REAL, 'workbooks', 'sheetjs', 'write_57.xls')).source.sheet, 'A')
  assert.throws(() => inspect(path.join(REAL, 'workbooks', 'phpspreadsheet', 'maccentraleurope.biff5.xls')),
    (e) => e.code === 'corrupt_file' && e.message.includes('code page 10029'))
  assert.throws(() => inspect(path.join(REAL, 'workbooks', 'poi', 'Simple.xlsb')),
    (e) => e.code === 'corrupt_file' && e.message.includes('no sheet can be read'))
})

test('a header over one far cell is found', { skip }, () => {
  const ins = inspect(path.join(REAL, 'workbooks', 'poi', '53282.xlsx'))
  assert.equal(ins.source.headerRow, 1)
  assert.ok(ins.toJson().includes('Store#'))
})
