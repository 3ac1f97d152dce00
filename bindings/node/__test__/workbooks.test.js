'use strict'
// Issue 14, workbooks, through Node: blank far cells do not widen a sheet, the first visible
// sheet holding data is read, an empty sheet says where the data is, and a sheet calamine cannot
// open does not sink the workbook (files: testdata/workbooks, testdata/scripts/make_read_book.py).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { validate, validateAsync } = require('..')

const WORKBOOKS = path.join(__dirname, '..', '..', '..', 'testdata', 'workbooks')

for (const name of ['stray_space.xlsx', 'stray_space.xls', 'empty_first_sheet.xlsx', 'empty_first_sheet.xls',
  'dangling_relationship.xlsx', 'macro_sheet.xlsm']) {
  test(`${name}: the customer sheet, four rows, three columns (path, Buffer, async)`, async () => {
    const p = path.join(WORKBOOKS, name)
    for (const report of [validate(p), validate(fs.readFileSync(p)), await validateAsync(p)]) {
      assert.equal(report.source.sheet, 'Clientes')
      assert.equal(report.stats.rowsTotal, 4)
      assert.equal(report.customers.length, 4)
      assert.equal(report.mapping.length, 3)
    }
  })
}

test('an empty sheet names the sheets holding data; an unreadable sheet says why', () => {
  assert.throws(() => validate(path.join(WORKBOOKS, 'empty_first_sheet.xlsx'), { sheet: 'Capa' }),
    (e) => e.code === 'empty_file' && e.message.includes('sheet "Clientes" does'))
  assert.throws(() => validate(path.join(WORKBOOKS, 'hidden_data_only.xlsx')),
    (e) => e.code === 'empty_file' && e.message.includes('sheet "Dados" does'))
  assert.equal(validate(path.join(WORKBOOKS, 'hidden_data_only.xlsx'), { sheet: 'Dados' }).stats.rowsTotal, 4)
  assert.throws(() => validate(path.join(WORKBOOKS, 'macro_sheet.xlsm'), { sheet: 'Macro1' }),
    (e) => e.code === 'corrupt_file' && e.message.includes('Excel 4.0 macro sheet'))
})
