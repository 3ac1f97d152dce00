'use strict'
// Generated inputs for the soak and concurrency suites: Brazilian customers keyed by CPF, with
// valid check digits, as a semicolon-separated UTF-8 CSV (what a Brazilian Excel saves).

/** The n-th valid CPF (11 digits, check digits computed; never an all-same-digit number). */
function cpf(n) {
  const base = String(100000000 + (n * 7919) % 800000000).padStart(9, '0').split('').map(Number)
  const check = (digits) => {
    const w = digits.length + 1
    const sum = digits.reduce((acc, d, i) => acc + d * (w - i), 0)
    const r = (sum * 10) % 11
    return r === 10 ? 0 : r
  }
  const d1 = check(base)
  const d2 = check([...base, d1])
  const s = [...base, d1, d2].join('')
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`
}

/** A CSV of `rows` customers keyed by CPF (no external id), starting at customer `from`. */
function customersCsv(rows, from = 0) {
  const lines = ['Nome;CPF/CNPJ;Email;Celular;Cidade;Estado;CEP']
  for (let i = from; i < from + rows; i++) {
    const phone = `119${String(80000000 + (i % 19999999)).padStart(8, '0')}`
    lines.push(`Cliente ${i} da Silva;${cpf(i)};cliente${i}@example.com.br;${phone};São Paulo;SP;01310-100`)
  }
  return lines.join('\r\n') + '\r\n'
}

module.exports = { cpf, customersCsv }
