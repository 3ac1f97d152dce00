'use strict'
// Every testdata/inputs file: `validate(file).toJson()` is byte-identical to the CLI's
// `cadastro validate FILE --profile P --format json` (minus its trailing newline), and a
// file-level failure throws the kind and message the CLI reports. Same for inspect. Needs the
// readers (see helpers.READERS) and builds the CLI with cargo (or uses $CADASTRO_CLI).
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { validate, inspect } = require('..')
const { READERS, TESTDATA, inputFiles, profileOf, runCli } = require('./helpers')

const skip = !READERS && 'needs the readers (flip READERS in __test__/helpers.js)'

/** What the binding gives for one call: the JSON, or the CLI's error object for a throw. */
function nodeJson(fn) {
  try {
    return fn().toJson()
  } catch (e) {
    if (!e.code) throw e
    return JSON.stringify({ error: { kind: e.code, message: e.message } })
  }
}

test('every testdata/inputs file: validate().toJson() equals the CLI JSON', { skip }, () => {
  const files = inputFiles()
  assert.ok(files.length > 0, 'no files under testdata/inputs')
  const diffs = []
  for (const rel of files) {
    const file = path.join(TESTDATA, 'inputs', rel)
    const profile = profileOf(rel)
    const cli = runCli(['validate', file, '--profile', profile, '--format', 'json'])
    assert.ok([0, 1, 2].includes(cli.status), `${rel}: CLI exit ${cli.status}\n${cli.stderr}`)
    assert.ok(cli.stdout.endsWith('\n'), `${rel}: CLI output without newline`)
    const expected = cli.stdout.slice(0, -1)
    const got = nodeJson(() => validate(file, { profile }))
    if (got !== expected) diffs.push(`${rel} (${profile}):\n  cli:  ${expected.slice(0, 300)}\n  node: ${got.slice(0, 300)}`)
    if (cli.status !== 2) {
      // The same bytes as a Buffer (toJsonBuffer), for hosts that write the report out.
      const bytes = validate(file, { profile }).toJsonBuffer()
      assert.ok(Buffer.isBuffer(bytes), rel)
      if (!bytes.equals(Buffer.from(expected, 'utf8'))) diffs.push(`${rel} (${profile}): toJsonBuffer differs`)
    }
  }
  assert.deepEqual(diffs, [], `${diffs.length} of ${files.length} files differ`)
})

test('every testdata/inputs file: inspect().toJson() equals the CLI JSON', { skip }, () => {
  const diffs = []
  const files = inputFiles()
  for (const rel of files) {
    const file = path.join(TESTDATA, 'inputs', rel)
    const profile = profileOf(rel)
    const cli = runCli(['inspect', file, '--profile', profile, '--format', 'json'])
    const got = nodeJson(() => inspect(file, { profile }))
    if (got !== cli.stdout.replace(/\n$/, '')) diffs.push(rel)
  }
  assert.deepEqual(diffs, [], `${diffs.length} of ${files.length} files differ`)
})
