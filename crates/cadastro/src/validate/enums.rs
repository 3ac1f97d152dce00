//! Enumerations: contact positions and custom enum fields, with synonyms.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::IssueCode;

use super::fold::fold_key;

/// The contact positions (CONTRACT: ACCOUNTING, SALES, PURCHASER, PAYER).
pub const CONTACT_POSITIONS: [&str; 4] = ["ACCOUNTING", "SALES", "PURCHASER", "PAYER"];

/// Synonyms of each position in en, pt, fr, pl, es (matched after folding accents, case,
/// spaces and punctuation).
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "ACCOUNTING",
        &[
            "accounting",
            "accountant",
            "accounts",
            "bookkeeping",
            "bookkeeper",
            "finance",
            "financial",
            "contabilidade",
            "contábil",
            "contador",
            "contadora",
            "financeiro",
            "financeira",
            "comptabilité",
            "comptable",
            "finances",
            "financier",
            "księgowość",
            "księgowa",
            "księgowy",
            "dział księgowości",
            "finanse",
            "contabilidad",
            "contable",
            "finanzas",
            "financiero",
        ],
    ),
    (
        "SALES",
        &[
            "sales",
            "sale",
            "seller",
            "salesperson",
            "sales rep",
            "sales representative",
            "commercial",
            "vendas",
            "venda",
            "vendedor",
            "vendedora",
            "comercial",
            "ventes",
            "vente",
            "vendeur",
            "vendeuse",
            "commerciale",
            "sprzedaż",
            "sprzedawca",
            "handlowiec",
            "dział handlowy",
            "dział sprzedaży",
            "ventas",
            "venta",
        ],
    ),
    (
        "PURCHASER",
        &[
            "purchaser",
            "purchasing",
            "purchase",
            "purchases",
            "buyer",
            "procurement",
            "compras",
            "compra",
            "comprador",
            "compradora",
            "suprimentos",
            "acheteur",
            "acheteuse",
            "achats",
            "achat",
            "approvisionnement",
            "zakupy",
            "zakup",
            "kupujący",
            "zaopatrzenie",
            "dział zakupów",
            "adquisiciones",
            "aprovisionamiento",
        ],
    ),
    (
        "PAYER",
        &[
            "payer",
            "payor",
            "billing",
            "payment",
            "payments",
            "accounts payable",
            "invoicing",
            "pagador",
            "pagadora",
            "pagamento",
            "pagamentos",
            "contas a pagar",
            "faturamento",
            "cobrança",
            "payeur",
            "payeuse",
            "paiement",
            "paiements",
            "facturation",
            "comptes fournisseurs",
            "płatnik",
            "płatności",
            "płatność",
            "fakturowanie",
            "pago",
            "pagos",
            "facturación",
            "cuentas por pagar",
        ],
    ),
];

static POSITIONS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (code, words) in SYNONYMS {
        map.insert(fold_key(code), *code);
        for word in *words {
            map.entry(fold_key(word)).or_insert(*code);
        }
    }
    map
});

/// Normalizes a contact position to ACCOUNTING, SALES, PURCHASER or PAYER, from the code or a
/// synonym in English, Portuguese, French, Polish or Spanish.
///
/// ```
/// use cadastro::checks::enums::contact_position;
/// assert_eq!(contact_position("Comptabilité"), Ok("ACCOUNTING"));
/// assert_eq!(contact_position("vendas"), Ok("SALES"));
/// assert_eq!(contact_position("Zakupy"), Ok("PURCHASER"));
/// assert_eq!(contact_position("billing"), Ok("PAYER"));
/// assert!(contact_position("CEO").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidEnum`] for any other text.
pub fn contact_position(raw: &str) -> Result<&'static str, IssueCode> {
    POSITIONS.get(&fold_key(raw)).copied().ok_or(IssueCode::InvalidEnum)
}

/// Matches a custom enum field's value against its listed `values`, ignoring case, accents,
/// spaces and punctuation; returns the listed spelling.
///
/// ```
/// use cadastro::checks::enums::match_enum;
/// let values = vec!["Ouro".to_string(), "Prata".to_string(), "Bronze Plus".to_string()];
/// assert_eq!(match_enum(" OURO ", &values), Some("Ouro"));
/// assert_eq!(match_enum("bronze-plus", &values), Some("Bronze Plus"));
/// assert_eq!(match_enum("Platina", &values), None);
/// ```
pub fn match_enum<'a>(raw: &str, values: &'a [String]) -> Option<&'a str> {
    if let Some(exact) = values.iter().find(|v| v.as_str() == raw) {
        return Some(exact);
    }
    let key = fold_key(raw);
    if key.is_empty() {
        return None;
    }
    values.iter().find(|v| fold_key(v) == key).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_synonyms() {
        for code in CONTACT_POSITIONS {
            assert_eq!(contact_position(code), Ok(code));
            assert_eq!(contact_position(&code.to_lowercase()), Ok(code));
        }
        for (raw, want) in [
            ("Comptabilité", "ACCOUNTING"),
            ("CONTABILIDADE", "ACCOUNTING"),
            ("Financeiro", "ACCOUNTING"),
            ("Księgowość", "ACCOUNTING"),
            ("ksiegowosc", "ACCOUNTING"),
            ("Contabilidad", "ACCOUNTING"),
            ("Ventes", "SALES"),
            ("Vendas", "SALES"),
            ("Sprzedaż", "SALES"),
            ("Ventas", "SALES"),
            ("Sales rep.", "SALES"),
            ("Acheteur", "PURCHASER"),
            ("Comprador", "PURCHASER"),
            ("Zakupy", "PURCHASER"),
            ("buyer", "PURCHASER"),
            ("Payeur", "PAYER"),
            ("Pagador", "PAYER"),
            ("Płatnik", "PAYER"),
            ("billing", "PAYER"),
            ("Accounts Payable", "PAYER"),
            ("Facturación", "PAYER"),
            ("  Cobrança ", "PAYER"),
        ] {
            assert_eq!(contact_position(raw), Ok(want), "{raw:?}");
        }
    }

    #[test]
    fn every_synonym_is_unambiguous() {
        let mut seen = HashMap::new();
        for (code, words) in SYNONYMS {
            for word in *words {
                if let Some(other) = seen.insert(fold_key(word), *code) {
                    assert_eq!(other, *code, "{word} is a synonym of two positions");
                }
            }
        }
    }

    #[test]
    fn unknown_positions() {
        for raw in ["", "CEO", "manager", "directeur", "x", "1", "sales manager"] {
            assert_eq!(contact_position(raw), Err(IssueCode::InvalidEnum), "{raw:?}");
        }
    }

    #[test]
    fn custom_enums() {
        let values = vec!["Pequena empresa".to_string(), "Média".to_string(), "GRANDE".to_string()];
        assert_eq!(match_enum("pequena EMPRESA", &values), Some("Pequena empresa"));
        assert_eq!(match_enum("media", &values), Some("Média"));
        assert_eq!(match_enum("Grande", &values), Some("GRANDE"));
        assert_eq!(match_enum("", &values), None);
        assert_eq!(match_enum("--", &values), None);
        assert_eq!(match_enum("Gigante", &values), None);
        assert_eq!(match_enum("x", &[]), None);
    }
}
