'use strict'
// Shared by the node --test suites.
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

// The CSV and workbook readers land in the core from their own branches; until then reading any
// file fails ("reader pending"). Tests that read real files are written for real and skipped
// while this is false: flip it when the readers are merged.
const READERS = true

const ROOT = path.resolve(__dirname, '..', '..', '..')
const TESTDATA = path.join(ROOT, 'testdata')

/** Every file under testdata/inputs (recursively, .md/.json excluded), sorted, as paths relative to it. */
function inputFiles() {
  const base = path.join(TESTDATA, 'inputs')
  const out = []
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (!/\.(md|json)$/.test(entry.name)) out.push(path.relative(base, p).split(path.sep).join('/'))
    }
  }
  walk(base)
  return out.sort()
}

/** The profile of an input file (testdata/golden/profiles.json; default generic), as the Rust golden test uses. */
function profileOf(rel) {
  const file = path.join(TESTDATA, 'golden', 'profiles.json')
  const profiles = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
  return profiles[rel] || 'generic'
}

let cliPath
/** The CLI binary: $CADASTRO_CLI, else built (or found up to date) by cargo, which prints its path. */
function cli() {
  if (cliPath) return cliPath
  if (process.env.CADASTRO_CLI) return (cliPath = process.env.CADASTRO_CLI)
  const r = spawnSync('cargo', ['build', '-q', '--locked', '-p', 'cadastro-cli', '--message-format=json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`cargo build -p cadastro-cli failed:\n${r.stderr}`)
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    const msg = JSON.parse(line)
    if (msg.reason === 'compiler-artifact' && msg.executable && msg.target.name === 'cadastro') cliPath = msg.executable
  }
  if (!cliPath) throw new Error('cargo did not report the cadastro executable')
  return cliPath
}

/** Runs the CLI; returns { status, stdout, stderr }. */
function runCli(args) {
  return spawnSync(cli(), args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
}

module.exports = { READERS, ROOT, TESTDATA, inputFiles, profileOf, cli, runCli }
