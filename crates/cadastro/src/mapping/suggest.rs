//! Candidate targets for one header, and the greedy assignment of targets to columns.

use std::collections::BTreeSet;

use super::MatchReason;
use super::fold::{fold_label, fold_tokens};
use super::synonyms::{RULES, STRONG, index};
use crate::model::Field;
use crate::profile::{Profile, Target};

/// One possible target of a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub target: Target,
    pub confidence: f64,
    pub reason: MatchReason,
}

impl Candidate {
    fn new(target: Target, confidence: f64, reason: MatchReason) -> Candidate {
        Candidate { target, confidence, reason }
    }

    /// How strongly the column claims its target: 2 for the profile's own label, 1 for an
    /// unambiguous synonym, 0 otherwise. Two columns claiming one field at the same non-zero
    /// strength are a `duplicate_header`.
    pub fn strength(&self) -> u8 {
        match self.reason {
            MatchReason::Exact => 2,
            MatchReason::Synonym if self.confidence >= STRONG => 1,
            _ => 0,
        }
    }
}

/// Highest confidence of a fuzzy match.
const FUZZY_MAX: f64 = 0.9;
/// Lowest similarity a fuzzy match needs.
const FUZZY_MIN: f64 = 0.75;
/// Shortest folded label compared fuzzily: shorter ones (`CEP`, `NIP`, `Nome`) are too close
/// to unrelated words.
const FUZZY_MIN_LEN: usize = 5;
/// Longest folded header compared fuzzily.
const FUZZY_MAX_LEN: usize = 64;
/// Confidence of a suggestion drawn from the sample values alone.
pub(crate) const SAMPLE_CONFIDENCE: f64 = 0.5;

/// The targets a header may map to, strongest first; empty when nothing fits.
///
/// Order of precedence: the active profile's own header (exact; a profile column without a
/// field, such as InvoiceOcean's `No`, means "no field"); the profile's own synonyms and custom
/// fields; the synonym table (every language, every built-in profile); then keyword rules and
/// fuzzy similarity.
pub(crate) fn candidates(header: &str, profile: &Profile) -> Vec<Candidate> {
    let folded = fold_label(header);
    if folded.is_empty() {
        return Vec::new();
    }
    if let Some(col) = profile.columns.iter().find(|c| fold_label(&c.header) == folded) {
        return col.field.iter().map(|t| Candidate::new(t.clone(), 1.0, MatchReason::Exact)).collect();
    }
    if let Some(col) = profile.columns.iter().find(|c| c.synonyms.iter().any(|s| fold_label(s) == folded)) {
        return col.field.iter().map(|t| Candidate::new(t.clone(), STRONG, MatchReason::Synonym)).collect();
    }
    if let Some(cf) = profile
        .custom_fields
        .iter()
        .find(|cf| fold_label(&cf.name) == folded || cf.synonyms.iter().any(|s| fold_label(s) == folded))
    {
        return vec![Candidate::new(Target::Custom(cf.name.clone()), STRONG, MatchReason::Synonym)];
    }
    let idx = index();
    let readings = idx.readings(&folded);
    if !readings.is_empty() {
        return readings.iter().map(|&(f, w)| Candidate::new(Target::Field(f), w, MatchReason::Synonym)).collect();
    }
    if idx.is_known(&folded) {
        // A built-in profile's column that carries no field.
        return Vec::new();
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut offer = |c: Candidate| match found.iter_mut().find(|f| f.target == c.target) {
        Some(f) if f.confidence < c.confidence => *f = c,
        Some(_) => {}
        None => found.push(c),
    };
    if let Some(c) = keyword_candidate(header) {
        offer(c);
    }
    for c in fuzzy_candidates(&folded, profile) {
        offer(c);
    }
    found.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    found
}

/// The first keyword rule the header's words satisfy.
fn keyword_candidate(header: &str) -> Option<Candidate> {
    let tokens = fold_tokens(header);
    // Adjacent words joined too, so `E mail` and `CPF CNPJ` are seen as `email`, `cpfcnpj`.
    let joined: Vec<String> = tokens.windows(2).map(|w| w.concat()).collect();
    let has = |word: &str| tokens.iter().chain(&joined).any(|t| t == word);
    RULES
        .iter()
        .find(|rule| rule.groups.iter().all(|group| group.iter().any(|w| has(w))))
        .map(|rule| Candidate::new(Target::Field(rule.field), rule.confidence, MatchReason::Partial))
}

/// Labels within a few typing errors of the header.
fn fuzzy_candidates(folded: &str, profile: &Profile) -> Vec<Candidate> {
    let len = folded.len();
    if !(FUZZY_MIN_LEN..=FUZZY_MAX_LEN).contains(&len) {
        return Vec::new();
    }
    let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).collect::<Vec<u8>>();
    let header_digits = digits(folded);
    let first = folded.bytes().next();
    let mut out: Vec<Candidate> = Vec::new();
    let mut consider = |label: &str, target: Target| {
        let longest = label.len().max(len);
        let allowed = match longest {
            0..=8 => 1,
            9..=15 => 2,
            _ => 3,
        };
        // A typo rarely hits the first letter (`Idade` is not `Cidade`), and a number is
        // never a typo (`Notes2` is not `Notes`).
        if label.len() < FUZZY_MIN_LEN
            || label.bytes().next() != first
            || label.len().abs_diff(len) > allowed
            || digits(label) != header_digits
        {
            return;
        }
        let distance = strsim::osa_distance(folded, label);
        if distance == 0 || distance > allowed {
            return;
        }
        // Lengths are at most a few dozen characters: the conversion is exact.
        let similarity = 1.0 - distance as f64 / longest as f64;
        if similarity < FUZZY_MIN {
            return;
        }
        let confidence = similarity.min(FUZZY_MAX);
        match out.iter_mut().find(|c| c.target == target) {
            Some(c) if c.confidence < confidence => c.confidence = confidence,
            Some(_) => {}
            None => out.push(Candidate::new(target, confidence, MatchReason::Fuzzy)),
        }
    };
    for col in &profile.columns {
        if let Some(target) = &col.field {
            for label in std::iter::once(&col.header).chain(&col.synonyms) {
                consider(&fold_label(label), target.clone());
            }
        }
    }
    for cf in &profile.custom_fields {
        for label in std::iter::once(&cf.name).chain(&cf.synonyms) {
            consider(&fold_label(label), Target::Custom(cf.name.clone()));
        }
    }
    for (label, field) in &index().fuzzy {
        consider(label, Target::Field(*field));
    }
    out
}

/// Assigns at most one column to each target, strongest claim first (ties: leftmost column),
/// skipping `settled` targets. Returns, per column, the index of its chosen candidate.
pub(crate) fn assign(all: &[Vec<Candidate>], settled: &BTreeSet<Target>) -> Vec<Option<usize>> {
    let mut pairs: Vec<(usize, usize, f64)> = all
        .iter()
        .enumerate()
        .flat_map(|(col, cands)| cands.iter().enumerate().map(move |(i, c)| (col, i, c.confidence)))
        .collect();
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<Option<usize>> = vec![None; all.len()];
    let mut taken: BTreeSet<&Target> = settled.iter().collect();
    for (col, i, _) in pairs {
        let Some(target) = all.get(col).and_then(|c| c.get(i)).map(|c| &c.target) else { continue };
        if let Some(slot) = chosen.get_mut(col)
            && slot.is_none()
            && !taken.contains(target)
        {
            *slot = Some(i);
            taken.insert(target);
        }
    }
    chosen
}

/// What the sample values of a column look like, when they all look like one thing.
pub(crate) fn sample_field(samples: &[String]) -> Option<Field> {
    let values: Vec<&str> = samples.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if values.is_empty() {
        return None;
    }
    let all = |pred: fn(&str) -> bool| values.iter().all(|v| pred(v));
    if all(looks_like_email) {
        Some(Field::Email)
    } else if all(|v| shape_is(v, &["ddd.ddd.ddd-dd", "dd.ddd.ddd/dddd-dd", "ddd-ddd-dd-dd", "ddd-dd-dd-ddd"])) {
        Some(Field::TaxId)
    } else if all(|v| shape_is(v, &["ddddd-ddd", "dd-ddd"])) {
        Some(Field::PostalCode)
    } else if all(looks_like_phone) {
        Some(Field::Phone)
    } else if all(looks_like_url) {
        Some(Field::Website)
    } else {
        None
    }
}

/// `d` stands for an ASCII digit, every other character for itself.
fn shape_is(value: &str, shapes: &[&str]) -> bool {
    shapes.iter().any(|shape| {
        value.len() == shape.len()
            && value.bytes().zip(shape.bytes()).all(|(v, s)| if s == b'd' { v.is_ascii_digit() } else { v == s })
    })
}

fn looks_like_email(v: &str) -> bool {
    let mut parts = v.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(char::is_whitespace)
        }
        _ => false,
    }
}

fn looks_like_phone(v: &str) -> bool {
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    v.starts_with('+')
        && (8..=15).contains(&digits)
        && v.bytes().skip(1).all(|b| b.is_ascii_digit() || b" ()-.".contains(&b))
}

fn looks_like_url(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        && !v.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(header: &str, profile: &str) -> Option<(String, MatchReason)> {
        let p = Profile::builtin(profile).unwrap();
        candidates(header, &p).first().map(|c| (c.target.name().to_owned(), c.reason))
    }

    #[test]
    fn precedence() {
        assert_eq!(top("Company", "invoiceocean"), Some(("is_company".into(), MatchReason::Exact)));
        assert_eq!(top("Company", "upflow"), Some(("name".into(), MatchReason::Synonym)));
        assert_eq!(top("No", "invoiceocean"), None);
        assert_eq!(top("No", "asaas"), None);
        assert_eq!(top("Contact name", "upflow"), Some(("contact_last_name".into(), MatchReason::Exact)));
        assert_eq!(top("Group/Parent ID", "upflow"), Some(("parent_id".into(), MatchReason::Synonym)));
        assert_eq!(top("Group/Parent ID", "asaas"), Some(("parent_id".into(), MatchReason::Synonym)));
    }

    #[test]
    fn fuzzy_and_keywords() {
        assert_eq!(top("Emial", "generic"), Some(("email".into(), MatchReason::Fuzzy)));
        assert_eq!(top("Endereco de emial", "asaas").map(|t| t.1), Some(MatchReason::Fuzzy));
        assert_eq!(top("Notes2", "generic"), None);
        assert_eq!(top("Foo", "generic"), None);
        assert_eq!(top("Idade", "asaas"), None);
        assert_eq!(top("CPF do responsável", "asaas"), Some(("tax_id".into(), MatchReason::Partial)));
        assert_eq!(top("Razao social da empresa", "asaas"), Some(("name".into(), MatchReason::Partial)));
        assert_eq!(top("Telefone celular 2", "asaas"), Some(("mobile_phone".into(), MatchReason::Partial)));
    }

    #[test]
    fn assignment_is_greedy_and_one_to_one() {
        let p = Profile::builtin("upflow").unwrap();
        let all: Vec<Vec<Candidate>> =
            ["Company", "Client name", "Email", "E-mail"].iter().map(|h| candidates(h, &p)).collect();
        let chosen = assign(&all, &BTreeSet::new());
        let names: Vec<Option<&str>> =
            chosen.iter().zip(&all).map(|(i, c)| i.and_then(|i| c.get(i)).map(|c| c.target.name())).collect();
        assert_eq!(names, [Some("is_company"), Some("name"), Some("email"), None]);
    }

    #[test]
    fn samples() {
        let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(sample_field(&s(&["ana@x.com.br", " bo@y.fr", ""])), Some(Field::Email));
        assert_eq!(sample_field(&s(&["529.982.247-25", "11.222.333/0001-81"])), Some(Field::TaxId));
        assert_eq!(sample_field(&s(&["01310-100", "00-950"])), Some(Field::PostalCode));
        assert_eq!(sample_field(&s(&["+55 11 98765-4321"])), Some(Field::Phone));
        assert_eq!(sample_field(&s(&["https://acme.fr"])), Some(Field::Website));
        assert_eq!(sample_field(&s(&["ana@x.com", "Maria"])), None);
        assert_eq!(sample_field(&s(&["", " "])), None);
        assert_eq!(sample_field(&s(&["12345"])), None);
    }
}
