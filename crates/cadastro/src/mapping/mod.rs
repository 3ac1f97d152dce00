//! Column mapping: which column feeds which field.
//!
//! [`suggest`] proposes a target for every column with a confidence and a reason; an explicit
//! [`Mapping`] (JSON a host saves and replays) overrides it; [`resolve`] turns both into the
//! final column assignment and reports `duplicate_header` and `missing_required_column`.
//!
//! How a column is matched, strongest first:
//! 1. the host's learned mappings (header text -> field its users accepted before,
//!    [`MatchReason::Learned`]);
//! 2. the active profile's own header for a field ([`MatchReason::ProfileLabel`], confidence 1);
//! 3. the profile's own synonyms and custom fields, then the synonym table: labels in English,
//!    Portuguese, French, Polish and Spanish and every built-in profile's headers
//!    ([`MatchReason::Synonym`]; a few loose or ambiguous labels such as `ID` or `Company`
//!    lower);
//! 4. the header grammar: words split from camelCase, snake_case, brackets, dots and ` - `
//!    paths, block markers (`PO`/`SA`, `Shipping`, `Person1`) and qualifiers (`zip`,
//!    `line 2`) deciding the field ([`MatchReason::Synonym`], or [`MatchReason::Context`] when a
//!    shipping or contact marker moved it);
//! 5. keyword rules and fuzzy similarity to a known label, for typing errors
//!    ([`MatchReason::Fuzzy`]);
//! 6. the values: a sample of each column confirms or vetoes a header's reading (`Company`
//!    holding names is not the is-company flag) and maps a column whose header says nothing
//!    ([`MatchReason::Values`]);
//! 7. the context of the whole header row: a contact block, a shipping block, the profile's own
//!    layout, a second column of the same meaning ([`MatchReason::Context`]).
//!
//! Confidence is calibrated on a labelled corpus of real products' files
//! (testdata/mapping-corpus): a suggestion at 0.9 or more was right every time on the products
//! the rules were written from, and about 96% of the time on held-out products. Each column
//! carries `needs_review` when its confidence is below the review threshold (0.9 unless the
//! mapping document sets `review_threshold`).
//!
//! All labels are compared folded ([`fold_label`]): accents, case, punctuation and spacing do
//! not matter.
//!
//! ```
//! use cadastro::Profile;
//! let headers: Vec<String> = ["Raison sociale", "N° TVA", "Emial", "Foo"].map(String::from).into();
//! let cols = cadastro::suggest(&headers, &Profile::builtin("upflow")?);
//! let fields: Vec<_> = cols.iter().map(|c| c.field.as_ref().map(|t| t.name())).collect();
//! assert_eq!(fields, [Some("name"), Some("vat_number"), Some("email"), None]);
//! # Ok::<(), cadastro::Error>(())
//! ```

mod grammar;
mod suggest;
mod synonyms;
mod values;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{column_index, column_letter};
use crate::profile::{Profile, Target};
use suggest::Candidate;

pub use crate::profile::{ColumnMapping, MatchReason};

/// The default review threshold: a column below this confidence needs review.
pub const DEFAULT_REVIEW_THRESHOLD: f64 = 0.9;

/// An explicit mapping: what a host saves after the user's review and replays on the next
/// import. As JSON, one object:
/// - `"header text or column letter": "field"` (or `null` to ignore the column);
/// - `"field": ["column", "column"]`: a merge, two or more columns feeding one field (the filled
///   one per row; both filled and different is a `merged_values_differ` row error);
/// - `"learned": {"header text": "field"}`: mappings the host's users accepted before, ranked
///   first;
/// - `"review_threshold": 0.9`: the confidence below which a column needs review.
///
/// ```
/// use cadastro::Mapping;
/// let m = Mapping::from_json(r#"{"Documento": "tax_id", "C": null, "phone": ["Fone", "Celular"],
///     "learned": {"Cód. Parceiro": "external_id"}, "review_threshold": 0.95}"#)?;
/// assert_eq!(m.entries.len(), 2);
/// assert_eq!(m.merges["phone"], ["Fone", "Celular"]);
/// assert_eq!(m.learned["Cód. Parceiro"], "external_id");
/// assert_eq!(Mapping::from_json(&m.to_json())?, m);
/// # Ok::<(), cadastro::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// Header text or column letter -> field name (`None`: ignore the column).
    pub entries: BTreeMap<String, Option<String>>,
    /// Field name -> the columns (header text or letter) merged into it.
    pub merges: BTreeMap<String, Vec<String>>,
    /// Header text -> field name, learned from earlier imports; ranked first.
    pub learned: BTreeMap<String, String>,
    /// The confidence below which a column needs review (default [`DEFAULT_REVIEW_THRESHOLD`]).
    pub review_threshold: Option<f64>,
}

/// The reserved keys of a mapping document.
const LEARNED_KEY: &str = "learned";
const THRESHOLD_KEY: &str = "review_threshold";

impl Serialize for Mapping {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serde_json::Map::new();
        for (k, v) in &self.entries {
            map.insert(k.clone(), v.clone().map_or(serde_json::Value::Null, serde_json::Value::String));
        }
        for (k, cols) in &self.merges {
            map.insert(k.clone(), cols.iter().cloned().map(serde_json::Value::String).collect());
        }
        if !self.learned.is_empty() {
            let learned: serde_json::Map<String, serde_json::Value> =
                self.learned.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
            map.insert(LEARNED_KEY.to_owned(), serde_json::Value::Object(learned));
        }
        if let Some(t) = self.review_threshold.and_then(serde_json::Number::from_f64) {
            map.insert(THRESHOLD_KEY.to_owned(), serde_json::Value::Number(t));
        }
        map.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Mapping {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Mapping, D::Error> {
        use serde::de::Error as _;
        use serde_json::Value;
        let map = BTreeMap::<String, Value>::deserialize(d)?;
        let mut m = Mapping::default();
        for (key, value) in map {
            match (key.as_str(), value) {
                (LEARNED_KEY, Value::Object(obj)) => {
                    for (header, field) in obj {
                        let Value::String(field) = field else {
                            return Err(D::Error::custom(format!(
                                "learned mapping of \"{header}\" is not a field name"
                            )));
                        };
                        m.learned.insert(header, field);
                    }
                }
                (THRESHOLD_KEY, Value::Number(n)) => {
                    let t = n.as_f64().filter(|t| (0.0..=1.0).contains(t));
                    m.review_threshold =
                        Some(t.ok_or_else(|| D::Error::custom("review_threshold must be between 0 and 1"))?);
                }
                (_, Value::Null) => {
                    m.entries.insert(key, None);
                }
                (_, Value::String(field)) => {
                    m.entries.insert(key, Some(field));
                }
                (_, Value::Array(cols)) => {
                    let cols: Option<Vec<String>> = cols.into_iter().map(|c| c.as_str().map(str::to_owned)).collect();
                    let cols = cols.filter(|c| c.len() >= 2).ok_or_else(|| {
                        D::Error::custom(format!("the merge into `{key}` must list two or more columns (strings)"))
                    })?;
                    m.merges.insert(key, cols);
                }
                (_, other) => {
                    return Err(D::Error::custom(format!(
                        "\"{key}\" must map to a field name, null, or a list of columns, not {other}"
                    )));
                }
            }
        }
        Ok(m)
    }
}

impl Mapping {
    /// Parses a mapping document.
    ///
    /// # Errors
    /// `invalid_options` when the JSON is not a mapping document (see [`Mapping`]).
    pub fn from_json(json: &str) -> Result<Mapping> {
        serde_json::from_str(json).map_err(|e| Error::options(format!("not a mapping document: {e}")))
    }

    /// The mapping as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The review threshold in force.
    pub fn threshold(&self) -> f64 {
        self.review_threshold.unwrap_or(DEFAULT_REVIEW_THRESHOLD)
    }

    /// The mapping a resolved assignment amounts to, keyed by header text (the column letter
    /// for a column without header or whose header text another column shares), ready to save;
    /// merged columns give a merge entry.
    ///
    /// ```
    /// use cadastro::{Mapping, Profile};
    /// let headers: Vec<String> = ["Nome", "CPF", "Nome"].map(String::from).into();
    /// let cols = cadastro::suggest(&headers, &Profile::builtin("asaas")?);
    /// let saved = Mapping::from_columns(&cols);
    /// assert_eq!(saved.entries["CPF"].as_deref(), Some("tax_id"));
    /// assert_eq!(saved.entries["C"], None);
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    pub fn from_columns(columns: &[ColumnMapping]) -> Mapping {
        let shared = |header: &str| columns.iter().filter(|c| c.header == header).count() > 1;
        let key = |c: &ColumnMapping| {
            if c.header.trim().is_empty() || shared(&c.header) { c.column.clone() } else { c.header.clone() }
        };
        let mut m = Mapping::default();
        for c in columns {
            match &c.field {
                Some(t) if c.merged_from.len() > 1 => {
                    m.merges.entry(t.name().to_owned()).or_default().push(key(c));
                }
                field => {
                    m.entries.insert(key(c), field.as_ref().map(|t| t.name().to_owned()));
                }
            }
        }
        m
    }

    /// The learned mappings, folded header -> target.
    fn learned_targets(&self, profile: &Profile) -> Result<BTreeMap<String, Target>> {
        self.learned
            .iter()
            .map(|(h, f)| Ok((fold_label(h), target_named(f, profile)?)))
            .filter(|r| r.as_ref().map_or(true, |(h, _)| !h.is_empty()))
            .collect()
    }
}

/// A field name of the mapping document, checked against the profile.
fn target_named(name: &str, profile: &Profile) -> Result<Target> {
    let target = Target::parse(name.trim());
    if let Target::Custom(custom) = &target
        && profile.custom_field(custom).is_none()
    {
        return Err(Error::options(format!(
            "the mapping names unknown field `{custom}` (neither a canonical field nor a custom field of profile `{}`)",
            profile.name
        )));
    }
    Ok(target)
}

pub use crate::model::label::fold_label;
pub use values::SAMPLE_ROWS;

/// True when `text` is a header label cadastro knows: any label of the synonym table (any
/// field, any language) or of a built-in profile. Header detection uses it to tell the header
/// row from title rows and data.
///
/// ```
/// use cadastro::is_known_label;
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
        needs_review: false,
        merged_from: Vec::new(),
    }
}

/// Suggests a target for every column, never the same target for two columns (but the columns
/// of a merge): each target goes to the column with the strongest claim (ties: the leftmost),
/// and a column that loses its first choice keeps its next one, if any. Empty headers map to
/// nothing (without samples).
///
/// ```
/// use cadastro::{MatchReason, Profile};
/// // An InvoiceOcean file read with the generic profile: `Client name` is the name, so
/// // `Company` falls back to the is-company flag.
/// let headers: Vec<String> = ["Client name", "Company", "Customer ID"].map(String::from).into();
/// let cols = cadastro::suggest(&headers, &Profile::generic());
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("is_company"));
/// assert_eq!(cols[2].reason, MatchReason::Synonym);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn suggest(headers: &[String], profile: &Profile) -> Vec<ColumnMapping> {
    suggest_with_samples(headers, &[], profile)
}

/// [`suggest`] with sample values: `samples[i]` holds sample values of column `i` (missing
/// entries mean no samples). The values confirm or veto the headers' readings and map the
/// columns whose header says nothing (a headerless file's columns included) when they all look
/// alike: e-mails, valid CPF/CNPJ/NIP/SIREN, IBANs, web addresses, phones, postal codes,
/// countries. `cadastro inspect` uses it.
///
/// ```
/// use cadastro::{MatchReason, Profile};
/// let headers: Vec<String> = ["Nome", "Contato"].map(String::from).into();
/// let samples = vec![vec!["Ana".to_owned()], vec!["ana@acme.com.br".to_owned()]];
/// let cols = cadastro::suggest_with_samples(&headers, &samples, &Profile::builtin("asaas")?);
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("contact_last_name"));
/// let headers: Vec<String> = ["Nome", "Coluna 2"].map(String::from).into();
/// let cols = cadastro::suggest_with_samples(&headers, &samples, &Profile::builtin("asaas")?);
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("email"));
/// assert_eq!(cols[1].reason, MatchReason::Values);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn suggest_with_samples(headers: &[String], samples: &[Vec<String>], profile: &Profile) -> Vec<ColumnMapping> {
    // Without an explicit mapping nothing can be refused but duplicates and missing columns,
    // which a suggestion does not check.
    analyse(headers, samples, profile, None, false).unwrap_or_default()
}

/// Resolves the final mapping: explicit entries first, suggestions for the rest.
///
/// Keys of the explicit mapping are matched against the header text, then the folded header
/// text ([`fold_label`]), then taken as an upper-case column letter (`"C"`); a header entry
/// applies to every column with that header, a letter entry overrides header entries. A field
/// the explicit mapping assigns is settled: no other column is suggested for it. A `null` value
/// ignores the column. A merge (`{"tax_id": ["CPF", "CNPJ"]}`) fixes its columns to its field.
///
/// # Errors
/// - `invalid_options` when the explicit mapping names a column the file does not have, an
///   unknown field (neither canonical nor a custom field of the profile), or one field for two
///   columns outside a merge;
/// - `duplicate_header` when two columns claim one field equally strongly (both the profile's
///   own label, or both an unambiguous synonym: `Email` and `E-mail` read with upflow) and
///   neither the explicit mapping nor the header row settles it; the error names the field and
///   the column letters;
/// - `missing_required_column` when a required field of the profile has no column; the error
///   names the field, the profile and the profile's header for it.
///
/// ```
/// use cadastro::{Mapping, Profile};
/// let headers: Vec<String> = ["Customer name", "Email", "E-mail"].map(String::from).into();
/// let upflow = Profile::builtin("upflow")?;
/// let err = cadastro::resolve(&headers, &upflow, None).unwrap_err();
/// assert_eq!(err.code(), "duplicate_header");
/// let choice = Mapping::from_json(r#"{"C": null}"#)?;
/// let cols = cadastro::resolve(&headers, &upflow, Some(&choice))?;
/// assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("email"));
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn resolve(headers: &[String], profile: &Profile, explicit: Option<&Mapping>) -> Result<Vec<ColumnMapping>> {
    analyse(headers, &[], profile, explicit, true)
}

/// [`resolve`] with sample values of each column (as in [`suggest_with_samples`]).
///
/// # Errors
/// As [`resolve`].
pub fn resolve_with_samples(
    headers: &[String],
    samples: &[Vec<String>],
    profile: &Profile,
    explicit: Option<&Mapping>,
) -> Result<Vec<ColumnMapping>> {
    analyse(headers, samples, profile, explicit, true)
}

/// The whole mapping: explicit entries and merges, learned mappings, header candidates, values,
/// context, duplicates, assignment, merges, review flags. `strict`: report `duplicate_header`
/// and `missing_required_column`.
fn analyse(
    headers: &[String],
    samples: &[Vec<String>],
    profile: &Profile,
    explicit: Option<&Mapping>,
    strict: bool,
) -> Result<Vec<ColumnMapping>> {
    let fixed = explicit.map(|m| explicit_targets(headers, profile, m)).transpose()?.unwrap_or_default();
    let learned = explicit.map(|m| m.learned_targets(profile)).transpose()?.unwrap_or_default();
    let threshold = explicit.map_or(DEFAULT_REVIEW_THRESHOLD, Mapping::threshold);
    let settled: BTreeSet<Target> = fixed.values().filter_map(|f| f.target.clone()).collect();

    let evidence: Vec<values::Evidence> =
        (0..headers.len()).map(|i| samples.get(i).map(|s| values::Evidence::read(s)).unwrap_or_default()).collect();
    // A table prefix most headers share (`A1_NOME`, `PCF_RS`) is structure, not meaning: the
    // headers are read without it.
    let original = headers;
    let stripped = grammar::without_table_prefix(headers);
    let headers: &[String] = &stripped;
    // Candidates of the columns the explicit mapping leaves open, minus the settled fields.
    let mut all: Vec<Vec<Candidate>> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            // The columns an error file adds (its row number and Errors) are never a field.
            if fixed.contains_key(&i) || crate::model::label::is_error_file_column(h) {
                return Vec::new();
            }
            let mut cands = suggest::candidates(h, profile, &learned);
            // Learned mappings are kept under the header as the file has it.
            if let Some(o) = original.get(i).filter(|o| *o != h) {
                if cands.is_empty() {
                    cands = suggest::abbreviation_candidates(h);
                }
                suggest::prefer_learned(&mut cands, &crate::model::label::fold_label(o), &learned);
            }
            if let Some(ev) = evidence.get(i) {
                suggest::weigh_values(&mut cands, ev, h);
            }
            cands.retain(|c| !settled.contains(&c.target));
            cands
        })
        .collect();
    suggest::apply_context(headers, &mut all, profile, &fixed);
    suggest::internal_parent_ids(headers, &mut all, profile.name == "generic");
    suggest::company_before_full_name(headers, &mut all);
    let merges = suggest::auto_merges(headers, &mut all);

    if strict {
        // Two columns with an equally strong first claim on one field: the user must choose.
        let mut claims: BTreeMap<&Target, (u8, Vec<usize>)> = BTreeMap::new();
        for (i, cands) in all.iter().enumerate() {
            let Some(first) = cands.first() else { continue };
            if merges.iter().any(|(_, cols)| cols.contains(&i)) {
                continue;
            }
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
    }

    let mut taken = settled.clone();
    taken.extend(merges.iter().map(|(t, _)| t.clone()));
    let mut chosen = suggest::assign(&all, &taken);
    if !taken.contains(&Target::Field(crate::model::Field::ShortName)) {
        suggest::second_names(headers, &mut all, &mut chosen);
    }
    if !taken.contains(&Target::Field(crate::model::Field::AdditionalEmails)) {
        suggest::second_emails(headers, &mut all, &mut chosen);
    }
    let mut columns: Vec<ColumnMapping> = original
        .iter()
        .enumerate()
        .map(|(i, h)| match fixed.get(&i) {
            Some(fix) => ColumnMapping {
                column: column_letter(i),
                index: i,
                header: h.clone(),
                field: fix.target.clone(),
                confidence: 1.0,
                reason: if fix.target.is_some() { MatchReason::Explicit } else { MatchReason::Ignored },
                needs_review: false,
                merged_from: fix.merged.iter().map(|&j| column_letter(j)).collect(),
            },
            None => {
                if let Some((target, cols)) = merges.iter().find(|(_, cols)| cols.contains(&i)) {
                    let first = all.get(i).and_then(|c| c.iter().find(|c| &c.target == target));
                    let mut col = column(i, h, first);
                    col.merged_from = cols.iter().map(|&j| column_letter(j)).collect();
                    return col;
                }
                let cand = chosen.get(i).copied().flatten().and_then(|c| all.get(i).and_then(|all| all.get(c)));
                column(i, h, cand)
            }
        })
        .collect();
    for c in &mut columns {
        c.needs_review = match c.reason {
            // The host said so, or the profile's own layout did (a column like InvoiceOcean's
            // ordinal `No` carries no field on purpose).
            MatchReason::Explicit | MatchReason::Ignored => false,
            MatchReason::ProfileLabel if c.field.is_none() => false,
            MatchReason::None => !c.header.trim().is_empty() || evidence.get(c.index).is_some_and(|e| e.n > 0),
            _ => c.confidence < threshold,
        };
    }

    if strict {
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
    }
    Ok(columns)
}

/// A column the explicit mapping fixes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fixed {
    /// Its target (`None`: ignored).
    pub target: Option<Target>,
    /// The columns of its merge (empty: no merge).
    pub merged: Vec<usize>,
}

/// The columns a key of the mapping document names: the header text, then the folded header
/// text, then an upper-case column letter.
fn columns_named(headers: &[String], key: &str) -> Result<Vec<usize>> {
    let exact: Vec<usize> = (0..headers.len()).filter(|&i| headers.get(i).is_some_and(|h| h == key)).collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    let folded_key = fold_label(key);
    if !folded_key.is_empty() {
        let folded: Vec<usize> =
            (0..headers.len()).filter(|&i| headers.get(i).is_some_and(|h| fold_label(h) == folded_key)).collect();
        if !folded.is_empty() {
            return Ok(folded);
        }
    }
    let letter = key.trim();
    match column_index(letter).filter(|&i| i < headers.len() && letter.bytes().all(|b| b.is_ascii_uppercase())) {
        Some(i) => Ok(vec![i]),
        None => Err(Error::options(format!("the mapping names column \"{key}\", which the file does not have"))),
    }
}

/// The columns an explicit mapping fixes: column index -> target (`None`: ignored) and merge.
fn explicit_targets(headers: &[String], profile: &Profile, mapping: &Mapping) -> Result<BTreeMap<usize, Fixed>> {
    let mut by_header: Vec<(Vec<usize>, Option<Target>)> = Vec::new();
    let mut by_letter: Vec<(usize, Option<Target>)> = Vec::new();
    for (key, value) in &mapping.entries {
        let target = value.as_deref().map(|name| target_named(name, profile)).transpose()?;
        let exact_or_folded = headers.iter().any(|h| h == key)
            || (!fold_label(key).is_empty() && headers.iter().any(|h| fold_label(h) == fold_label(key)));
        let cols = columns_named(headers, key)?;
        if exact_or_folded {
            by_header.push((cols, target));
        } else {
            by_letter.extend(cols.into_iter().map(|i| (i, target.clone())));
        }
    }
    let mut fixed: BTreeMap<usize, Fixed> = BTreeMap::new();
    for (cols, target) in by_header {
        for i in cols {
            fixed.insert(i, Fixed { target: target.clone(), merged: Vec::new() });
        }
    }
    for (i, target) in by_letter {
        fixed.insert(i, Fixed { target, merged: Vec::new() });
    }
    for (field, keys) in &mapping.merges {
        let target = target_named(field, profile)?;
        let mut cols: Vec<usize> = Vec::new();
        for key in keys {
            for i in columns_named(headers, key)? {
                if !cols.contains(&i) {
                    cols.push(i);
                }
            }
        }
        cols.sort_unstable();
        for &i in &cols {
            if let Some(other) = fixed.get(&i)
                && other.target.as_ref() != Some(&target)
            {
                return Err(Error::options(format!(
                    "the mapping puts column {} both in the merge into `{target}` and elsewhere",
                    column_letter(i)
                )));
            }
            fixed.insert(i, Fixed { target: Some(target.clone()), merged: cols.clone() });
        }
    }
    let mut seen: BTreeMap<&Target, usize> = BTreeMap::new();
    for (&i, fix) in &fixed {
        if let Some(t) = &fix.target
            && fix.merged.is_empty()
            && let Some(first) = seen.insert(t, i)
        {
            return Err(Error::options(format!(
                "the mapping assigns field `{t}` to two columns ({} and {})",
                column_letter(first),
                column_letter(i)
            )));
        }
    }
    for (&i, fix) in &fixed {
        if let Some(t) = &fix.target
            && !fix.merged.is_empty()
            && let Some(&other) = seen.get(t)
        {
            return Err(Error::options(format!(
                "the mapping assigns field `{t}` to column {} and to a merge (column {})",
                column_letter(other),
                column_letter(i)
            )));
        }
    }
    Ok(fixed)
}
