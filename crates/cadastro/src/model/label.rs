//! Folding header labels for comparison.

/// Folds a header label for comparison: accents transliterated (`ç` → `c`, `ł` → `l`), case,
/// punctuation and whitespace removed; the degree sign and the masculine ordinal (`N°`, `Nº`)
/// read as the letter `o`, so `N° TVA`, `Nº TVA` and `No TVA` fold alike.
///
/// ```
/// use cadastro::fold_label;
/// assert_eq!(fold_label("  E-mail  "), fold_label("email"));
/// assert_eq!(fold_label("Nome completo"), fold_label("NOME-COMPLETO"));
/// assert_eq!(fold_label("Nº TVA"), fold_label("No TVA"));
/// assert_eq!(fold_label("Województwo"), "wojewodztwo");
/// assert_eq!(fold_label("Kod pocztowy (PL)"), "kodpocztowypl");
/// ```
pub fn fold_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for_each_folded_char(label, |c| {
        if let Some(c) = c {
            out.push(c);
        }
    });
    out
}

/// The folded words of a label (split at punctuation and whitespace), each folded as by
/// [`fold_label`]. `"E-mail do contato"` gives `["e", "mail", "do", "contato"]`.
pub(crate) fn fold_tokens(label: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for_each_folded_char(label, |c| match c {
        Some(c) => current.push(c),
        None if !current.is_empty() => tokens.push(std::mem::take(&mut current)),
        None => {}
    });
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// Calls `emit` with every folded character of `label`, and with `None` at characters that
/// fold to nothing (whitespace, punctuation) and at word boundaries of a transliteration.
fn for_each_folded_char(label: &str, mut emit: impl FnMut(Option<char>)) {
    for ch in label.chars() {
        let ch = match ch {
            '°' | 'º' => 'o',
            'ª' => 'a',
            other => other,
        };
        if ch.is_ascii() {
            if ch.is_ascii_alphanumeric() {
                emit(Some(ch.to_ascii_lowercase()));
            } else {
                emit(None);
            }
            continue;
        }
        // Non-ASCII: transliterate (ç → c, ł → l, ß → ss, Ω → O, 北 → "Bei ").
        let ascii = deunicode::deunicode_char(ch).unwrap_or("");
        let mut any = false;
        for b in ascii.bytes() {
            if b.is_ascii_alphanumeric() {
                emit(Some(char::from(b.to_ascii_lowercase())));
                any = true;
            } else {
                emit(None);
            }
        }
        if !any && !ch.is_alphanumeric() {
            emit(None);
        }
    }
}

/// Folded labels of the columns an error file adds (its row column and its Errors column, in
/// every locale): a re-imported error file maps them to nothing and warns about neither.
const ERROR_FILE_LABELS: &[&str] =
    &["row", "linha", "ligne", "wiersz", "fila", "errors", "erros", "erreurs", "bledy", "błędy", "errores"];

/// Whether a header is one of the columns an error file adds (`Row`/`Linha`/`Ligne`/`Wiersz`/
/// `Fila`, `Errors`/`Erros`/`Erreurs`...), compared folded (case, accents, spaces).
///
/// ```
/// assert!(cadastro::export::is_error_file_column(" LINHA "));
/// assert!(cadastro::export::is_error_file_column("Erros"));
/// assert!(!cadastro::export::is_error_file_column("Nome"));
/// ```
pub fn is_error_file_column(header: &str) -> bool {
    ERROR_FILE_LABELS.contains(&fold_label(header).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_alike() {
        let same = [
            ("Nome completo", "NOME-COMPLETO"),
            ("Nome completo", "nome_completo"),
            ("Nome completo", " Nome  Completo "),
            ("N° TVA", "Nº TVA"),
            ("N° TVA", "No TVA"),
            ("N° TVA", "n.o tva"),
            ("Kod pocztowy", "KOD_POCZTOWY"),
            ("Raison sociale", "raison-sociale"),
            ("Razão social", "RAZAO SOCIAL"),
            ("Endereço", "endereco"),
            ("Código postal", "codigo postal"),
            ("Miejscowość", "miejscowosc"),
            ("Ulica/Nr", "ulica nr"),
            ("Téléphone", "TELEPHONE"),
            ("Straße", "strasse"),
            ("Číslo", "cislo"),
        ];
        for (a, b) in same {
            assert_eq!(fold_label(a), fold_label(b), "{a} vs {b}");
        }
        assert_eq!(fold_label("Łódź"), "lodz");
        assert_eq!(fold_label("E-mail"), "email");
        assert_eq!(fold_label("CPF/CNPJ"), "cpfcnpj");
        assert_eq!(fold_label(""), "");
        assert_eq!(fold_label(" - / "), "");
        assert_ne!(fold_label("Email"), fold_label("Emails"));
    }

    #[test]
    fn tokens() {
        assert_eq!(fold_tokens("E-mail do contato"), ["e", "mail", "do", "contato"]);
        assert_eq!(fold_tokens("CPF/CNPJ do Responsável"), ["cpf", "cnpj", "do", "responsavel"]);
        assert_eq!(fold_tokens("  "), Vec::<String>::new());
        assert_eq!(fold_tokens("N° TVA"), ["no", "tva"]);
        assert_eq!(fold_tokens("Numéro(s)"), ["numero", "s"]);
    }
}
