//! Writes the workbook fixtures of `testdata/inputs/excel/` with rust_xlsxwriter.
//!
//! Deterministic: fixed data, fixed document dates. Run from the workspace root:
//! `cargo run -p make-testdata -- testdata/inputs/excel`. The xls and ods fixtures are then made
//! from two of these files by `testdata/scripts/make_office.sh` (LibreOffice).

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The Asaas import template headers (crates/cadastro/src/profile/builtin/asaas.json).
const ASAAS: [&str; 19] = [
    "Identificador Externo",
    "Nome completo",
    "E-mail",
    "Celular",
    "Fone",
    "CPF/CNPJ",
    "CEP",
    "Endereço",
    "Número",
    "Complemento",
    "Bairro",
    "Cidade",
    "Estado",
    "E-mails adicionais",
    "Inscrição municipal",
    "Inscrição estadual",
    "Observações",
    "Grupo",
    "Empresa",
];

/// The InvoiceOcean client export headers (invoiceocean.json).
const INVOICEOCEAN: [&str; 21] = [
    "No",
    "ID",
    "Short name",
    "Client name",
    "Tax ID",
    "City",
    "Post code",
    "Street",
    "Country",
    "Delivery address",
    "Company",
    "Email",
    "Website",
    "Telephone",
    "Mobile phone",
    "Fax",
    "Forename",
    "Surname",
    "Bank",
    "Account number",
    "Additional description",
];

fn check_digit(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    let r = sum % 11;
    if r < 2 { 0 } else { 11 - r }
}

/// A valid CPF (11 digits) from its 9-digit base.
fn cpf(base: &str) -> String {
    let mut d: Vec<u32> = base.chars().filter_map(|c| c.to_digit(10)).collect();
    let w1: Vec<u32> = (2..=10).rev().collect();
    d.push(check_digit(&d, &w1));
    let w2: Vec<u32> = (2..=11).rev().collect();
    d.push(check_digit(&d, &w2));
    d.iter().map(|x| char::from_digit(*x, 10).unwrap_or('0')).collect()
}

/// A valid CNPJ (14 digits) from its 12-digit base.
fn cnpj(base: &str) -> String {
    let mut d: Vec<u32> = base.chars().filter_map(|c| c.to_digit(10)).collect();
    d.push(check_digit(&d, &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
    d.push(check_digit(&d, &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
    d.iter().map(|x| char::from_digit(*x, 10).unwrap_or('0')).collect()
}

fn fmt_cpf(c: &str) -> String {
    format!("{}.{}.{}-{}", &c[0..3], &c[3..6], &c[6..9], &c[9..11])
}

fn fmt_cnpj(c: &str) -> String {
    format!("{}.{}.{}/{}-{}", &c[0..2], &c[2..5], &c[5..8], &c[8..12], &c[12..14])
}

/// One Brazilian customer of the fixtures.
struct Cliente {
    id: &'static str,
    nome: &'static str,
    email: &'static str,
    celular: f64,
    fone: &'static str,
    /// CPF (9-digit base) or CNPJ (12-digit base).
    doc_base: &'static str,
    cep: &'static str,
    rua: &'static str,
    numero: f64,
    complemento: &'static str,
    bairro: &'static str,
    cidade: &'static str,
    uf: &'static str,
    grupo: &'static str,
}

const CLIENTES: &[Cliente] = &[
    Cliente {
        id: "CLI-0001",
        nome: "Ana Beatriz Souza",
        email: "ana.souza@gmail.com",
        celular: 5511987654321.0,
        fone: "(11) 3456-7890",
        doc_base: "529982247",
        cep: "01310-100",
        rua: "Avenida Paulista",
        numero: 1578.0,
        complemento: "Conj. 42",
        bairro: "Bela Vista",
        cidade: "São Paulo",
        uf: "SP",
        grupo: "Varejo",
    },
    Cliente {
        id: "CLI-0002",
        nome: "João Pedro Oliveira",
        email: "joao.oliveira@uol.com.br",
        celular: 5511912345678.0,
        fone: "",
        doc_base: "043602718",
        cep: "04538-133",
        rua: "Avenida Brigadeiro Faria Lima",
        numero: 3477.0,
        complemento: "",
        bairro: "Itaim Bibi",
        cidade: "São Paulo",
        uf: "SP",
        grupo: "Varejo",
    },
    Cliente {
        id: "CLI-0003",
        nome: "Padaria Pão Quente Ltda",
        email: "financeiro@paoquente.com.br",
        celular: 5521998761234.0,
        fone: "(21) 2233-4455",
        doc_base: "112223330001",
        cep: "22041-001",
        rua: "Rua Barata Ribeiro",
        numero: 502.0,
        complemento: "Loja B",
        bairro: "Copacabana",
        cidade: "Rio de Janeiro",
        uf: "RJ",
        grupo: "Atacado",
    },
    Cliente {
        id: "CLI-0004",
        nome: "Construtora Horizonte S.A.",
        email: "contas@horizonte.eng.br",
        celular: 5531987001122.0,
        fone: "",
        doc_base: "069905900001",
        cep: "30130-010",
        rua: "Avenida Afonso Pena",
        numero: 1500.0,
        complemento: "10º andar",
        bairro: "Centro",
        cidade: "Belo Horizonte",
        uf: "MG",
        grupo: "Atacado",
    },
    Cliente {
        id: "CLI-0005",
        nome: "Mariana Conceição Lima",
        email: "mari.lima@hotmail.com",
        celular: 5571991234567.0,
        fone: "(71) 3322-1100",
        doc_base: "012345678",
        cep: "40020-000",
        rua: "Rua Chile",
        numero: 22.0,
        complemento: "Apto 301",
        bairro: "Centro",
        cidade: "Salvador",
        uf: "BA",
        grupo: "",
    },
    Cliente {
        id: "CLI-0006",
        nome: "Luiz Fernando Araújo",
        email: "luiz.araujo@terra.com.br",
        celular: 5541988887777.0,
        fone: "",
        doc_base: "286155490",
        cep: "80010-010",
        rua: "Rua XV de Novembro",
        numero: 700.0,
        complemento: "",
        bairro: "Centro",
        cidade: "Curitiba",
        uf: "PR",
        grupo: "Varejo",
    },
    Cliente {
        id: "CLI-0007",
        nome: "Café & Cia Comércio Eireli",
        email: "compras@cafeecia.com.br",
        celular: 5551999990000.0,
        fone: "(51) 3211-0099",
        doc_base: "045678900001",
        cep: "90010-150",
        rua: "Rua dos Andradas",
        numero: 1234.0,
        complemento: "Sala 5",
        bairro: "Centro Histórico",
        cidade: "Porto Alegre",
        uf: "RS",
        grupo: "Atacado",
    },
    Cliente {
        id: "CLI-0008",
        nome: "Fernanda Gonçalves",
        email: "fe.goncalves@yahoo.com.br",
        celular: 5561981112233.0,
        fone: "",
        doc_base: "007654321",
        cep: "70040-010",
        rua: "SBS Quadra 2",
        numero: 1.0,
        complemento: "Bloco E",
        bairro: "Asa Sul",
        cidade: "Brasília",
        uf: "DF",
        grupo: "",
    },
    Cliente {
        id: "CLI-0009",
        nome: "Ricardo Nogueira Pinto",
        email: "ricardo.pinto@gmail.com",
        celular: 5585987650001.0,
        fone: "(85) 3033-4455",
        doc_base: "390533447",
        cep: "60060-440",
        rua: "Avenida Santos Dumont",
        numero: 2789.0,
        complemento: "",
        bairro: "Aldeota",
        cidade: "Fortaleza",
        uf: "CE",
        grupo: "Varejo",
    },
    Cliente {
        id: "CLI-0010",
        nome: "Tech Nordeste Soluções ME",
        email: "adm@technordeste.com.br",
        celular: 5581997776655.0,
        fone: "",
        doc_base: "098765430001",
        cep: "50030-230",
        rua: "Rua do Bom Jesus",
        numero: 183.0,
        complemento: "",
        bairro: "Recife Antigo",
        cidade: "Recife",
        uf: "PE",
        grupo: "Serviços",
    },
];

fn is_cnpj(c: &Cliente) -> bool {
    c.doc_base.len() == 12
}

fn properties() -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_author("cadastro testdata")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 3, 1)?.and_hms(9, 0, 0)?))
}

fn workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties()?);
    Ok(wb)
}

/// Writes one customer in the Asaas layout at `row`, mixing the cell kinds real files have.
fn write_asaas_row(ws: &mut Worksheet, row: u32, i: usize, c: &Cliente) -> Result<(), XlsxError> {
    ws.write_string(row, 0, c.id)?;
    ws.write_string(row, 1, c.nome)?;
    ws.write_string(row, 2, c.email)?;
    // Mobiles as floats, the way Excel stores a typed number.
    ws.write_number(row, 3, c.celular)?;
    if !c.fone.is_empty() {
        ws.write_string(row, 4, c.fone)?;
    }
    let doc = if is_cnpj(c) { cnpj(c.doc_base) } else { cpf(c.doc_base) };
    if doc.starts_with('0') || i % 4 == 2 {
        // Typed as a number: a leading zero is lost.
        ws.write_number(row, 5, doc.parse::<f64>().unwrap_or(0.0))?;
    } else if is_cnpj(c) {
        ws.write_string(row, 5, fmt_cnpj(&doc))?;
    } else {
        ws.write_string(row, 5, fmt_cpf(&doc))?;
    }
    let cep_digits: String = c.cep.chars().filter(char::is_ascii_digit).collect();
    if cep_digits.starts_with('0') || i.is_multiple_of(3) {
        ws.write_number(row, 6, cep_digits.parse::<f64>().unwrap_or(0.0))?;
    } else {
        ws.write_string(row, 6, c.cep)?;
    }
    ws.write_string(row, 7, c.rua)?;
    ws.write_number(row, 8, c.numero)?;
    if !c.complemento.is_empty() {
        ws.write_string(row, 9, c.complemento)?;
    }
    ws.write_string(row, 10, c.bairro)?;
    ws.write_string(row, 11, c.cidade)?;
    ws.write_string(row, 12, c.uf)?;
    if i.is_multiple_of(5) {
        ws.write_string(row, 13, format!("cobranca@{}", c.email.split('@').nth(1).unwrap_or("example.com")))?;
    }
    if is_cnpj(c) {
        ws.write_string(row, 15, "Isento")?;
        ws.write_string(row, 18, c.nome)?;
    }
    if i == 0 {
        ws.write_string(row, 16, "Cliente desde 2019; prefere boleto")?;
    }
    if !c.grupo.is_empty() {
        ws.write_string(row, 17, c.grupo)?;
    }
    Ok(())
}

fn asaas(dir: &Path) -> Res {
    let mut wb = workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("Clientes")?;
    let bold = Format::new().set_bold();
    for (col, h) in ASAAS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (i, c) in CLIENTES.iter().enumerate() {
        write_asaas_row(ws, i as u32 + 1, i, c)?;
    }
    wb.save(dir.join("asaas_clientes.xlsx"))?;
    Ok(())
}

fn titled(dir: &Path) -> Res {
    let mut wb = workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("Março")?;
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 18, "Clientes - Março 2026", &title)?;
    for (col, h) in ASAAS.iter().enumerate() {
        ws.write_string(2, col as u16, *h)?;
    }
    // Data in rows 4-8, two blank rows, more data in rows 11-13, a blank row, a footer in row 15.
    let mut row = 3u32;
    for (i, c) in CLIENTES.iter().enumerate().take(8) {
        if i == 5 {
            row += 2;
        }
        write_asaas_row(ws, row, i, c)?;
        row += 1;
    }
    row += 1;
    ws.write_string(row, 0, "Total: 8 clientes")?;
    wb.save(dir.join("titulo_mesclado.xlsx"))?;
    Ok(())
}

fn hidden_first(dir: &Path) -> Res {
    let mut wb = workbook()?;
    let config = wb.add_worksheet();
    config.set_name("Config")?;
    config.write_string(0, 0, "parametro")?;
    config.write_string(0, 1, "valor")?;
    config.write_string(1, 0, "versao")?;
    config.write_number(1, 1, 3.0)?;
    config.set_hidden(true);
    let clientes = wb.add_worksheet();
    clientes.set_name("Clientes")?;
    clientes.set_active(true);
    clientes.set_first_tab(true);
    for (col, h) in ASAAS.iter().enumerate().take(6) {
        clientes.write_string(0, col as u16, *h)?;
    }
    for (i, c) in CLIENTES.iter().enumerate().take(3) {
        let row = i as u32 + 1;
        clientes.write_string(row, 0, c.id)?;
        clientes.write_string(row, 1, c.nome)?;
        clientes.write_string(row, 2, c.email)?;
        clientes.write_number(row, 3, c.celular)?;
        let doc = if is_cnpj(c) { fmt_cnpj(&cnpj(c.doc_base)) } else { fmt_cpf(&cpf(c.doc_base)) };
        clientes.write_string(row, 5, doc)?;
    }
    let notas = wb.add_worksheet();
    notas.set_name("Notas")?;
    notas.write_string(0, 0, "Importado em março")?;
    wb.save(dir.join("primeira_oculta.xlsx"))?;
    Ok(())
}

fn kinds(dir: &Path) -> Res {
    let mut wb = workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("Tipos")?;
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let time = Format::new().set_num_format("hh:mm:ss");
    let duration = Format::new().set_num_format("[h]:mm:ss");
    for (col, h) in
        ["Nome", "Nascimento", "Cadastro", "Ativo", "Saldo", "Limite", "Horário", "Tempo", "Status", "Código"]
            .iter()
            .enumerate()
    {
        ws.write_string(0, col as u16, *h)?;
    }
    ws.write_string(1, 0, "Ana Beatriz Souza")?;
    ws.write_datetime_with_format(1, 1, &ExcelDateTime::from_ymd(1988, 7, 14)?, &date)?;
    ws.write_datetime_with_format(1, 2, &ExcelDateTime::from_ymd(2026, 3, 1)?.and_hms(10, 30, 0)?, &datetime)?;
    ws.write_boolean(1, 3, true)?;
    ws.write_number(1, 4, 1234.56)?;
    ws.write_number(1, 5, 1001.0)?;
    ws.write_datetime_with_format(1, 6, &ExcelDateTime::from_hms(14, 45, 30)?, &time)?;
    ws.write_number_with_format(1, 7, 1.5208333333333333, &duration)?;
    ws.write_formula(1, 8, Formula::new("=NA()").set_result("#N/A"))?;
    ws.write_string(1, 9, "00123")?;

    ws.write_string(2, 0, "João Pedro Oliveira")?;
    ws.write_datetime_with_format(2, 1, &ExcelDateTime::from_ymd(2000, 2, 29)?, &date)?;
    ws.write_datetime_with_format(2, 2, &ExcelDateTime::from_ymd(2025, 12, 31)?.and_hms(23, 59, 0)?, &datetime)?;
    ws.write_boolean(2, 3, false)?;
    ws.write_number(2, 4, -0.5)?;
    ws.write_number(2, 5, 5511987654321.0)?;
    ws.write_formula(2, 8, Formula::new("=1/0").set_result("#DIV/0!"))?;
    ws.write_formula(2, 9, Formula::new("=\"A\"&\"B\"").set_result("AB"))?;
    wb.save(dir.join("tipos.xlsx"))?;
    Ok(())
}

/// A minimal VBA project container (a CFB with the storages Excel expects): calamine only
/// parses it on request, so it is enough for an xlsm the reader must accept.
fn vba_project(path: &Path) -> Res {
    let file = std::fs::File::create(path)?;
    let mut comp = cfb::CompoundFile::create(file)?;
    comp.create_storage("/VBA")?;
    comp.create_stream("/VBA/dir")?.write_all(b"\x01")?;
    comp.create_stream("/PROJECT")?.write_all(b"ID=\"{00000000-0000-0000-0000-000000000000}\"\r\n")?;
    // Fixed timestamps keep the file byte-identical between runs.
    for entry in ["/", "/VBA", "/VBA/dir", "/PROJECT"] {
        comp.set_created_time(entry, std::time::UNIX_EPOCH)?;
        comp.set_modified_time(entry, std::time::UNIX_EPOCH)?;
    }
    comp.flush()?;
    Ok(())
}

fn macros(dir: &Path, scratch: &Path) -> Res {
    let bin = scratch.join("vbaProject.bin");
    vba_project(&bin)?;
    let mut wb = workbook()?;
    wb.add_vba_project(&bin)?;
    let ws = wb.add_worksheet();
    ws.set_name("Clientes")?;
    for (col, h) in ASAAS.iter().enumerate().take(3) {
        ws.write_string(0, col as u16, *h)?;
    }
    ws.write_string(1, 0, "CLI-0100")?;
    ws.write_string(1, 1, "Oficina do Zé Ltda")?;
    ws.write_string(1, 2, "ze@oficina.com.br")?;
    wb.save(dir.join("macros.xlsm"))?;
    Ok(())
}

/// The source of the InvoiceOcean xls (converted by LibreOffice in make_office.sh).
fn invoiceocean(dir: &Path) -> Res {
    struct Klient(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    // short name, client name, NIP, city, post code, street, email, phone, IBAN
    let rows = [
        Klient(
            "Kowalski",
            "Jan Kowalski Usługi Remontowe",
            "5260250274",
            "Warszawa",
            "00-950",
            "ul. Marszałkowska 84/92",
            "jan@kowalski-remonty.pl",
            "+48 22 628 12 34",
            "PL61109010140000071219812874",
        ),
        Klient(
            "Nowak Sp.",
            "Nowak i Wspólnicy Sp. z o.o.",
            "7740001454",
            "Kraków",
            "31-042",
            "Rynek Główny 1",
            "biuro@nowak.com.pl",
            "+48 12 421 00 00",
            "PL27114020040000300201355387",
        ),
        Klient(
            "Wiśniewska",
            "Anna Wiśniewska",
            "",
            "Gdańsk",
            "80-831",
            "ul. Długa 45",
            "anna.wisniewska@wp.pl",
            "601 234 567",
            "",
        ),
        Klient(
            "Łódź-Tex",
            "Łódź-Tex Zakłady Włókiennicze S.A.",
            "7251801126",
            "Łódź",
            "90-001",
            "ul. Piotrkowska 104",
            "faktury@lodztex.pl",
            "+48 42 632 11 22",
            "PL83101010230000261395100000",
        ),
        Klient(
            "Zieliński",
            "Piotr Zieliński",
            "",
            "Poznań",
            "61-758",
            "Stary Rynek 78",
            "p.zielinski@onet.pl",
            "502 111 222",
            "",
        ),
    ];
    let mut wb = workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("Klienci")?;
    for (col, h) in INVOICEOCEAN.iter().enumerate() {
        ws.write_string(0, col as u16, *h)?;
    }
    for (i, k) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_number(r, 1, 48_210_000.0 + i as f64 * 17.0)?;
        ws.write_string(r, 2, k.0)?;
        ws.write_string(r, 3, k.1)?;
        if !k.2.is_empty() {
            // One NIP typed as a number, the others as text.
            if i == 1 {
                ws.write_number(r, 4, k.2.parse::<f64>().unwrap_or(0.0))?;
            } else {
                ws.write_string(r, 4, k.2)?;
            }
        }
        ws.write_string(r, 5, k.3)?;
        ws.write_string(r, 6, k.4)?;
        ws.write_string(r, 7, k.5)?;
        ws.write_string(r, 8, "PL")?;
        ws.write_string(r, 10, if k.2.is_empty() { "0" } else { "1" })?;
        ws.write_string(r, 11, k.6)?;
        ws.write_string(r, if k.7.starts_with('+') { 13 } else { 14 }, k.7)?;
        if !k.8.is_empty() {
            ws.write_string(r, 18, "mBank S.A.")?;
            ws.write_string(r, 19, k.8)?;
        }
    }
    wb.save(dir.join("invoiceocean_klienci.xlsx"))?;
    Ok(())
}

fn main() -> Res {
    let dir: PathBuf = std::env::args().nth(1).unwrap_or_else(|| "testdata/inputs/excel".into()).into();
    std::fs::create_dir_all(&dir)?;
    let scratch = std::env::temp_dir().join("cadastro-make-testdata");
    std::fs::create_dir_all(&scratch)?;
    asaas(&dir)?;
    titled(&dir)?;
    hidden_first(&dir)?;
    kinds(&dir)?;
    macros(&dir, &scratch)?;
    invoiceocean(&dir)?;
    println!("wrote workbooks to {}", dir.display());
    Ok(())
}
