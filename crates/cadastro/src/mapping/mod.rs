//! Column mapping: which column feeds which field.
//!
//! [`suggest`] proposes a target for every column with a confidence and a reason; an explicit
//! [`Mapping`] (JSON a host saves and replays) overrides it; [`resolve`] turns both into the
//! final column assignment and reports `duplicate_header` and `missing_required_column`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::profile::{Profile, Target};
use crate::read::{column_index, column_letter};

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
    /// The header is close to a known label.
    Fuzzy,
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

    /// The mapping a resolved assignment amounts to, keyed by header text (column letter for
    /// columns without header), ready to save.
    pub fn from_columns(columns: &[ColumnMapping]) -> Mapping {
        let entries = columns
            .iter()
            .map(|c| {
                let key = if c.header.trim().is_empty() { c.column.clone() } else { c.header.clone() };
                (key, c.field.as_ref().map(|t| t.name().to_owned()))
            })
            .collect();
        Mapping { entries }
    }
}

/// Folds a header label for comparison: case, accents, punctuation and whitespace removed.
///
/// ```
/// use cadastro::mapping::fold_label;
/// assert_eq!(fold_label("  E-mail  "), fold_label("email"));
/// ```
pub fn fold_label(label: &str) -> String {
    label.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// True when `text` is a header label cadastro knows (any field, any language). Header
/// detection uses it to tell the header row from title rows.
pub fn is_known_label(text: &str) -> bool {
    let folded = fold_label(text);
    !folded.is_empty()
        && crate::model::Field::ALL.iter().any(|f| fold_label(f.label()) == folded || fold_label(f.as_str()) == folded)
}

/// Suggests a target for every column.
pub fn suggest(headers: &[String], profile: &Profile) -> Vec<ColumnMapping> {
    let mut taken = std::collections::BTreeSet::new();
    headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let folded = fold_label(header);
            let hit = profile
                .columns
                .iter()
                .find(|c| c.field.is_some() && fold_label(&c.header) == folded)
                .and_then(|c| c.field.clone())
                .filter(|t| taken.insert(t.clone()));
            ColumnMapping {
                column: column_letter(index),
                index,
                header: header.clone(),
                confidence: if hit.is_some() { 1.0 } else { 0.0 },
                reason: if hit.is_some() { MatchReason::Exact } else { MatchReason::None },
                field: hit,
            }
        })
        .collect()
}

/// Resolves the final mapping: explicit entries first, suggestions for the rest.
///
/// # Errors
/// `duplicate_header` when two columns would land on one field without an explicit choice,
/// `missing_required_column` when a required field of the profile has no column,
/// `invalid_options` when the explicit mapping names an unknown field or column.
pub fn resolve(headers: &[String], profile: &Profile, explicit: Option<&Mapping>) -> Result<Vec<ColumnMapping>> {
    let mut columns = suggest(headers, profile);
    if let Some(explicit) = explicit {
        for (key, target) in &explicit.entries {
            let index = headers
                .iter()
                .position(|h| h == key)
                .or_else(|| {
                    headers.iter().position(|h| fold_label(h) == fold_label(key) && !fold_label(key).is_empty())
                })
                .or_else(|| column_index(key).filter(|&i| i < headers.len()))
                .ok_or_else(|| {
                    Error::options(format!("the mapping names column \"{key}\", which the file does not have"))
                })?;
            let target = target.as_deref().map(Target::parse);
            if let Some(Target::Custom(name)) = &target
                && profile.custom_field(name).is_none()
            {
                return Err(Error::options(format!("the mapping names unknown field `{name}`")));
            }
            if let Some(col) = columns.get_mut(index) {
                col.reason = if target.is_some() { MatchReason::Explicit } else { MatchReason::Ignored };
                col.confidence = 1.0;
                col.field = target;
            }
        }
    }
    let mut by_target: BTreeMap<&Target, Vec<&ColumnMapping>> = BTreeMap::new();
    for col in &columns {
        if let Some(t) = &col.field {
            by_target.entry(t).or_default().push(col);
        }
    }
    for (target, cols) in &by_target {
        if cols.len() > 1 {
            return Err(ErrorKind::DuplicateHeader {
                field: target.name().to_owned(),
                columns: cols.iter().map(|c| c.column.clone()).collect(),
            }
            .into());
        }
    }
    for req in &profile.required {
        if !by_target.contains_key(req) {
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
