//! Values as evidence: what a sample of a column's values looks like, and whether that confirms
//! or vetoes a field a header suggests.
//!
//! Every check is the validator the import itself runs (tax ids with their check digits, e-mails,
//! countries, booleans, IBANs, dates), so a column the values confirm is a column that imports.

use crate::model::Field;
use crate::model::country::normalize_country;
use crate::validate::boolean::{parse_bool, parse_person_type};
use crate::validate::email::normalize_email;
use crate::validate::number::parse_date;
use crate::validate::tax_id::{normalize_tax_id, normalize_vat};

/// How many rows the mapping reads sample values from (the first rows of the file).
pub const SAMPLE_ROWS: usize = 20;

/// What the non-blank sample values of one column look like: for each kind, the share of the
/// values of that kind (0..=1).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Evidence {
    /// Non-blank values read.
    pub n: usize,
    pub email: f64,
    /// A Brazilian, Polish, French or Spanish tax id with valid check digits.
    pub tax_id: f64,
    /// A VAT number with its country prefix.
    pub vat: f64,
    pub iban: f64,
    /// Phone-looking: 8 to 15 digits, only phone punctuation.
    pub phone: f64,
    /// Postal-code-looking: `ddddd-ddd`, `dd-ddd`, 4 or 5 digits, UK/CA shapes.
    pub postal: f64,
    pub country: f64,
    pub boolean: f64,
    pub date: f64,
    /// Amounts with decimals or a currency sign.
    pub money: f64,
    /// Short integers (up to 4 digits).
    pub small_int: f64,
    /// Codes: letters and digits with at most a dash or dot, at least one digit (`C-001`, `411000`).
    pub code: f64,
    /// Free words: letters and spaces, at least one letter, no digit, no `@`.
    pub words: f64,
    /// Web addresses.
    pub url: f64,
    /// Two-letter upper-case codes (`SP`, `FR`).
    pub two_letters: f64,
    /// Person types (`PJ`, `Física`).
    pub person_type: f64,
    /// Bare digits (no punctuation, no letter).
    pub digits_only: f64,
    /// Share of values of two or more words (`Boulangerie Dupont SARL`): names, not codes.
    pub multiword: f64,
    /// Opaque record ids: one long token of letters and digits (`5e8d3b1a9f1a2b0017a4c9a0`,
    /// UUIDs), which no name is.
    pub opaque_id: f64,
    /// A record's status (`active`, `inactive`, `archived`; `ativo`, `actif`, `activo`,
    /// `aktywny`), or a 0/1 flag.
    pub status: f64,
}

/// Words of a record's status in the languages served.
const STATUS_WORDS: &[&str] = &[
    "active",
    "inactive",
    "archived",
    "deleted",
    "enabled",
    "disabled",
    "closed",
    "open",
    "pending",
    "blocked",
    "suspended",
    "canceled",
    "cancelled",
    "ativo",
    "inativo",
    "ativa",
    "inativa",
    "actif",
    "inactif",
    "active",
    "archive",
    "activo",
    "inactivo",
    "activa",
    "inactiva",
    "aktywny",
    "nieaktywny",
    "zablokowany",
];

impl Evidence {
    /// Whether the values are a record's status rather than a place: `state` in an API export
    /// holding `active` / `inactive` or 0/1 is the record's state.
    pub fn is_status(&self) -> bool {
        self.n >= 2 && self.status >= 0.9
    }
}

/// What the values say about a field the header suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The values are what the field holds.
    Confirm,
    /// Nothing either way (few values, or the field takes any text).
    Neutral,
    /// The values are not what the field holds.
    Veto,
}

impl Evidence {
    /// Reads the samples (blank values skipped).
    pub fn read(samples: &[String]) -> Evidence {
        let values: Vec<&str> = samples.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).take(SAMPLE_ROWS).collect();
        let n = values.len();
        let mut ev = Evidence { n, ..Evidence::default() };
        if n == 0 {
            return ev;
        }
        let share = |pred: &dyn Fn(&str) -> bool| values.iter().filter(|v| pred(v)).count() as f64 / n as f64;
        ev.email = share(&|v| v.contains('@') && normalize_email(v).is_ok());
        ev.tax_id = share(&is_tax_id);
        ev.vat = share(&|v| {
            let b = v.as_bytes();
            b.len() > 4
                && b.first().is_some_and(u8::is_ascii_uppercase)
                && b.get(1).is_some_and(u8::is_ascii_uppercase)
                && normalize_vat(v, None, false).is_ok()
        });
        ev.iban = share(&|v| {
            let compact: String = v.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect();
            compact.parse::<iban::Iban>().is_ok()
        });
        ev.phone = share(&is_phone);
        ev.postal = share(&is_postal);
        ev.country = share(&|v| v.chars().count() >= 2 && normalize_country(v).is_ok());
        ev.boolean =
            share(&|v| !v.bytes().all(|b| b.is_ascii_digit()) && parse_bool(v).is_ok() || v == "0" || v == "1");
        ev.date = share(&|v| v.bytes().any(|b| b.is_ascii_digit()) && parse_date(v).is_ok());
        ev.money = share(&is_money);
        ev.small_int = share(&|v| v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit()));
        ev.code = share(&is_code);
        ev.words = share(&is_words);
        ev.url = share(&|v| {
            let l = v.to_ascii_lowercase();
            (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www."))
                && !v.contains(char::is_whitespace)
        });
        ev.digits_only = share(&|v| v.bytes().all(|b| b.is_ascii_digit()));
        ev.multiword = share(&|v| is_words(v) && v.split_whitespace().count() >= 2);
        // `F`/`J` (física/jurídica) count only together: `F` alone may be a gender.
        let fj = values.contains(&"F") && values.contains(&"J");
        ev.person_type = share(&|v| parse_person_type(v).is_some() || fj && (v == "F" || v == "J"));
        ev.two_letters = share(&|v| v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()));
        ev.opaque_id = share(&|v| {
            v.len() >= 16
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && v.bytes().any(|b| b.is_ascii_digit())
                && v.bytes().any(|b| b.is_ascii_alphabetic())
        });
        ev.status = share(&|v| v == "0" || v == "1" || STATUS_WORDS.contains(&v.to_lowercase().as_str()));
        ev
    }

    /// Whether the values confirm or veto `field`. Two values are the least that can veto.
    pub fn verdict(&self, field: Field) -> Verdict {
        use Verdict::{Confirm, Neutral, Veto};
        if self.n == 0 {
            return Neutral;
        }
        let few = self.n < 2;
        // Bare numbers are never a country (`codigo_pais` holding BACEN codes), however few.
        if field == Field::Country && self.digits_only >= 0.8 {
            return Veto;
        }
        // Nor a state, a city or a district: they are those places' codes (IBGE, DANE).
        if matches!(field, Field::State | Field::City | Field::District) && self.digits_only >= 0.8 && self.n >= 2 {
            return Veto;
        }
        let pick = |confirm: bool, veto: bool| {
            if confirm {
                Confirm
            } else if veto && !few {
                Veto
            } else {
                Neutral
            }
        };
        match field {
            // One free name is enough to say a column holds no e-mails.
            Field::Email | Field::ContactEmail | Field::AccountManagerEmail | Field::AdditionalEmails => {
                if self.email < 0.3 && self.words >= 1.0 { Veto } else { pick(self.email >= 0.8, self.email < 0.3) }
            }
            Field::TaxId => pick(self.tax_id >= 0.6, self.words >= 0.5 || self.email >= 0.5 || self.boolean >= 0.8),
            Field::VatNumber => pick(self.vat >= 0.6, self.words >= 0.5 || self.email >= 0.5 || self.boolean >= 0.8),
            Field::Phone | Field::MobilePhone | Field::Fax | Field::ContactPhone => {
                pick(self.phone >= 0.7, self.words >= 0.5 || self.email >= 0.5 || self.small_int >= 0.8)
            }
            Field::PostalCode => pick(self.postal >= 0.8, self.words >= 0.5 || self.email >= 0.5 || self.phone >= 0.5),
            Field::Country => {
                pick(self.country >= 0.8, self.country < 0.3 && self.words < 0.5 || self.digits_only >= 0.8)
            }
            Field::IsCompany => {
                pick(self.boolean >= 0.8 || self.person_type >= 0.8, self.boolean < 0.5 && self.person_type < 0.5)
            }
            Field::NotificationsDisabled | Field::ContactIsMain => pick(self.boolean >= 0.8, self.boolean < 0.5),
            Field::BankAccount => {
                pick(self.iban >= 0.6, self.iban < 0.2 && (self.code >= 0.5 || self.small_int >= 0.5))
            }
            Field::AddressNumber => pick(self.small_int >= 0.6, self.phone >= 0.5 || self.email >= 0.5),
            Field::PaymentTermsDays => pick(self.small_int >= 0.8, self.small_int < 0.3),
            Field::Website => pick(self.url >= 0.6, self.email >= 0.5 || self.phone >= 0.5),
            Field::ExternalId | Field::ContactReference | Field::ParentId => {
                pick(self.code >= 0.6, self.email >= 0.5 || self.boolean >= 0.8 && self.code < 0.2)
            }
            Field::AccountingCode => pick(self.code >= 0.6, self.email >= 0.5 || self.iban >= 0.5),
            Field::Name
            | Field::ShortName
            | Field::FirstName
            | Field::LastName
            | Field::ContactFirstName
            | Field::ContactLastName
            | Field::ParentName
            | Field::City
            | Field::District
            | Field::BankName => pick(
                self.words >= 0.6,
                self.email >= 0.5
                    || self.phone >= 0.5
                    || self.boolean >= 0.8
                    || self.tax_id >= 0.5
                    || self.date >= 0.8
                    || self.opaque_id >= 0.8,
            ),
            Field::State => pick(self.two_letters >= 0.6 || self.words >= 0.6, self.email >= 0.5 || self.phone >= 0.5),
            Field::Address | Field::DeliveryAddress | Field::Complement => {
                pick(false, self.email >= 0.5 || self.phone >= 0.5 || self.boolean >= 0.8)
            }
            _ => Neutral,
        }
    }

    /// True when values that confirm `field` are of a kind few other fields hold (e-mails,
    /// identifiers with check digits, IBANs, phones, postal codes, countries, web addresses,
    /// person types), so their confirmation raises a header's confidence. Codes, free words,
    /// small numbers and two-letter codes fit many fields: they only keep a reading.
    pub fn discriminates(&self, field: Field) -> bool {
        match field {
            Field::Email | Field::ContactEmail | Field::AccountManagerEmail | Field::AdditionalEmails => true,
            Field::TaxId | Field::VatNumber | Field::BankAccount | Field::Website => true,
            Field::Phone | Field::MobilePhone | Field::Fax | Field::ContactPhone => true,
            Field::PostalCode => self.small_int < 0.5,
            Field::Country => self.words >= 0.5 || self.two_letters >= 0.5,
            Field::IsCompany => self.person_type >= 0.8,
            _ => false,
        }
    }

    /// The field the values alone point to, for a column whose header says nothing (or a
    /// headerless file): only kinds that are unmistakable.
    pub fn field(&self) -> Option<Field> {
        // One bare number (an amount, a count) says nothing; one formatted value may.
        if self.n == 0 || self.n == 1 && self.digits_only > 0.0 {
            return None;
        }
        if self.email >= 0.9 {
            Some(Field::Email)
        } else if self.tax_id >= 0.9 {
            Some(Field::TaxId)
        } else if self.iban >= 0.9 {
            Some(Field::BankAccount)
        } else if self.url >= 0.9 {
            Some(Field::Website)
        } else if self.vat >= 0.9 {
            Some(Field::VatNumber)
        } else if self.phone >= 0.9 {
            Some(Field::Phone)
        } else if self.postal >= 0.9 && self.small_int < 0.5 {
            Some(Field::PostalCode)
        } else if self.country >= 0.9 && (self.two_letters >= 0.9 || self.words >= 0.9) {
            Some(Field::Country)
        } else {
            None
        }
    }
}

fn digits(v: &str) -> usize {
    v.bytes().filter(u8::is_ascii_digit).count()
}

fn is_tax_id(v: &str) -> bool {
    if !v.bytes().any(|b| b.is_ascii_digit()) || v.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    ["BR", "PL", "FR", "ES"].iter().any(|c| normalize_tax_id(v, Some(c), false).is_ok())
}

fn is_phone(v: &str) -> bool {
    let d = digits(v);
    (8..=15).contains(&d)
        && v.bytes().all(|b| b.is_ascii_digit() || b" ()-.+/".contains(&b))
        && !v.contains('/')
        && !is_dotted_date(v)
        && !is_postal(v)
        && (v.starts_with('+') || v.starts_with('(') || v.contains(' ') || v.contains('-') || d >= 9)
}

fn is_dotted_date(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['.', '-', '/']).collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| p.len() == 4)
}

fn shape_is(value: &str, shape: &str) -> bool {
    value.len() == shape.len()
        && value.bytes().zip(shape.bytes()).all(|(v, s)| match s {
            b'd' => v.is_ascii_digit(),
            b'a' => v.is_ascii_uppercase(),
            other => v == other,
        })
}

fn is_postal(v: &str) -> bool {
    ["ddddd-ddd", "dd-ddd", "ddddd", "dddd", "dddddddd", "ddddd-dddd"].iter().any(|s| shape_is(v, s))
        || ["ada dad", "aad daa", "ad daa", "adad daa", "aadd daa", "aada daa"].iter().any(|s| shape_is(v, s))
}

fn is_money(v: &str) -> bool {
    let t = v.trim_start_matches(['$', '€', '£', 'R', '-']).trim_end_matches(['€', ' ']).trim();
    let t = t.trim_start_matches(['$', ' ']);
    let dec = t.rsplit_once([',', '.']).is_some_and(|(_, d)| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()));
    dec && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b",. ".contains(&b))
}

fn is_code(v: &str) -> bool {
    v.len() <= 24
        && v.bytes().any(|b| b.is_ascii_digit())
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./#".contains(&b))
        && !is_dotted_date(v)
}

fn is_words(v: &str) -> bool {
    v.chars().any(char::is_alphabetic)
        && !v.contains('@')
        && !v.chars().any(|c| c.is_ascii_digit())
        && v.chars().all(|c| c.is_alphabetic() || " .'-&,()/".contains(c))
        && !(v.len() <= 5 && parse_bool(v).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(v: &[&str]) -> Evidence {
        Evidence::read(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn verdicts() {
        let names = ev(&["Acme Ltda", "Padaria Pão Quente", "Dupont SARL"]);
        assert_eq!(names.verdict(Field::IsCompany), Verdict::Veto);
        assert_eq!(names.verdict(Field::Name), Verdict::Confirm);
        let flags = ev(&["Yes", "No", "yes"]);
        assert_eq!(flags.verdict(Field::IsCompany), Verdict::Confirm);
        let codes = ev(&["C-001", "C-002", "C-017"]);
        assert_eq!(codes.verdict(Field::BankAccount), Verdict::Veto);
        assert_eq!(codes.verdict(Field::ExternalId), Verdict::Confirm);
        let ibans = ev(&["FR7630006000011234567890189", "DE89370400440532013000"]);
        assert_eq!(ibans.verdict(Field::BankAccount), Verdict::Confirm);
        let phones = ev(&["(11) 98765-4321", "+55 21 3333-4444"]);
        assert_eq!(phones.verdict(Field::AddressNumber), Verdict::Veto);
        assert_eq!(phones.verdict(Field::Phone), Verdict::Confirm);
        let cpfs = ev(&["529.982.247-25", "11.222.333/0001-81"]);
        assert_eq!(cpfs.field(), Some(Field::TaxId));
        assert_eq!(ev(&["ana@x.com", "bo@y.fr"]).field(), Some(Field::Email));
        assert_eq!(ev(&["12", "3"]).field(), None);
        assert_eq!(ev(&[]).verdict(Field::Email), Verdict::Neutral);
        // One value never vetoes.
        assert_eq!(ev(&["Acme"]).verdict(Field::IsCompany), Verdict::Neutral);
    }
}
