//! The readable summary of a report (`cadastro validate --format text`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Issue, IssueCode, Locale, PlanCounts, Report, Stats};
use crate::model::SourceInfo;

/// How many example issues are shown per code.
const EXAMPLES: usize = 3;
/// How many row numbers are listed per code.
const ROWS: usize = 20;

pub(super) fn summary(report: &Report) -> String {
    let mut text = TextSummary::new();
    text.set_locale(report.locale);
    for issue in &report.issues {
        text.add(issue);
    }
    text.render(&report.source, &report.profile, &report.stats, report.plan.as_ref())
}

/// What the summary keeps of one issue code.
#[derive(Debug, Clone, Default)]
struct Code {
    count: usize,
    /// Distinct consecutive rows: every row for the count, the first [`ROWS`] listed.
    rows: usize,
    last_row: Option<u32>,
    listed: Vec<u32>,
    examples: Vec<Issue>,
}

/// [`Report::to_text`] built issue by issue, for hosts that stream the issues
/// ([`crate::Importer::validate_stream`]) and never hold the whole report: it keeps per code a
/// count, the first rows and the first examples. Fed the report's issues in order, it renders
/// the same text as [`Report::to_text`].
///
/// ```
/// use cadastro::{Importer, ImportOptions, Source};
/// use cadastro::TextSummary;
/// let csv = "Customer name;Email\nACME;billing@acme.example\nGlobex;not-an-email\n";
/// let importer = Importer::new(ImportOptions::default())?;
/// let report = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec()))?;
/// let mut text = TextSummary::new();
/// report.issues.iter().for_each(|i| text.add(i));
/// assert_eq!(text.render(&report.source, &report.profile, &report.stats, None), report.to_text());
/// # Ok::<(), cadastro::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct TextSummary {
    by_code: BTreeMap<IssueCode, Code>,
    locale: Locale,
}

/// The words of the summary in one locale.
struct Labels {
    delimiter: &'static str,
    tab: &'static str,
    sheet: &'static str,
    header_on_row: &'static str,
    no_header_row: &'static str,
    profile: &'static str,
    rows: &'static str,
    blank_skipped: &'static str,
    with_errors: &'static str,
    customers: &'static str,
    contacts: &'static str,
    valid: &'static str,
    rejected: &'static str,
    plan: &'static str,
    created: &'static str,
    updated: &'static str,
    unchanged: &'static str,
    no_issues: &'static str,
    error: &'static str,
    warning: &'static str,
    on_row: &'static str,
    on_rows: &'static str,
    and_more: &'static str,
    /// `{k} of {n} shown`.
    shown: &'static str,
    row: &'static str,
    column: &'static str,
    country_inferred: &'static str,
    from: &'static str,
}

fn labels(locale: Locale) -> Labels {
    match locale {
        Locale::PtBr => Labels {
            delimiter: "delimitador",
            tab: "tab",
            sheet: "planilha",
            header_on_row: "cabeçalho na linha",
            no_header_row: "sem linha de cabeçalho (colunas nomeadas pela letra)",
            profile: "perfil",
            rows: "linhas",
            blank_skipped: "em branco ignoradas",
            with_errors: "com erros",
            customers: "clientes",
            contacts: "contatos",
            valid: "válidos",
            rejected: "rejeitados",
            plan: "plano",
            created: "criados",
            updated: "atualizados",
            unchanged: "sem mudança",
            no_issues: "nenhum problema",
            error: "erro",
            warning: "aviso",
            on_row: "na linha",
            on_rows: "nas linhas",
            and_more: "e mais {n}",
            shown: "{k} de {n} mostrados",
            row: "linha",
            column: "coluna",
            country_inferred: "país deduzido",
            from: "a partir de",
        },
        Locale::Fr => Labels {
            delimiter: "séparateur",
            tab: "tabulation",
            sheet: "feuille",
            header_on_row: "en-tête à la ligne",
            no_header_row: "sans ligne d'en-tête (colonnes nommées par leur lettre)",
            profile: "profil",
            rows: "lignes",
            blank_skipped: "vides ignorées",
            with_errors: "avec erreurs",
            customers: "clients",
            contacts: "contacts",
            valid: "valides",
            rejected: "rejetés",
            plan: "plan",
            created: "créés",
            updated: "mis à jour",
            unchanged: "inchangés",
            no_issues: "aucun problème",
            error: "erreur",
            warning: "avertissement",
            on_row: "à la ligne",
            on_rows: "aux lignes",
            and_more: "et {n} de plus",
            shown: "{k} sur {n} affichés",
            row: "ligne",
            column: "colonne",
            country_inferred: "pays déduit",
            from: "d'après",
        },
        Locale::Pl => Labels {
            delimiter: "separator",
            tab: "tabulator",
            sheet: "arkusz",
            header_on_row: "nagłówek w wierszu",
            no_header_row: "bez wiersza nagłówka (kolumny nazwane literami)",
            profile: "profil",
            rows: "wiersze",
            blank_skipped: "pustych pominięto",
            with_errors: "z błędami",
            customers: "klienci",
            contacts: "kontakty",
            valid: "poprawnych",
            rejected: "odrzuconych",
            plan: "plan",
            created: "do utworzenia",
            updated: "do aktualizacji",
            unchanged: "bez zmian",
            no_issues: "brak problemów",
            error: "błąd",
            warning: "ostrzeżenie",
            on_row: "w wierszu",
            on_rows: "w wierszach",
            and_more: "i {n} więcej",
            shown: "pokazano {k} z {n}",
            row: "wiersz",
            column: "kolumna",
            country_inferred: "wywnioskowany kraj",
            from: "na podstawie",
        },
        Locale::Es => Labels {
            delimiter: "delimitador",
            tab: "tabulador",
            sheet: "hoja",
            header_on_row: "encabezado en la fila",
            no_header_row: "sin fila de encabezado (columnas nombradas por su letra)",
            profile: "perfil",
            rows: "filas",
            blank_skipped: "en blanco omitidas",
            with_errors: "con errores",
            customers: "clientes",
            contacts: "contactos",
            valid: "válidos",
            rejected: "rechazados",
            plan: "plan",
            created: "creados",
            updated: "actualizados",
            unchanged: "sin cambios",
            no_issues: "ningún problema",
            error: "error",
            warning: "aviso",
            on_row: "en la fila",
            on_rows: "en las filas",
            and_more: "y {n} más",
            shown: "{k} de {n} mostrados",
            row: "fila",
            column: "columna",
            country_inferred: "país deducido",
            from: "a partir de",
        },
        _ => Labels {
            delimiter: "delimiter",
            tab: "tab",
            sheet: "sheet",
            header_on_row: "header on row",
            no_header_row: "no header row (columns named by letter)",
            profile: "profile",
            rows: "rows",
            blank_skipped: "blank skipped",
            with_errors: "with errors",
            customers: "customers",
            contacts: "contacts",
            valid: "valid",
            rejected: "rejected",
            plan: "plan",
            created: "created",
            updated: "updated",
            unchanged: "unchanged",
            no_issues: "no issues",
            error: "error",
            warning: "warning",
            on_row: "on row",
            on_rows: "on rows",
            and_more: "and {n} more",
            shown: "{k} of {n} shown",
            row: "row",
            column: "column",
            country_inferred: "country inferred",
            from: "from",
        },
    }
}

impl TextSummary {
    /// An empty summary.
    pub fn new() -> Self {
        TextSummary::default()
    }

    /// The locale of the labels (default English; [`Report::to_text`] uses the report's).
    pub fn set_locale(&mut self, locale: Locale) {
        self.locale = locale;
    }

    /// Takes the next issue (in report order: sorted by row, then column).
    pub fn add(&mut self, issue: &Issue) {
        let code = self.by_code.entry(issue.code).or_default();
        code.count += 1;
        if code.last_row != Some(issue.row) {
            code.rows += 1;
            code.last_row = Some(issue.row);
            if code.listed.len() < ROWS {
                code.listed.push(issue.row);
            }
        }
        if code.examples.len() < EXAMPLES {
            code.examples.push(issue.clone());
        }
    }

    /// The text: counts, then the issues grouped by code with their rows and the first few
    /// examples.
    pub fn render(&self, src: &SourceInfo, profile: &str, s: &Stats, plan: Option<&PlanCounts>) -> String {
        let l = labels(self.locale);
        let mut out = String::new();
        let _ = write!(out, "{}", src.format.as_str());
        if let Some(enc) = src.encoding {
            let _ = write!(out, ", {}", enc.as_str());
        }
        if let Some(d) = src.delimiter {
            let d = if d == '\t' { l.tab.to_owned() } else { format!("'{d}'") };
            let _ = write!(out, ", {} {d}", l.delimiter);
        }
        if let Some(sheet) = &src.sheet {
            let _ = write!(out, ", {} \"{sheet}\"", l.sheet);
        }
        match src.header_row {
            Some(row) => {
                let _ = writeln!(out, ", {} {row}, {} {}", l.header_on_row, l.profile, profile);
            }
            None => {
                let _ = writeln!(out, ", {}, {} {}", l.no_header_row, l.profile, profile);
            }
        }
        if let Some(c) = &src.country_inferred {
            let _ = writeln!(out, "{}: {} ({} {})", l.country_inferred, c.country, l.from, c.evidence.join(", "));
        }
        let _ = writeln!(
            out,
            "{}: {} ({} {}), {} {}",
            l.rows, s.rows_total, s.rows_blank, l.blank_skipped, s.rows_rejected, l.with_errors
        );
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}",
            l.customers, s.customers_valid, l.valid, s.customers_rejected, l.rejected
        );
        if s.contacts_valid + s.contacts_rejected > 0 {
            let _ = writeln!(
                out,
                "{}: {} {}, {} {}",
                l.contacts, s.contacts_valid, l.valid, s.contacts_rejected, l.rejected
            );
        }
        if let Some(plan) = plan {
            let _ = writeln!(
                out,
                "{}: {} {}, {} {}, {} {}",
                l.plan, plan.created, l.created, plan.updated, l.updated, plan.unchanged, l.unchanged
            );
        }
        if self.by_code.is_empty() {
            let _ = writeln!(out, "{}", l.no_issues);
            return out;
        }
        for (code, c) in &self.by_code {
            let severity = if code.severity() == super::Severity::Error { l.error } else { l.warning };
            let listed: Vec<String> = c.listed.iter().map(u32::to_string).collect();
            let more = if c.rows > ROWS {
                format!(" {}", l.and_more.replace("{n}", &(c.rows - ROWS).to_string()))
            } else {
                String::new()
            };
            let on = if c.rows == 1 { l.on_row } else { l.on_rows };
            let _ = writeln!(out, "\n{code} ({severity}): {} {on} {}{more}", c.count, listed.join(", "));
            for issue in &c.examples {
                let at = match &issue.column {
                    Some(col) => format!("{} {} {} {col}", l.row, issue.row, l.column),
                    None => format!("{} {}", l.row, issue.row),
                };
                let value = issue.value.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
                let _ = writeln!(out, "  {at}: {}{value}", issue.message);
            }
            if c.count > c.examples.len() {
                let shown = l.shown.replace("{k}", &c.examples.len().to_string()).replace("{n}", &c.count.to_string());
                let _ = writeln!(out, "  ({shown})");
            }
        }
        out
    }
}
