//! One column's mapping: the target a column feeds and why (the data a mapping produces and a
//! plan compiles).

use serde::{Deserialize, Serialize};

use super::Target;

/// Why a column got its target. A column with a field has one of `explicit`, `learned`,
/// `profile_label`, `synonym`, `context`, `values`, `fuzzy`; a column without one has `ignored`
/// (the explicit mapping says so), `context` (the grammar or the header row says it holds
/// nothing cadastro stores, e.g. a shipping city), `profile_label` (a column of the profile's
/// own layout that carries no field) or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchReason {
    /// Named in the explicit mapping.
    Explicit,
    /// The host's learned mappings name the header.
    Learned,
    /// The header is the profile's own label for the field.
    ProfileLabel,
    /// The header is a known synonym (any language, any profile), read whole or through the
    /// header grammar, or contains a telling word (`CPF do responsável`).
    Synonym,
    /// The header row decided: a contact block, a shipping block, the profile's layout, a second
    /// column of the same meaning, a merge.
    Context,
    /// The sample values decided (a header matched nothing, or its reading was vetoed).
    Values,
    /// The header is close to a known label (a typing error).
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
    /// Confidence between 0 and 1: the probability that the suggestion is right.
    pub confidence: f64,
    /// Why.
    pub reason: MatchReason,
    /// True when a person should look at this column before importing: its confidence is below
    /// the review threshold.
    #[serde(default)]
    pub needs_review: bool,
    /// The columns (letters) a merge reads for this field, this one included (`["B", "C"]` for
    /// CPF + CNPJ -> tax_id); empty for a column that is not merged.
    #[serde(default)]
    pub merged_from: Vec<String>,
}
