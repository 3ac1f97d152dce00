"""Generated inputs for the soak and concurrency tests: Brazilian customers keyed by CPF (valid
check digits, no external id), as a semicolon-separated UTF-8 CSV. The same rows as
bindings/node/__test__/gen.js."""

from __future__ import annotations


def cpf(n: int) -> str:
    """The n-th valid CPF, formatted `000.000.000-00`."""
    base = [int(d) for d in str(100_000_000 + (n * 7919) % 800_000_000).zfill(9)]

    def check(digits: list[int]) -> int:
        w = len(digits) + 1
        r = sum(d * (w - i) for i, d in enumerate(digits)) * 10 % 11
        return 0 if r == 10 else r

    d1 = check(base)
    d2 = check([*base, d1])
    s = "".join(map(str, [*base, d1, d2]))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def customers_csv(rows: int, start: int = 0) -> str:
    """`rows` customers keyed by CPF, from customer `start`."""
    lines = ["Nome;CPF/CNPJ;Email;Celular;Cidade;Estado;CEP"]
    for i in range(start, start + rows):
        phone = f"119{80_000_000 + i % 19_999_999:08d}"
        lines.append(f"Cliente {i} da Silva;{cpf(i)};cliente{i}@example.com.br;{phone};São Paulo;SP;01310-100")
    return "\r\n".join(lines) + "\r\n"
