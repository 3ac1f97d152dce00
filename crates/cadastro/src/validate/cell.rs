//! One cell through its field's leaf: the unit the engine runs per cell, and what hosts call to
//! normalize a single value ([`check_value`]).

use crate::model::IssueCode;
use crate::model::{Cell, Field, FieldKind, Value};
use crate::profile::{CustomKind, Profile, Target};

use super::{boolean, country, email, enums, iban, number, phone, postal, state, tax_id, text};

/// The outcome of checking one cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellCheck {
    /// The normalized value; `None` when the cell is blank or invalid.
    pub value: Option<Value>,
    /// The error, when the value is invalid.
    pub error: Option<IssueCode>,
    /// Warnings (the value is accepted).
    pub warnings: Vec<IssueCode>,
}

impl CellCheck {
    fn ok(value: Value) -> Self {
        CellCheck { value: Some(value), ..CellCheck::default() }
    }

    fn err(code: IssueCode) -> Self {
        CellCheck { error: Some(code), ..CellCheck::default() }
    }

    fn from_result(r: Result<Value, IssueCode>) -> Self {
        r.map_or_else(Self::err, Self::ok)
    }

    /// A phone; warning `phone_ninth_digit_added` when a Brazilian mobile got its ninth digit.
    fn phone(cleaned: &str, country: Option<&str>) -> Self {
        match phone::check_phone(cleaned, country) {
            Ok(p) => {
                let mut c = CellCheck::ok(Value::Text(p.e164));
                if p.ninth_digit_added {
                    c.warnings.push(IssueCode::PhoneNinthDigitAdded);
                }
                c
            }
            Err(code) => CellCheck::err(code),
        }
    }

    fn fixed(r: Result<super::Fixed, IssueCode>) -> Self {
        match r {
            Ok(f) => {
                let mut c = CellCheck::ok(Value::Text(f.value));
                if f.zeros_restored {
                    c.warnings.push(IssueCode::LeadingZerosRestored);
                }
                c
            }
            Err(code) => CellCheck::err(code),
        }
    }
}

/// The longest value a field accepts, in characters (`too_long` beyond).
pub fn max_len(field: Field) -> usize {
    match field.kind() {
        FieldKind::Id | FieldKind::Compact => 100,
        FieldKind::Name => 255,
        _ => match field {
            Field::Notes => 10_000,
            Field::Website | Field::DeliveryAddress => 2_000,
            _ => 255,
        },
    }
}

/// Checks and normalizes one cell for a canonical field.
///
/// `country` is the row's country, else the default country (ISO alpha-2).
///
/// ```
/// use cadastro::{Cell, Field, Value};
/// use cadastro::checks::check_value;
/// let c = check_value(Field::Name, &Cell::Text("  Maria \u{a0} Silva ".into()), None);
/// assert_eq!(c.value, Some(Value::Text("Maria Silva".into())));
/// ```
pub fn check_value(field: Field, cell: &Cell, country: Option<&str>) -> CellCheck {
    if let Cell::Error(_) = cell {
        return CellCheck::err(IssueCode::InvalidCell);
    }
    let raw = cell.as_text();
    let cleaned = text::clean(&raw);
    if cleaned.is_empty() {
        return CellCheck::default();
    }
    let numeric = cell.is_number();
    let mut check = match field.kind() {
        // Ids and names are keys: in Unicode NFC, so an NFD spelling (macOS) is the same key.
        FieldKind::Id => CellCheck::ok(Value::Text(crate::model::nfc_key(&cleaned).into_owned())),
        FieldKind::Trimmed => CellCheck::ok(Value::Text(cleaned.into_owned())),
        // collapse and compact clean by themselves: give them the raw text, so one formula
        // apostrophe is removed, not two (`''=x`, an exported `'=x`, must come back as `'=x`).
        FieldKind::Name => CellCheck::ok(Value::Text(crate::model::nfc_key(&text::collapse(&raw)).into_owned())),
        FieldKind::Compact => CellCheck::ok(Value::Text(text::compact(&raw))),
        FieldKind::Boolean => match cell {
            Cell::Bool(b) => CellCheck::ok(Value::Bool(*b)),
            // The is-company flag also reads a person type (`PJ`, `Jurídica`, `Física`).
            _ if field == Field::IsCompany => match boolean::parse_person_type(&cleaned) {
                Some(b) => CellCheck::ok(Value::Bool(b)),
                None => CellCheck::from_result(boolean::parse_bool(&cleaned).map(Value::Bool)),
            },
            _ => CellCheck::from_result(boolean::parse_bool(&cleaned).map(Value::Bool)),
        },
        FieldKind::TaxId => CellCheck::fixed(tax_id::normalize_tax_id(&cleaned, country, numeric)),
        FieldKind::VatNumber => CellCheck::fixed(tax_id::normalize_vat(&cleaned, country, numeric)),
        FieldKind::Email => CellCheck::from_result(email::normalize_email(&cleaned).map(Value::Text)),
        FieldKind::EmailList => CellCheck::from_result(email::normalize_email_list(&cleaned).map(Value::List)),
        FieldKind::Phone => CellCheck::phone(&cleaned, country),
        FieldKind::PostalCode => CellCheck::fixed(postal::normalize_postal_code(&cleaned, country, numeric)),
        FieldKind::State => CellCheck::from_result(state::normalize_state(&cleaned, country).map(Value::Text)),
        FieldKind::Country => {
            CellCheck::from_result(country::normalize_country(&cleaned).map(|c| Value::Text(c.to_owned())))
        }
        FieldKind::BankAccount => CellCheck::from_result(iban::normalize_bank_account(&cleaned).map(Value::Text)),
        FieldKind::PaymentDays => CellCheck::from_result(number::parse_payment_days(&cleaned).map(Value::Int)),
        FieldKind::ContactPosition => {
            CellCheck::from_result(enums::contact_position(&cleaned).map(|p| Value::Text(p.to_owned())))
        }
    };
    if let Some(Value::Text(s)) = &check.value
        && s.len() > max_len(field)
        && s.chars().count() > max_len(field)
    {
        check = CellCheck::err(IssueCode::TooLong);
    }
    if check.error.is_none() && is_text_kind(field.kind()) && text::is_formula_like(raw.trim()) {
        check.warnings.push(IssueCode::FormulaLikeValue);
    }
    check
}

fn is_text_kind(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Id | FieldKind::Name | FieldKind::Trimmed | FieldKind::Compact)
}

/// Checks one cell for a custom field of a profile.
///
/// ```
/// use cadastro::{Cell, CustomKind, Value};
/// use cadastro::checks::check_custom;
/// let kind = CustomKind::Integer { min: Some(0), max: Some(10) };
/// assert_eq!(check_custom(&kind, &Cell::Float(3.0), None).value, Some(Value::Int(3)));
/// assert!(check_custom(&kind, &Cell::Text("11".into()), None).error.is_some());
/// ```
pub fn check_custom(kind: &CustomKind, cell: &Cell, country: Option<&str>) -> CellCheck {
    if let Cell::Error(_) = cell {
        return CellCheck::err(IssueCode::InvalidCell);
    }
    let raw = cell.as_text();
    let cleaned = text::clean(&raw);
    if cleaned.is_empty() {
        return CellCheck::default();
    }
    match kind {
        CustomKind::Text { max_len } => {
            if max_len.is_some_and(|m| cleaned.len() > m && cleaned.chars().count() > m) {
                return CellCheck::err(IssueCode::TooLong);
            }
            let mut c = CellCheck::ok(Value::Text(cleaned.into_owned()));
            if text::is_formula_like(raw.trim()) {
                c.warnings.push(IssueCode::FormulaLikeValue);
            }
            c
        }
        CustomKind::Integer { min, max } => CellCheck::from_result(
            number::parse_integer(&cleaned)
                .and_then(|n| {
                    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                        Err(IssueCode::InvalidNumber)
                    } else {
                        Ok(n)
                    }
                })
                .map(Value::Int),
        ),
        CustomKind::Number => match cell {
            Cell::Float(f) => CellCheck::ok(Value::Number(*f)),
            Cell::Int(i) => CellCheck::ok(Value::Int(*i)),
            _ => CellCheck::from_result(number::parse_decimal(&cleaned).map(Value::Number)),
        },
        CustomKind::Boolean => match cell {
            Cell::Bool(b) => CellCheck::ok(Value::Bool(*b)),
            _ => CellCheck::from_result(boolean::parse_bool(&cleaned).map(Value::Bool)),
        },
        CustomKind::Email => CellCheck::from_result(email::normalize_email(&cleaned).map(Value::Text)),
        CustomKind::Phone => CellCheck::phone(&cleaned, country),
        CustomKind::Date => match cell {
            Cell::Date(iso) => CellCheck::ok(Value::Text(iso.split('T').next().unwrap_or(iso).to_owned())),
            _ => CellCheck::from_result(number::parse_date(&cleaned).map(Value::Text)),
        },
        CustomKind::Enum { values } => CellCheck::from_result(
            enums::match_enum(&cleaned, values).map(|v| Value::Text(v.to_owned())).ok_or(IssueCode::InvalidEnum),
        ),
    }
}

/// Checks one cell for a target of `profile` (canonical or custom).
pub fn check_target(profile: &Profile, target: &Target, cell: &Cell, country: Option<&str>) -> CellCheck {
    match target {
        Target::Field(f) => check_value(*f, cell, country),
        Target::Custom(name) => match profile.custom_field(name) {
            Some(cf) => check_custom(&cf.kind, cell, country),
            None => CellCheck::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_error_cells() {
        assert_eq!(check_value(Field::Email, &Cell::Text(" \u{200b}".into()), None), CellCheck::default());
        assert_eq!(check_value(Field::Name, &Cell::Error("#N/A".into()), None).error, Some(IssueCode::InvalidCell));
    }

    #[test]
    fn ids_from_numeric_cells_keep_digits() {
        let c = check_value(Field::ExternalId, &Cell::Float(1001.0), None);
        assert_eq!(c.value, Some(Value::Text("1001".into())));
    }

    #[test]
    fn too_long_and_formula_warnings() {
        let long = "x".repeat(300);
        assert_eq!(check_value(Field::Name, &Cell::Text(long), None).error, Some(IssueCode::TooLong));
        let f = check_value(Field::Notes, &Cell::Text("=HYPERLINK(\"x\")".into()), None);
        assert_eq!(f.warnings, vec![IssueCode::FormulaLikeValue]);
        // An apostrophe-protected value (cadastro's own CSV export) is not warned about.
        let safe = check_value(Field::Notes, &Cell::Text("'=1+1".into()), None);
        assert_eq!(safe.value, Some(Value::Text("=1+1".into())));
        assert!(safe.warnings.is_empty());
        // One apostrophe is removed, whatever the field's kind.
        for field in [Field::Name, Field::Notes, Field::ExternalId] {
            let v = check_value(field, &Cell::Text("''=x".into()), None);
            assert_eq!(v.value, Some(Value::Text("'=x".into())), "{field}");
        }
    }
}
