//! Column mapping: which column feeds which field.
//!
//! [`suggest`] proposes a target for every column with a confidence and a reason; an explicit
//! [`Mapping`] (JSON a host saves and replays) overrides it; [`resolve`] turns both into the
//! final column assignment and reports `duplicate_header` and `missing_required_column`.
//!
//! How a header is matched, strongest first:
//! 1. the active profile's own header for a field ([`MatchReason::Exact`], confidence 1);
//! 2. the profile's own synonyms and custom fields, then the synonym table: labels in English,
//!    Portuguese, French, Polish and Spanish and every built-in profile's headers
//!    ([`MatchReason::Synonym`], 0.95; a few loose or ambiguous labels such as `ID` or `Company`
//!    lower);
//! 3. keyword rules: a header containing `CPF`, `e-mail`, `Razão social`...
//!    ([`MatchReason::Partial`], 0.65-0.75), and fuzzy similarity to a known label, for typing
//!    errors ([`MatchReason::Fuzzy`], at most 0.9);
//! 4. with [`suggest_with_samples`] only: the look of the values ([`MatchReason::Sample`], 0.5).
//!
//! All labels are compared folded ([`fold_label`]): accents, case, punctuation and spacing do
//! not matter.
//!
//! ```
//! use cadastro::{Profile, mapping};
//! let headers: Vec<String> = ["Raison sociale", "N° TVA", "Emial", "Foo"].map(String::from).into();
//! let cols = mapping::suggest(&headers, &Profile::builtin("upflow")?);
//! let fields: Vec<_> = cols.iter().map(|c| c.field.as_ref().map(|t| t.name())).collect();
//! assert_eq!(fields, [Some("name"), Some("vat_number"), Some("email"), None]);
//! # Ok::<(), cadastro::Error>(())
//! ```

mod fold;
mod suggest;
mod synonyms;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::profile::{Profile, Target};
use crate::read::{column_index, column_letter};
use suggest::Candidate;

/// Why a column got its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchReason {
    /// Named in the explicit mapping.
    Explicit,
    /// The header is the profile's own label for the field.
    Exact,
    /// The header is a known synonym (any language, any profile).
    Synonym,
    /// The header is close to a known label (a typing error).
    Fuzzy,
    /// The header contains a telling word (`CPF do responsável`, `Telefone celular 2`).
    Partial,
    /// The header matched nothing but the sample values look like the field (e-mails,
    /// CPF/CNPJ, CEP...); only [`suggest_with_samples`] gives it.
    Sample,
    /// The explicit mapping says to ignore the column.
    Ignored,
    /// Nothing matched.
    None,
}

/// One column's mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The column letter.
    pub column: String,
    /// The 0-based column index.
    #[serde(skip)]
    pub index: usize,
    /// The header text.
    pub header: String,
    /// The target field, if any.
    pub field: Option<Target>,
    /// Confidence between 0 and 1.
    pub confidence: f64,
    /// Why.
    pub reason: MatchReason,
}

/// An explicit mapping: header text or column letter to a field name, or `null` to ignore the
/// column. What a host saves after the user's review and replays on the next import.
///
/// ```
/// use cadastro::mapping::Mapping;
/// let m = Mapping::from_json(r#"{"Documento": "tax_id", "C": null}"#)?;
/// assert_eq!(m.entries.len(), 2);
/// # Ok::<(), cadastro::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping {
    /// Header text or column letter -> field name (`None`: ignore the column).
    pub entries: BTreeMap<String, Option<String>>,
}

impl Mapping {
    /// Parses a mapping document.
    ///
    /// # Errors
    /// `invalid_options` when the JSON is not an object of strings or nulls.
    pub fn from_json(json: &str) -> Result<Mapping> {
        serde_json::from_str(json).map_err(|e| Error::options(format!("not a mapping document: {e}")))
    }

    /// The mapping as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The mapping a resolved assignment amounts to, keyed by header text (the column letter
    /// for a column without header or whose header text another column shares), ready to save.
    ///
    /// ```
    /// use cadastro::{Profile, mapping::{self, Mapping}};
    /// let headers: Vec<String> = ["Nome", "CPF", "Nome"].map(String::from).into();
    /// let cols = mapping::suggest(&headers, &Profile::builtin("asaas")?);
    /// let saved = Mapping::from_columns(&cols);
    /// assert_eq!(saved.entries["CPF"].as_deref(), Some("tax_id"));
    /// assert_eq!(saved.entries["C"], None);
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    pub fn from_columns(columns: &[ColumnMapping]) -> Mapping {
        let shared = |header: &str| columns.iter().filter(|c| c.header == header).count() > 1;
        let entries = columns
            .iter()
            .map(|c| {
                let key =
                    if c.header.trim().is_empty() || shared(&c.header) { c.column.clone() } else { c.header.clone() };
                (key, c.field.as_ref().map(|t| t.name().to_owned()))
            })
            .collect();
        Mapping { entries }
    }
}

pub use fold::fold_label;

/// True when `text` is a header label cadastro knows: any label of the synonym table (any
/// field, any language) or of a built-in profile. Header detection uses it to tell the header
/// row from title rows and data.
///
/// ```
/// use cadastro::mapping::is_known_label;
/// assert!(is_known_label("CPF/CNPJ"));
/// assert!(is_known_label("KOD POCZTOWY"));
/// assert!(!is_known_label("Clientes - Março 2026"));
/// assert!(!is_known_label("Maria da Silva"));
/// ```
pub fn is_known_label(text: &str) -> bool {
    let folded = fold_label(text);
    !folded.is_empty() && synonyms::index().is_known(&folded)
}

fn column(index: usize, header: &str, cand: Option<&Candidate>) -> ColumnMapping {
    ColumnMapping {
        column: column_letter(index),
        index,
        header: header.to_owned(),
        field: cand.map(|c| c.target.clone()),
        confidence: cand.map_or(0.0, |c| c.confidence),
        reason: cand.map_or(MatchReason::None, |c| c.reason),
    }
}

/// Suggests a target for every column, never the same target for two columns: each target goes
/// to the column with the strongest claim (ties: the leftmost), and a column that loses its
/// first choice keeps its next one, if any. Empty headers map to nothing.
///
/// ```
/// use cadastro::{Profile, mapping::{self, MatchReason}};
/// // An InvoiceOcean file read with the generic profile: `Client name` is the name, so
/// // `Company` falls back to the is-company flag.
/// let headers: Vec<String> = ["Client name", "Company", "Customer ID"].map(String::from).into();
/// let cols = mapping::suggest(&headers, &Profile::generic());
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("is_company"));
/// assert_eq!(cols[2].reason, MatchReason::Synonym);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn suggest(headers: &[String], profile: &Profile) -> Vec<ColumnMapping> {
    let all: Vec<Vec<Candidate>> = headers.iter().map(|h| suggest::candidates(h, profile)).collect();
    let chosen = suggest::assign(&all, &BTreeSet::new());
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let cand = chosen.get(i).copied().flatten().and_then(|c| all.get(i).and_then(|all| all.get(c)));
            column(i, h, cand)
        })
        .collect()
}

/// [`suggest`], then, for each column whose header matched nothing, a low-confidence
/// [`MatchReason::Sample`] suggestion when all its non-empty sample values look alike: e-mails,
/// CPF/CNPJ/NIP, postal codes (CEP, Polish), international phones, web addresses; only for
/// fields no other column has. `samples[i]` holds sample values of column `i` (missing entries
/// mean no samples). `cadastro inspect` uses it.
///
/// ```
/// use cadastro::{Profile, mapping::{self, MatchReason}};
/// let headers: Vec<String> = ["Nome", "Contato"].map(String::from).into();
/// let samples = vec![vec!["Ana".to_owned()], vec!["ana@acme.com.br".to_owned()]];
/// let cols = mapping::suggest_with_samples(&headers, &samples, &Profile::builtin("asaas")?);
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("contact_last_name"));
/// let headers: Vec<String> = ["Nome", "Coluna 2"].map(String::from).into();
/// let cols = mapping::suggest_with_samples(&headers, &samples, &Profile::builtin("asaas")?);
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("email"));
/// assert_eq!(cols[1].reason, MatchReason::Sample);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn suggest_with_samples(headers: &[String], samples: &[Vec<String>], profile: &Profile) -> Vec<ColumnMapping> {
    let mut cols = suggest(headers, profile);
    let mut taken: BTreeSet<Target> = cols.iter().filter_map(|c| c.field.clone()).collect();
    for (i, col) in cols.iter_mut().enumerate() {
        if col.field.is_some() || fold_label(&col.header).is_empty() {
            continue;
        }
        let Some(field) = samples.get(i).and_then(|s| suggest::sample_field(s)) else { continue };
        if taken.insert(Target::Field(field)) {
            col.field = Some(Target::Field(field));
            col.confidence = suggest::SAMPLE_CONFIDENCE;
            col.reason = MatchReason::Sample;
        }
    }
    cols
}

/// Resolves the final mapping: explicit entries first, suggestions for the rest.
///
/// Keys of the explicit mapping are matched against the header text, then the folded header
/// text ([`fold_label`]), then taken as an upper-case column letter (`"C"`); a header entry
/// applies to every column with that header, a letter entry overrides header entries. A field
/// the explicit mapping assigns is settled: no other column is suggested for it. A `null` value
/// ignores the column.
///
/// # Errors
/// - `invalid_options` when the explicit mapping names a column the file does not have, an
///   unknown field (neither canonical nor a custom field of the profile), or one field for two
///   columns;
/// - `duplicate_header` when two columns claim one field equally strongly (both the profile's
///   own label, or both an unambiguous synonym: `Email` and `E-mail` read with upflow) and the
///   explicit mapping does not settle it; the error names the field and the column letters;
/// - `missing_required_column` when a required field of the profile has no column; the error
///   names the field, the profile and the profile's header for it.
///
/// ```
/// use cadastro::{Profile, mapping::{self, Mapping}};
/// let headers: Vec<String> = ["Customer name", "Email", "E-mail"].map(String::from).into();
/// let upflow = Profile::builtin("upflow")?;
/// let err = mapping::resolve(&headers, &upflow, None).unwrap_err();
/// assert_eq!(err.code(), "duplicate_header");
/// let choice = Mapping::from_json(r#"{"C": null}"#)?;
/// let cols = mapping::resolve(&headers, &upflow, Some(&choice))?;
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("email"));
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn resolve(headers: &[String], profile: &Profile, explicit: Option<&Mapping>) -> Result<Vec<ColumnMapping>> {
    let fixed = explicit.map(|m| explicit_targets(headers, profile, m)).transpose()?.unwrap_or_default();
    let settled: BTreeSet<Target> = fixed.values().flatten().cloned().collect();

    // Candidates of the columns the explicit mapping leaves open, minus the settled fields.
    let all: Vec<Vec<Candidate>> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            // The columns an error file adds (its row number and Errors) are never a field.
            if fixed.contains_key(&i) || crate::write::is_error_file_column(h) {
                return Vec::new();
            }
            let mut cands = suggest::candidates(h, profile);
            cands.retain(|c| !settled.contains(&c.target));
            cands
        })
        .collect();

    // Two columns with an equally strong first claim on one field: the user must choose.
    let mut claims: BTreeMap<&Target, (u8, Vec<usize>)> = BTreeMap::new();
    for (i, cands) in all.iter().enumerate() {
        let Some(first) = cands.first() else { continue };
        let strength = first.strength();
        if strength == 0 {
            continue;
        }
        let entry = claims.entry(&first.target).or_insert((strength, Vec::new()));
        if strength > entry.0 {
            *entry = (strength, Vec::new());
        }
        if strength == entry.0 {
            entry.1.push(i);
        }
    }
    if let Some((target, (_, cols))) = claims.iter().find(|(_, (_, cols))| cols.len() > 1) {
        return Err(ErrorKind::DuplicateHeader {
            field: target.name().to_owned(),
            columns: cols.iter().map(|&i| column_letter(i)).collect(),
        }
        .into());
    }

    let chosen = suggest::assign(&all, &settled);
    let columns: Vec<ColumnMapping> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| match fixed.get(&i) {
            Some(target) => ColumnMapping {
                column: column_letter(i),
                index: i,
                header: h.clone(),
                field: target.clone(),
                confidence: 1.0,
                reason: if target.is_some() { MatchReason::Explicit } else { MatchReason::Ignored },
            },
            None => {
                let cand = chosen.get(i).copied().flatten().and_then(|c| all.get(i).and_then(|all| all.get(c)));
                column(i, h, cand)
            }
        })
        .collect();

    for req in &profile.required {
        if !columns.iter().any(|c| c.field.as_ref() == Some(req)) {
            return Err(ErrorKind::MissingRequiredColumn {
                field: req.name().to_owned(),
                header: profile.header_for(req).unwrap_or(req.name()).to_owned(),
                profile: profile.name.clone(),
            }
            .into());
        }
    }
    Ok(columns)
}

/// The columns an explicit mapping fixes: column index -> target (`None`: ignored).
fn explicit_targets(
    headers: &[String],
    profile: &Profile,
    mapping: &Mapping,
) -> Result<BTreeMap<usize, Option<Target>>> {
    let mut by_header: Vec<(Vec<usize>, Option<Target>)> = Vec::new();
    let mut by_letter: Vec<(usize, Option<Target>)> = Vec::new();
    for (key, value) in &mapping.entries {
        let target = match value.as_deref() {
            None => None,
            Some(name) => {
                let target = Target::parse(name.trim());
                if let Target::Custom(custom) = &target
                    && profile.custom_field(custom).is_none()
                {
                    return Err(Error::options(format!(
                        "the mapping names unknown field `{custom}` (neither a canonical field nor a custom field of profile `{}`)",
                        profile.name
                    )));
                }
                Some(target)
            }
        };
        let exact: Vec<usize> = (0..headers.len()).filter(|&i| headers.get(i).is_some_and(|h| h == key)).collect();
        if !exact.is_empty() {
            by_header.push((exact, target));
            continue;
        }
        let folded_key = fold_label(key);
        let folded: Vec<usize> = if folded_key.is_empty() {
            Vec::new()
        } else {
            (0..headers.len()).filter(|&i| headers.get(i).is_some_and(|h| fold_label(h) == folded_key)).collect()
        };
        if !folded.is_empty() {
            by_header.push((folded, target));
            continue;
        }
        let letter = key.trim();
        match column_index(letter).filter(|&i| i < headers.len() && letter.bytes().all(|b| b.is_ascii_uppercase())) {
            Some(i) => by_letter.push((i, target)),
            None => {
                return Err(Error::options(format!(
                    "the mapping names column \"{key}\", which the file does not have"
                )));
            }
        }
    }
    let mut fixed: BTreeMap<usize, Option<Target>> = BTreeMap::new();
    for (cols, target) in by_header {
        for i in cols {
            fixed.insert(i, target.clone());
        }
    }
    for (i, target) in by_letter {
        fixed.insert(i, target);
    }
    let mut seen: BTreeMap<&Target, usize> = BTreeMap::new();
    for (&i, target) in &fixed {
        if let Some(t) = target
            && let Some(first) = seen.insert(t, i)
        {
            return Err(Error::options(format!(
                "the mapping assigns field `{t}` to two columns ({} and {})",
                column_letter(first),
                column_letter(i)
            )));
        }
    }
    Ok(fixed)
}
