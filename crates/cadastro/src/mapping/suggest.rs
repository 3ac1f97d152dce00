//! Candidate targets for one header, and the greedy assignment of targets to columns.

use std::collections::{BTreeMap, BTreeSet};

use super::grammar::{self, Block, Parsed};
use super::synonyms::{RULES, STRONG, index};
use super::values::{Evidence, Verdict};
use super::{Fixed, MatchReason};
use crate::model::Field;
use crate::model::label::{fold_label, fold_tokens};
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
            MatchReason::ProfileLabel | MatchReason::Learned => 2,
            MatchReason::Synonym if self.confidence >= STRONG => 1,
            _ => 0,
        }
    }
}

/// Highest confidence of a fuzzy match.
const FUZZY_MAX: f64 = 0.85;
/// Confidence of a learned mapping.
const LEARNED: f64 = 0.99;
/// Confidence of a reading through the header grammar.
const GRAMMAR: f64 = 0.9;
/// Confidence of a header reading the values confirm.
const CONFIRMED: f64 = 0.98;
/// Confidence of an ambiguous header reading the values confirm.
const CONFIRMED_LOOSE: f64 = 0.88;
/// Confidence of a person detail of an address block (`billing_address[company]`).
const DETAIL: f64 = 0.5;
/// Confidence of a decision of the header row (contact block, shipping block, layout).
const CONTEXT: f64 = 0.9;
/// Lowest similarity a fuzzy match needs.
const FUZZY_MIN: f64 = 0.75;
/// Shortest folded label compared fuzzily: shorter ones (`CEP`, `NIP`, `Nome`) are too close
/// to unrelated words.
const FUZZY_MIN_LEN: usize = 5;
/// Longest folded header compared fuzzily.
const FUZZY_MAX_LEN: usize = 64;
/// Confidence of an unambiguous header whose values its field vetoes but no other field takes.
const KEPT_DESPITE_VALUES: f64 = 0.5;
/// Confidence of a reading of values with check digits over a loose header.
const CHECKED_VALUES: f64 = 0.85;
/// Confidence of a bare `Number` far from any address column read as the record's number.
const LOOSE_NUMBER: f64 = 0.7;
/// Confidence of the fallback reading when the values chose another (the tax id under VAT
/// numbers).
const AMBIGUOUS_SECOND_READING: f64 = 0.8;
/// Confidence of a decision of the header row between two plausible readings.
const AMBIGUOUS_CONTEXT: f64 = 0.85;
/// Highest confidence of a secondary copy of a detail (`Home Phone`).
const SECONDARY: f64 = 0.6;
/// Confidence of a suggestion drawn from the sample values alone.
const VALUES_ONLY: f64 = 0.6;

/// The targets a header may map to, strongest first; empty when nothing fits.
///
/// Order of precedence: the active profile's own header (exact; a profile column without a
/// field, such as InvoiceOcean's `No`, means "no field"); the profile's own synonyms and custom
/// fields; the synonym table (every language, every built-in profile); then keyword rules and
/// fuzzy similarity.
pub(crate) fn candidates(header: &str, profile: &Profile, learned: &BTreeMap<String, Target>) -> Vec<Candidate> {
    let folded = fold_label(header);
    let mut cands = header_candidates(header, &folded, profile);
    // A secondary copy (`Home Phone`, `Other Street`, `Assistant's Phone`) yields to the main
    // column and is never sure.
    if Parsed::read(header).block == Block::Other {
        for c in cands.iter_mut().filter(|c| c.reason != MatchReason::ProfileLabel) {
            c.confidence = c.confidence.min(SECONDARY);
            c.reason = MatchReason::Context;
        }
    }
    prefer_learned(&mut cands, &folded, learned);
    cands
}

/// Confidence of a technical abbreviation's reading (`END` in a file of `A1_*` names).
const ABBREVIATION: f64 = 0.8;

/// The reading of a technical abbreviation, for a header read without its table prefix.
pub(crate) fn abbreviation_candidates(header: &str) -> Vec<Candidate> {
    super::synonyms::technical_abbreviation(&grammar::words(header).join(" "))
        .map(|f| Candidate::new(Target::Field(f), ABBREVIATION, MatchReason::Synonym))
        .into_iter()
        .collect()
}

/// Confidence of a parent's id that likely points at the product's internal ids.
const INTERNAL_PARENT: f64 = 0.7;

/// A parent's id in a file whose own `id` column is not its external id (a `reference` or
/// `code` column is) most likely holds the product's internal ids, which cadastro does not
/// know: the reading is kept, for review. A built-in or host profile's own label stays as its
/// layout says; the generic profile's `Parent ID` is only a common label.
pub(crate) fn internal_parent_ids(headers: &[String], all: &mut [Vec<Candidate>], generic: bool) {
    let external = Target::Field(Field::ExternalId);
    let internal_id = headers
        .iter()
        .zip(all.iter())
        .any(|(h, c)| fold_label(h) == "id" && c.first().is_none_or(|c| c.target != external));
    let external_elsewhere = headers
        .iter()
        .zip(all.iter())
        .any(|(h, c)| fold_label(h) != "id" && c.first().is_some_and(|c| c.target == external));
    if !(internal_id && external_elsewhere) {
        return;
    }
    for c in all.iter_mut().flatten() {
        let labelled = c.reason == MatchReason::ProfileLabel && !generic;
        if c.target == Target::Field(Field::ParentId) && c.reason != MatchReason::Learned && !labelled {
            c.confidence = c.confidence.min(INTERNAL_PARENT);
            c.reason = MatchReason::Context;
        }
    }
}

/// A person's full name beside a company column (`invoice_fullname`, `invoice_company`): the
/// company is the customer's name, the person's name at most a second name. The full name's
/// reading of `name` drops below the company's, and both stay below review.
pub(crate) fn company_before_full_name(headers: &[String], all: &mut [Vec<Candidate>]) {
    let name = Target::Field(Field::Name);
    let company_words = ["company", "empresa", "societe", "firma", "entreprise"];
    let words_of = |h: &str| grammar::words(h);
    let company = headers.iter().zip(all.iter()).any(|(h, c)| {
        words_of(h).iter().any(|w| company_words.contains(&w.as_str())) && c.iter().any(|c| c.target == name)
    });
    if !company {
        return;
    }
    for (h, cands) in headers.iter().zip(all.iter_mut()) {
        let w = words_of(h);
        let full = w.iter().any(|w| w == "fullname")
            || w.windows(2).any(|p| p.first().is_some_and(|a| a == "full") && p.get(1).is_some_and(|b| b == "name"));
        if !full {
            continue;
        }
        for c in cands.iter_mut().filter(|c| c.target == name && c.reason == MatchReason::Synonym) {
            c.confidence = c.confidence.min(AMBIGUOUS_SECOND_READING);
        }
    }
}

/// A mapping the users accepted before for this (folded) header ranks first.
pub(crate) fn prefer_learned(cands: &mut Vec<Candidate>, folded: &str, learned: &BTreeMap<String, Target>) {
    if let Some(t) = learned.get(folded) {
        cands.retain(|c| &c.target != t);
        cands.insert(0, Candidate::new(t.clone(), LEARNED, MatchReason::Learned));
    }
}

fn header_candidates(header: &str, folded: &str, profile: &Profile) -> Vec<Candidate> {
    if folded.is_empty() {
        return Vec::new();
    }
    if let Some(col) = profile.columns.iter().find(|c| fold_label(&c.header) == folded) {
        return col.field.iter().map(|t| Candidate::new(t.clone(), 1.0, MatchReason::ProfileLabel)).collect();
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
    let readings = idx.readings(folded);
    if !readings.is_empty() {
        return readings.iter().map(|&(f, w)| Candidate::new(Target::Field(f), w, MatchReason::Synonym)).collect();
    }
    if idx.is_known(folded) {
        // A built-in profile's column that carries no field.
        return Vec::new();
    }
    // The grammar; its weakest reading (an address word alone) yields to a typing error of a
    // known label (`Endereco de emial`).
    if let Some(found) = grammar_candidates(header)
        && (found.first().is_none_or(|c| c.target != Target::Field(Field::Address))
            || !fuzzy_candidates(folded, profile).iter().any(|c| c.confidence >= 0.8))
    {
        return found;
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut offer = |c: Candidate| match found.iter_mut().find(|f| f.target == c.target) {
        Some(f) if f.confidence < c.confidence => *f = c,
        Some(_) => {}
        None => found.push(c),
    };
    if let Some(c) = keyword_candidate(header)
        && !(c.target == Target::Field(Field::DeliveryAddress) && shipping_detail(header))
    {
        offer(c);
    }
    for c in fuzzy_candidates(folded, profile) {
        offer(c);
    }
    found.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    found
}

/// A shipping block's detail other than its address (`delivery_method`, `Shipping price`,
/// `Delivery date`): nothing cadastro stores, never the delivery address.
fn shipping_detail(header: &str) -> bool {
    let p = Parsed::read(header);
    p.block == Block::Shipping
        && !p.core.is_empty()
        && p.qualifier().is_none()
        && p.core.iter().all(|w| {
            ![
                "address",
                "addr",
                "adresse",
                "endereco",
                "direccion",
                "adres",
                "street",
                "rue",
                "calle",
                "ulica",
                "local",
            ]
            .contains(&w.as_str())
        })
}

/// The first keyword rule the header's words satisfy.
fn keyword_candidate(header: &str) -> Option<Candidate> {
    let find = |tokens: &[String], rules: &[super::synonyms::Rule]| {
        // Adjacent words joined too, so `E mail` and `CPF CNPJ` are seen as `email`, `cpfcnpj`.
        let joined: Vec<String> = tokens.windows(2).map(|w| w.concat()).collect();
        let has = |word: &str| tokens.iter().chain(&joined).any(|t| t == word);
        rules
            .iter()
            .find(|rule| rule.groups.iter().all(|group| group.iter().any(|w| has(w))))
            .map(|rule| Candidate::new(Target::Field(rule.field), rule.confidence, MatchReason::Synonym))
    };
    // Then the camelCase words (`EmailID`, `dueDays`), but not for the last, weakest rule
    // ("some kind of name"): `SkypeName` is no customer name.
    // A numbered header (`Notes2`) is another copy of the field, not the field.
    let words = grammar::words(header);
    let numbered = words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()));
    find(&fold_tokens(header), RULES).or_else(|| {
        (!numbered).then(|| find(&words, RULES.get(..RULES.len().saturating_sub(1)).unwrap_or_default())).flatten()
    })
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

/// The candidates the header grammar gives (`Some(vec![])`: the grammar decided the column
/// holds nothing cadastro stores, e.g. a shipping city), or `None` when it says nothing.
fn grammar_candidates(header: &str) -> Option<Vec<Candidate>> {
    let p = Parsed::read(header);
    if p.words.len() < 2 {
        return None;
    }
    if p.code {
        return Some(Vec::new());
    }
    // An address block's person detail: a weak reading the customer's own column outranks.
    if p.qualifier() == Some(None)
        && p.block == Block::Main
        && let Some(f) = p.detail()
    {
        return Some(vec![Candidate::new(Target::Field(f), DETAIL, MatchReason::Context)]);
    }
    let readings: Vec<(Option<Field>, f64)> = {
        let labels = p.core_labels();
        if labels.is_empty() {
            match p.qualifier() {
                Some(q) => vec![(q, GRAMMAR)],
                None => match p.suffix_label() {
                    Some((f, w)) => vec![(Some(f), w)],
                    None => return None,
                },
            }
        } else {
            labels.into_iter().map(|(f, w)| (Some(f), w.min(GRAMMAR))).collect()
        }
    };
    let mut out: Vec<Candidate> = Vec::new();
    for (field, weight) in readings {
        let mut moved = false;
        let mut field = field;
        if p.block == Block::Shipping {
            moved = true;
            field = match field {
                Some(Field::Address | Field::DeliveryAddress) => Some(Field::DeliveryAddress),
                _ => None,
            };
        } else if p.contact
            && let Some(f) = field
            // A record's owner is the account manager whatever the record (`Contact owner`).
            && f != Field::AccountManagerEmail
        {
            let c = grammar::contact_version(f);
            moved = c != Some(f);
            field = c;
        }
        let reason = if moved { MatchReason::Context } else { MatchReason::Synonym };
        if let Some(f) = field
            && !out.iter().any(|c| c.target == Target::Field(f))
        {
            out.push(Candidate::new(Target::Field(f), weight, reason));
        }
    }
    Some(out)
}

/// The values confirm or veto the header's readings: vetoed readings go, a confirmed reading
/// gains confidence, and a column left with nothing takes what the values alone say.
pub(crate) fn weigh_values(cands: &mut Vec<Candidate>, ev: &Evidence, header: &str) {
    if ev.n == 0 {
        return;
    }
    // An id column holding names is the name counterpart (Odoo's `parent_id` exports the
    // parent's name).
    if ev.words >= 0.6 && ev.multiword >= 0.5 && ev.code < 0.2 {
        for c in cands.iter_mut().filter(|c| c.reason != MatchReason::Learned) {
            if c.target == Target::Field(Field::ParentId) {
                c.target = Target::Field(Field::ParentName);
            }
        }
    }
    // Values with check digits (tax ids, IBANs) outweigh a loose header (`code` holding NIFs,
    // `ID` holding CPFs): a column is rarely filled with valid identifiers of another kind.
    if let Some(f @ (Field::TaxId | Field::BankAccount)) = ev.field()
        && let Some(top) = cands.first()
        && top.confidence < STRONG - 1e-9
        && !matches!(top.reason, MatchReason::Learned | MatchReason::ProfileLabel)
        && top.target.field().is_some_and(|t| t != f && !(f == Field::TaxId && t == Field::VatNumber))
    {
        cands.retain(|c| c.target != Target::Field(f));
        cands.insert(0, Candidate::new(Target::Field(f), CHECKED_VALUES, MatchReason::Values));
    }
    // A record's status under `state` (`active`/`inactive`, 0/1) is no place, whatever named
    // the column: not even a profile's own `State` label keeps it.
    if ev.is_status() {
        cands.retain(|c| {
            c.reason == MatchReason::Learned
                || !c.target.field().is_some_and(|f| matches!(f, Field::State | Field::City | Field::District))
        });
    }
    let had_any = !cands.is_empty();
    // A header that says e-mail unambiguously (`E-mail`, `Correo electrónico`) keeps its e-mail
    // field when the values fit no other field: they are bad e-mails, which the import reports
    // row by row, and the reading drops below review. A header that does not say e-mail
    // (`Account Owner` holding names), an ambiguous one and values that fit another field lose
    // the reading.
    let words = fold_tokens(header).concat();
    let says_mail = ["mail", "courriel", "correo"].iter().any(|w| words.contains(w));
    let bad_values = ev.field().is_none();
    for c in cands.iter_mut() {
        if bad_values
            && says_mail
            && c.target.field().is_some_and(is_email_kind)
            && c.reason == MatchReason::Synonym
            && c.confidence >= STRONG - 1e-9
            && c.target.field().is_some_and(|f| ev.verdict(f) == Verdict::Veto)
        {
            c.confidence = KEPT_DESPITE_VALUES;
            c.reason = MatchReason::Context;
        }
    }
    cands.retain(|c| {
        matches!(c.reason, MatchReason::Learned | MatchReason::ProfileLabel)
            || c.confidence == KEPT_DESPITE_VALUES
            || c.target.field().is_none_or(|f| ev.verdict(f) != Verdict::Veto)
    });
    for c in cands.iter_mut() {
        let Some(f) = c.target.field() else { continue };
        if ev.verdict(f) == Verdict::Confirm && !matches!(c.reason, MatchReason::Learned | MatchReason::ProfileLabel) {
            // Only values that few other fields share raise the confidence: codes, free words,
            // small numbers and two letters fit many fields (an `Account ID` of codes is not
            // surely the customer's number), so they only keep the header's reading.
            if !ev.discriminates(f) {
                continue;
            }
            let to = if c.confidence >= STRONG - 1e-9 {
                CONFIRMED
            } else if c.confidence >= 0.8 {
                CONFIRMED_LOOSE
            } else {
                (c.confidence + 0.1).min(0.75)
            };
            c.confidence = c.confidence.max(to);
        }
    }
    cands.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    // EU VAT numbers (country prefix and check digits) under a tax-id header (`tax_number`
    // holding `NL…B01`): the VAT number first, for review, the tax id as the fallback.
    if ev.vat >= 0.8
        && ev.n >= 2
        && let Some(top) = cands.first()
        && top.target == Target::Field(Field::TaxId)
        && !matches!(top.reason, MatchReason::Learned | MatchReason::ProfileLabel)
        && !cands.iter().any(|c| c.target == Target::Field(Field::VatNumber))
    {
        if let Some(top) = cands.first_mut() {
            top.confidence = top.confidence.min(AMBIGUOUS_SECOND_READING);
        }
        cands.insert(0, Candidate::new(Target::Field(Field::VatNumber), CONFIRMED_LOOSE, MatchReason::Values));
    }
    if cands.is_empty() {
        // A header the grammar decided holds nothing stays unmapped; a header nothing matched,
        // an empty one or one whose readings were all vetoed takes what the values say.
        // A label known to carry no field (`Status`, `PESEL`, InvoiceOcean's `No`) stays so.
        // A header that names something the table does not know (`Photo`, `CC`) is not
        // guessed from its values either: only an empty or placeholder header (`Column 3`) is.
        // A column of person types (`F`/`J`, `PF`/`PJ`) is the is-company flag even under a
        // label known to carry nothing (`Tipo`).
        if ev.person_type >= 0.9 && ev.n >= 2 {
            cands.push(Candidate::new(Target::Field(Field::IsCompany), VALUES_ONLY, MatchReason::Values));
            return;
        }
        let folded = fold_label(header);
        let field = ev.field();
        // Values that carry their own proof (e-mails, identifiers with check digits) may name
        // a column whose header is unknown; weaker shapes only a placeholder header's.
        let proven = matches!(field, Some(Field::Email | Field::TaxId | Field::BankAccount | Field::VatNumber));
        let known = index().is_known(&folded) || grammar_candidates(header).is_some();
        if !had_any && !folded.is_empty() && !is_placeholder(&folded) && (known || !proven) {
            return;
        }
        if let Some(f) = field {
            cands.push(Candidate::new(Target::Field(f), VALUES_ONLY, MatchReason::Values));
        }
    }
}

/// A header that says nothing about its column: `Column 3`, `Coluna`, `Field7`, `Unnamed: 2`.
fn is_placeholder(folded: &str) -> bool {
    let word = folded.trim_end_matches(|c: char| c.is_ascii_digit());
    word.is_empty()
        || [
            "column",
            "coluna",
            "colonne",
            "kolumna",
            "columna",
            "col",
            "field",
            "campo",
            "champ",
            "pole",
            "unnamed",
            "untitled",
            "header",
            "cabecalho",
        ]
        .contains(&word)
}

/// Fields holding e-mail addresses.
fn is_email_kind(f: Field) -> bool {
    matches!(f, Field::Email | Field::ContactEmail | Field::AdditionalEmails | Field::AccountManagerEmail)
}

/// Person fields of a customer that a contact block turns into the contact's.
fn is_person_field(f: Field) -> bool {
    matches!(f, Field::FirstName | Field::LastName | Field::Phone | Field::MobilePhone | Field::Email | Field::Name)
}

fn first_field(cands: &[Candidate]) -> Option<Field> {
    cands.first().and_then(|c| c.target.field())
}

fn move_to(cands: &mut Vec<Candidate>, f: Option<Field>) {
    let confidence = cands.first().map_or(CONTEXT, |c| c.confidence.min(CONTEXT));
    cands.clear();
    if let Some(f) = f {
        cands.push(Candidate::new(Target::Field(f), confidence, MatchReason::Context));
    }
}

/// The header row's context: the profile's own layout, a contact block, a file without a
/// contact block, a second name column, a second address in a shipping block.
pub(crate) fn apply_context(
    headers: &[String],
    all: &mut [Vec<Candidate>],
    profile: &Profile,
    fixed: &BTreeMap<usize, Fixed>,
) {
    let parsed: Vec<Parsed> = headers.iter().map(|h| Parsed::read(h)).collect();
    let fixed_field = |i: usize| fixed.get(&i).and_then(|f| f.target.as_ref()?.field());
    let generic = profile.name == "generic";

    // 2. A contact block: after a contact column named as such (`Contact email`), the person
    //    columns that follow are the contact's.
    let mut in_block = false;
    for i in 0..all.len() {
        let f = all.get(i).and_then(|c| first_field(c)).or_else(|| fixed_field(i));
        let contact_named = parsed.get(i).is_some_and(|p| p.contact);
        match f {
            Some(f) if f.is_contact() && contact_named => in_block = true,
            Some(f) if in_block && is_person_field(f) && f != Field::Name => {
                if let Some(cands) = all.get_mut(i)
                    && cands.first().is_some_and(|c| {
                        c.reason != MatchReason::Learned && (c.reason != MatchReason::ProfileLabel || generic)
                    })
                {
                    move_to(cands, grammar::contact_version(f));
                }
            }
            Some(f) if f.is_contact() => {}
            _ => in_block = false,
        }
    }

    // 3. A customer's own `Contact name` / `Contact ID` (Xero, Zoho): the customer's name or
    //    number when no other column is.
    let claims = |all: &[Vec<Candidate>], f: Field| {
        all.iter().any(|c| c.first().is_some_and(|c| c.target == Target::Field(f) && c.confidence >= 0.8))
            || fixed.values().any(|x| x.target == Some(Target::Field(f)))
    };
    if generic {
        for i in 0..all.len() {
            let own = headers.get(i).map(|h| fold_label(h)).unwrap_or_default();
            let to = match own.as_str() {
                "contactname" | "nomedocontato" | "nomecontato" => Field::Name,
                "contactid" | "contactnumber" | "contactcode" => Field::ExternalId,
                _ => continue,
            };
            if fixed.contains_key(&i) || claims(all, to) {
                continue;
            }
            if let Some(cands) = all.get_mut(i) {
                move_to(cands, Some(to));
            }
        }
    }

    // 3b. A file of persons (no contact block) with its own `Contact ID` and a related
    //     record's `Account ID` / `Company ID` (Salesforce's Contact export): the contact's id
    //     is the record's number, the account's is another record's. Both readings are
    //     plausible, so the result is left for review.
    if generic {
        let own_id = |h: &str| ["contactid", "personid", "peopleid"].contains(&fold_label(h).as_str());
        let related_id =
            |h: &str| ["accountid", "companyid", "organizationid", "organisationid"].contains(&fold_label(h).as_str());
        let contact_block = (0..all.len()).any(|i| {
            all.get(i).and_then(|c| first_field(c)).is_some_and(|f| {
                matches!(
                    f,
                    Field::ContactEmail | Field::ContactFirstName | Field::ContactLastName | Field::ContactPhone
                )
            })
        });
        let own = (0..headers.len()).find(|&i| headers.get(i).is_some_and(|h| own_id(h)) && !fixed.contains_key(&i));
        let related: Vec<usize> = (0..headers.len())
            .filter(|&i| {
                headers.get(i).is_some_and(|h| related_id(h))
                    && !fixed.contains_key(&i)
                    && all.get(i).and_then(|c| c.first()).is_some_and(|c| {
                        c.target == Target::Field(Field::ExternalId) && c.reason == MatchReason::Synonym
                    })
            })
            .collect();
        if !contact_block
            && let Some(own) = own
            && !related.is_empty()
        {
            for i in related {
                if let Some(cands) = all.get_mut(i) {
                    cands.clear();
                }
            }
            if let Some(cands) = all.get_mut(own) {
                cands.clear();
                cands.push(Candidate::new(Target::Field(Field::ExternalId), AMBIGUOUS_CONTEXT, MatchReason::Context));
            }
        }
    }

    // 4. Two name columns: the legal name keeps `name`, the other is the short name.
    let legal = |h: &str| {
        let f = fold_label(h);
        ["razaosocial", "raisonsociale", "legalname", "razonsocial", "nazwapelna", "denominacionsocial", "legal"]
            .iter()
            .any(|l| f.contains(l))
    };
    let names: Vec<usize> =
        (0..all.len()).filter(|&i| all.get(i).and_then(|c| first_field(c)) == Some(Field::Name)).collect();
    if names.len() == 2 && !claims(all, Field::ShortName) {
        let other = names.iter().copied().find(|&i| !headers.get(i).is_some_and(|h| legal(h)));
        let has_legal = names.iter().any(|&i| headers.get(i).is_some_and(|h| legal(h)));
        if has_legal
            && let Some(i) = other
            && let Some(cands) = all.get_mut(i)
        {
            move_to(cands, Some(Field::ShortName));
        }
    }

    // 4b. A bare `Nom` / `Name` beside a first-name column, when another column is the
    //     customer's name: the last name (`Prénom`, `Nom` under `Libellé du client`).
    let names: Vec<usize> =
        (0..all.len()).filter(|&i| all.get(i).and_then(|c| first_field(c)) == Some(Field::Name)).collect();
    if names.len() == 2 && !claims(all, Field::LastName) {
        let bare = |i: usize| {
            headers
                .get(i)
                .is_some_and(|h| ["nom", "name", "nome", "nombre", "nazwisko"].contains(&fold_label(h).as_str()))
        };
        let beside_first = |i: usize| {
            [i.wrapping_sub(1), i + 1]
                .iter()
                .any(|&j| all.get(j).and_then(|c| first_field(c)) == Some(Field::FirstName))
        };
        if let Some(i) = names.iter().copied().find(|&i| bare(i) && beside_first(i))
            && let Some(cands) = all.get_mut(i)
        {
            move_to(cands, Some(Field::LastName));
        }
    }

    // 4c. SIREN and SIRET: the SIREN is the company's tax id, the SIRET one of its
    //     establishments.
    let tax: Vec<usize> =
        (0..all.len()).filter(|&i| all.get(i).and_then(|c| first_field(c)) == Some(Field::TaxId)).collect();
    let has = |i: &usize, w: &str| headers.get(*i).is_some_and(|h| fold_label(h).contains(w));
    if tax.iter().any(|i| has(i, "siren")) {
        for i in tax.iter().filter(|i| has(i, "siret")) {
            if let Some(cands) = all.get_mut(*i) {
                cands.clear();
            }
        }
    }

    // 4d. Two columns of one meaning where one header is the other plus a word (`País` and
    //     `Código de país`, `Email` and `Email CC`): the plain one keeps the field.
    //     Only between equally strong claims, which would otherwise be a duplicate_header.
    let strength = |all: &[Vec<Candidate>], i: usize| all.get(i).and_then(|c| c.first()).map_or(0, Candidate::strength);
    for i in 0..all.len() {
        let Some(fi) = all.get(i).and_then(|c| first_field(c)) else { continue };
        let hi = headers.get(i).map(|h| fold_label(h)).unwrap_or_default();
        for j in 0..all.len() {
            if i == j || all.get(j).and_then(|c| first_field(c)) != Some(fi) {
                continue;
            }
            if strength(all, i) != strength(all, j) || strength(all, j) != 1 {
                continue;
            }
            let hj = headers.get(j).map(|h| fold_label(h)).unwrap_or_default();
            if !hi.is_empty()
                && hj.len() > hi.len()
                && hj.contains(hi.as_str())
                && let Some(cands) = all.get_mut(j)
            {
                cands.clear();
            }
        }
    }

    // 4e. A bare `id` beside another column read as the customer's number (`Código`, `ref`,
    //     `customId`): the bare one is the source system's key, the other the user's number.
    let bare_id = |i: usize| {
        headers.get(i).is_some_and(|h| {
            let p = parsed.get(i);
            let alias = h.as_bytes().get(1) == Some(&b'.');
            // The source system's own key: `id`, `rowid`, `uuid`, or the record word and `id`
            // run together (`clientid`, Evoliz).
            matches!(fold_label(h).as_str(), "id" | "rowid" | "uuid" | "guid" | "clientid" | "customerid" | "recordid")
                || alias && p.is_some_and(|p| p.core == ["id"] || p.core == ["rowid"])
        })
    };
    let ids: Vec<usize> =
        (0..all.len()).filter(|&i| all.get(i).and_then(|c| first_field(c)) == Some(Field::ExternalId)).collect();
    let code_word = |i: usize| {
        parsed.get(i).is_some_and(|p| {
            p.core.iter().any(|w| {
                ["codigo", "code", "cod", "ref", "reference", "referencia", "custom", "integracao", "kod", "symbol"]
                    .contains(&w.as_str())
            })
        })
    };
    if ids.iter().any(|&i| !bare_id(i) && code_word(i)) {
        for &i in ids.iter().filter(|&&i| bare_id(i)) {
            if let Some(cands) = all.get_mut(i).filter(|c| c.first().is_some_and(|c| c.reason != MatchReason::Learned))
            {
                cands.clear();
            }
        }
    }

    // 4f. A contact's role, main flag or reference needs a contact: without a contact's name,
    //     e-mail or phone in the file, `Job Title` is the customer's own, which cadastro does
    //     not store.
    let has_contact = (0..all.len()).any(|i| {
        all.get(i).and_then(|c| first_field(c)).or_else(|| fixed_field(i)).is_some_and(|f| {
            matches!(f, Field::ContactEmail | Field::ContactFirstName | Field::ContactLastName | Field::ContactPhone)
        })
    });
    // (A lone header has no row to judge by.)
    if !has_contact && headers.len() >= 3 {
        for cands in all.iter_mut() {
            if cands.first().is_some_and(|c| {
                !matches!(c.reason, MatchReason::Learned | MatchReason::ProfileLabel)
                    && matches!(
                        c.target.field(),
                        Some(Field::ContactPosition | Field::ContactIsMain | Field::ContactReference)
                    )
            }) {
                cands.clear();
            }
        }
    }

    // 4g. A bare `Number` / `Número` is the street number beside an address column; elsewhere
    //     it is the record's number (Invoice Ninja's client `number`).
    let address_like =
        |f: Field| matches!(f, Field::Address | Field::Complement | Field::District | Field::PostalCode | Field::City);
    for i in 0..all.len() {
        let Some(h) = headers.get(i) else { continue };
        if headers.len() < 3
            || !["number", "numero", "nro", "num", "nr", "no"].contains(&fold_label(h).as_str())
            || all.get(i).and_then(|c| c.first()).is_none_or(|c| {
                c.target != Target::Field(Field::AddressNumber)
                    || c.reason == MatchReason::Learned
                    || c.reason == MatchReason::ProfileLabel && !generic
            })
        {
            continue;
        }
        let near = (i.saturating_sub(2)..=i + 2)
            .filter(|&j| j != i)
            .any(|j| all.get(j).and_then(|c| first_field(c)).or_else(|| fixed_field(j)).is_some_and(address_like));
        if near {
            continue;
        }
        let to = (!claims(all, Field::ExternalId)).then_some(Field::ExternalId);
        if let Some(cands) = all.get_mut(i) {
            cands.clear();
            if let Some(f) = to {
                cands.push(Candidate::new(Target::Field(f), LOOSE_NUMBER, MatchReason::Context));
            }
        }
    }

    // 4h. A geolocation block (IP region, country code and city beside `Latitude`/`Longitude`,
    //     as in Mailchimp's export): a column nearer to the coordinates than to any address
    //     column is where the subscriber was seen, not the customer's address.
    let coords: Vec<usize> = (0..headers.len())
        .filter(|&i| {
            headers
                .get(i)
                .is_some_and(|h| ["latitude", "longitude", "lat", "lng", "lon"].contains(&fold_label(h).as_str()))
        })
        .collect();
    if coords.len() >= 2 {
        let fields: Vec<Option<Field>> =
            (0..all.len()).map(|i| all.get(i).and_then(|c| first_field(c)).or_else(|| fixed_field(i))).collect();
        for i in 0..all.len() {
            let Some(f) = fields.get(i).copied().flatten() else { continue };
            if !matches!(f, Field::State | Field::Country | Field::City | Field::PostalCode) || fixed.contains_key(&i) {
                continue;
            }
            let to_coords = coords.iter().map(|&j| j.abs_diff(i)).min().unwrap_or(usize::MAX);
            let to_address = (0..fields.len())
                .filter(|&j| j != i && fields.get(j).copied().flatten().is_some_and(grammar::is_address_part))
                .map(|j| j.abs_diff(i))
                .min()
                .unwrap_or(usize::MAX);
            if to_coords < to_address
                && let Some(cands) = all.get_mut(i)
            {
                cands.clear();
            }
        }
    }

    // 5. A second column for an address part, after a shipping-marked column: the shipping
    //    copy, which cadastro does not store.
    let mut seen: BTreeSet<Field> = BTreeSet::new();
    let mut shipping_seen = false;
    for i in 0..all.len() {
        if parsed.get(i).is_some_and(|p| p.block == Block::Shipping) {
            shipping_seen = true;
        }
        let Some(f) = all.get(i).and_then(|c| first_field(c)).or_else(|| fixed_field(i)) else { continue };
        if !grammar::is_address_part(f) || f == Field::DeliveryAddress {
            continue;
        }
        if !seen.insert(f)
            && shipping_seen
            && fixed_field(i).is_none()
            && let Some(cands) = all.get_mut(i)
        {
            move_to(cands, None);
            cands.clear();
        }
    }
}

/// A header of another address block's copy (`mailing_company_name`, `Shipping Name`,
/// `Other E-mail`): a second copy of a detail, not a second name or e-mail of the customer.
fn another_block(header: &str) -> bool {
    let p = Parsed::read(header);
    p.block != Block::Main
        || p.words.iter().any(|w| {
            ["mailing", "correspondence", "correspondance", "korespondencyjny", "korespondencyjna", "postal"]
                .contains(&w.as_str())
        })
}

/// A column whose header reads as the name but lost it to a stronger column is the short name
/// (the second name column of `Nome` + `Razão social`, `Name` + `Company`), when no column is.
pub(crate) fn second_names(headers: &[String], all: &mut [Vec<Candidate>], chosen: &mut [Option<usize>]) {
    let short = Target::Field(Field::ShortName);
    let name = Target::Field(Field::Name);
    let taken = |all: &[Vec<Candidate>], chosen: &[Option<usize>]| {
        chosen.iter().zip(all.iter()).any(|(c, cands)| c.and_then(|c| cands.get(c)).is_some_and(|c| c.target == short))
    };
    if taken(all, chosen) {
        return;
    }
    // The header that got the name: a repeat of it is a duplicate column, not a second name.
    let named: Option<String> = chosen
        .iter()
        .zip(all.iter())
        .position(|(c, cands)| c.and_then(|c| cands.get(c)).is_some_and(|c| c.target == name))
        .and_then(|i| headers.get(i))
        .map(|h| fold_label(h));
    for ((slot, cands), header) in chosen.iter_mut().zip(all.iter_mut()).zip(headers) {
        if named.as_deref() == Some(fold_label(header).as_str()) || another_block(header) {
            continue;
        }
        if slot.is_none()
            && let Some(c) =
                cands.iter().find(|c| c.target == name && c.confidence >= 0.8 && c.reason == MatchReason::Synonym)
        {
            let confidence = c.confidence.min(0.8);
            cands.push(Candidate::new(short.clone(), confidence, MatchReason::Context));
            *slot = Some(cands.len() - 1);
            return;
        }
    }
}

/// A second e-mail column of the customer (`billing_email`, `E-mail 2`) that lost the main
/// e-mail to another column: the additional e-mails, when no column is.
pub(crate) fn second_emails(headers: &[String], all: &mut [Vec<Candidate>], chosen: &mut [Option<usize>]) {
    let extra = Target::Field(Field::AdditionalEmails);
    let email = Target::Field(Field::Email);
    let picked = |c: &Option<usize>, cands: &Vec<Candidate>, t: &Target| {
        c.and_then(|c| cands.get(c)).is_some_and(|c| &c.target == t)
    };
    if chosen.iter().zip(all.iter()).any(|(c, cands)| picked(c, cands, &extra))
        || !chosen.iter().zip(all.iter()).any(|(c, cands)| picked(c, cands, &email))
    {
        return;
    }
    // The header that got the e-mail: a repeat of it is a duplicate column, not a second e-mail.
    let main: Option<String> = chosen
        .iter()
        .zip(all.iter())
        .position(|(c, cands)| picked(c, cands, &email))
        .and_then(|i| headers.get(i))
        .map(|h| fold_label(h));
    for ((slot, cands), header) in chosen.iter_mut().zip(all.iter_mut()).zip(headers) {
        if main.as_deref() == Some(fold_label(header).as_str()) || another_block(header) {
            continue;
        }
        if slot.is_none()
            && let Some(c) =
                cands.iter().find(|c| c.target == email && c.confidence >= 0.6 && c.reason == MatchReason::Synonym)
        {
            let confidence = c.confidence.min(0.8);
            cands.push(Candidate::new(extra.clone(), confidence, MatchReason::Context));
            *slot = Some(cands.len() - 1);
            return;
        }
    }
}

/// Brazilian files with a `CPF` column and a `CNPJ` column (a person's and a company's tax
/// id, one of them filled per row): one merge into the tax id.
pub(crate) fn auto_merges(headers: &[String], all: &mut [Vec<Candidate>]) -> Vec<(Target, Vec<usize>)> {
    let target = Target::Field(Field::TaxId);
    let cols: Vec<usize> = (0..all.len())
        .filter(|&i| all.get(i).and_then(|c| c.first()).is_some_and(|c| c.target == target && c.confidence >= 0.7))
        .collect();
    let folded: Vec<String> = cols.iter().filter_map(|&i| headers.get(i)).map(|h| fold_label(h)).collect();
    let cpf = folded.iter().filter(|h| h.contains("cpf") && !h.contains("cnpj")).count();
    let cnpj = folded.iter().filter(|h| h.contains("cnpj") && !h.contains("cpf")).count();
    if cols.len() != 2 || cpf != 1 || cnpj != 1 {
        return Vec::new();
    }
    vec![(target, cols)]
}
#[cfg(test)]
mod tests {
    use super::*;

    fn top(header: &str, profile: &str) -> Option<(String, MatchReason)> {
        let p = Profile::builtin(profile).unwrap();
        candidates(header, &p, &BTreeMap::new()).first().map(|c| (c.target.name().to_owned(), c.reason))
    }

    #[test]
    fn precedence() {
        assert_eq!(top("Company", "invoiceocean"), Some(("is_company".into(), MatchReason::ProfileLabel)));
        assert_eq!(top("Company", "upflow"), Some(("name".into(), MatchReason::Synonym)));
        assert_eq!(top("No", "invoiceocean"), None);
        assert_eq!(top("No", "asaas"), None);
        assert_eq!(top("Contact name", "upflow"), Some(("contact_last_name".into(), MatchReason::ProfileLabel)));
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
        assert_eq!(top("CPF do responsável", "asaas"), Some(("tax_id".into(), MatchReason::Synonym)));
        assert_eq!(top("Razao social da empresa", "asaas"), Some(("name".into(), MatchReason::Synonym)));
        assert_eq!(top("Telefone celular 2", "asaas"), Some(("mobile_phone".into(), MatchReason::Synonym)));
    }

    #[test]
    fn assignment_is_greedy_and_one_to_one() {
        let p = Profile::builtin("upflow").unwrap();
        let all: Vec<Vec<Candidate>> =
            ["Company", "Client name", "Email", "E-mail"].iter().map(|h| candidates(h, &p, &BTreeMap::new())).collect();
        let chosen = assign(&all, &BTreeSet::new());
        let names: Vec<Option<&str>> =
            chosen.iter().zip(&all).map(|(i, c)| i.and_then(|i| c.get(i)).map(|c| c.target.name())).collect();
        assert_eq!(names, [Some("is_company"), Some("name"), Some("email"), None]);
    }

    fn row(cols: &[(&str, &[&str])]) -> Vec<Option<String>> {
        let headers: Vec<String> = cols.iter().map(|(h, _)| (*h).to_owned()).collect();
        let samples: Vec<Vec<String>> = cols.iter().map(|(_, v)| v.iter().map(|s| (*s).to_owned()).collect()).collect();
        crate::mapping::suggest_with_samples(&headers, &samples, &Profile::generic())
            .into_iter()
            .map(|c| c.field.map(|t| t.name().to_owned()))
            .collect()
    }

    fn f(name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    #[test]
    fn header_row_context() {
        // A bare `id` yields to the user's own code.
        let got = row(&[("id", &["16817294613"]), ("Código", &["CLI-001", "CLI-002"]), ("Nome", &["Ana", "Bia"])]);
        assert_eq!(got, [None, f("external_id"), f("name")]);
        // A second e-mail column is the additional e-mails; a repeated header is not.
        let got =
            row(&[("Name", &[]), ("email", &["a@x.com", "b@y.com"]), ("billing_email", &["ap@x.com", "ap@y.com"])]);
        assert_eq!(got, [f("name"), f("email"), f("additional_emails")]);
        // A job title without any contact in the file is not a contact's role.
        assert_eq!(row(&[("Name", &[]), ("Job Title", &["CFO"]), ("Email", &[])]), [f("name"), None, f("email")]);
        let got = row(&[("Name", &[]), ("Contact email", &[]), ("Job title", &["ACCOUNTING"])]);
        assert_eq!(got, [f("name"), f("contact_email"), f("contact_position")]);
        // `Number` is the street number beside an address, the record's number elsewhere.
        assert_eq!(
            row(&[("Rua", &[]), ("Número", &["10"]), ("Bairro", &[])]),
            [f("address"), f("address_number"), f("district")]
        );
        assert_eq!(row(&[("name", &[]), ("number", &["0001"]), ("email", &[]), ("phone", &[])])[1], f("external_id"));
        // A geolocation block is not the address; a store list's state is.
        let geo = row(&[
            ("Email", &[]),
            ("Address", &[]),
            ("Phone", &[]),
            ("LATITUDE", &[]),
            ("LONGITUDE", &[]),
            ("REGION", &["CA"]),
        ]);
        assert_eq!(geo[5], None);
        let store = row(&[
            ("Name", &[]),
            ("Address", &[]),
            ("City", &[]),
            ("State", &["CA"]),
            ("Latitude", &[]),
            ("Longitude", &[]),
        ]);
        assert_eq!(store[3], f("state"));
        // A secondary copy yields to the main column.
        let got =
            row(&[("Company", &[]), ("Home Phone", &["+1 415 555 0111"]), ("Business Phone", &["+1 415 555 0132"])]);
        assert_eq!(got, [f("name"), None, f("phone")]);
    }

    #[test]
    fn values_decide_more() {
        // An unknown header is not guessed from weak shapes; a placeholder is.
        assert_eq!(row(&[("Photo", &["https://a.example/p.png", "https://b.example/q.png"])]), [None]);
        assert_eq!(row(&[("Coluna 3", &["https://acme.com", "www.globex.co.uk"])]), [f("website")]);
        // Values with check digits outweigh a loose header, and name an unknown one.
        assert_eq!(row(&[("code", &["B12345674", "B86561412"])]), [f("tax_id")]);
        assert_eq!(row(&[("reg_no", &["732829320", "552081317"])]), [f("tax_id")]);
        // Person types name a `Tipo` column; an id of names is the name; numbers are no country.
        assert_eq!(row(&[("Tipo", &["PJ", "PF", "PJ"])]), [f("is_company")]);
        assert_eq!(row(&[("tipo", &["J", "F", "J"])]), [f("is_company")]);
        assert_eq!(row(&[("Gênero", &["F", "F", "F"])]), [None]);
        assert_eq!(row(&[("parent_id", &["Boulangerie Dupont SARL", "Martin & Fils SAS"])]), [f("parent_name")]);
        assert_eq!(row(&[("codigo_pais", &["1058"])]), [None]);
        // An e-mail header holding names keeps its field below review (the rows report the bad
        // e-mails); an owner holding names is no account manager's e-mail.
        let cols = crate::mapping::suggest_with_samples(
            &["Name".to_owned(), "Email address".to_owned()],
            &[vec![], vec!["Ana Souza".to_owned(), "Bia Lima".to_owned()]],
            &Profile::generic(),
        );
        assert_eq!((cols[1].field.as_ref().map(|t| t.name()), cols[1].needs_review), (Some("email"), true));
        assert_eq!(row(&[("Name", &[]), ("Account Owner", &["Jane Rep", "Sam Sales"])]), [f("name"), None]);
    }

    #[test]
    fn fourth_pass_rules() {
        // A table prefix most headers share is structure; technical abbreviations read below
        // review, and only under such a prefix.
        let got = row(&[
            ("ZX_RS", &["Padaria Pão Quente Ltda", "Tech Sul Sistemas S.A."]),
            ("ZX_END", &["Av. Paulista, 1578", "Rua da Assembleia, 10"]),
            ("ZX_MUN", &["São Paulo", "Rio de Janeiro"]),
            ("ZX_EST", &["SP", "RJ"]),
            ("ZX_EMAIL", &["a@b.com.br", "c@d.com.br"]),
        ]);
        assert_eq!(got, [f("name"), f("address"), f("city"), f("state"), f("email")]);
        assert_eq!(row(&[("End", &["2024-01-01", "2024-02-01"]), ("Name", &[])])[0], None);
        let cols = crate::mapping::suggest_with_samples(
            &["ZX_RS".into(), "ZX_END".into(), "ZX_CEP".into(), "ZX_TEL".into()],
            &[vec![], vec![], vec![], vec![]],
            &Profile::generic(),
        );
        assert_eq!(cols[0].header, "ZX_RS", "the header is reported as the file has it");
        assert!(cols[0].needs_review && cols[1].needs_review);
        // A record's status under `state` is no place, even under the generic profile's label.
        assert_eq!(row(&[("state", &["active", "inactive", "active"]), ("Name", &[])])[0], None);
        assert_eq!(row(&[("state", &["1", "0", "1"]), ("Name", &[])])[0], None);
        assert_eq!(row(&[("state", &["CA", "NY"]), ("Name", &[])])[0], f("state"));
        // Mexican exterior / interior numbers; `estado` in an address; the first-level division.
        assert_eq!(
            row(&[("address.exterior", &["1234", "56"]), ("address.interior", &["Piso 3", ""])]),
            [f("address_number"), f("complement")]
        );
        assert_eq!(row(&[("direccion.estado", &["Jalisco", "Nuevo León"])]), [f("state")]);
        assert_eq!(row(&[("location.admin_area_level_1", &["Ontario", "Quebec"])]), [f("state")]);
        // The tax domicile's postal code is not the address's.
        assert_eq!(row(&[("FiscalZipCode", &["03100"]), ("ZipCode", &["03100", "44100"])]), [None, f("postal_code")]);
        // Opaque record ids are no name.
        assert_eq!(
            row(&[("company", &["Acme"]), ("organization", &["5e8d3b1a9f1a2b0017a4c9a0", "0b6e3d525c7a4f0e8e2b61d9"])])
                [1],
            None
        );
        // A parent id beside an internal `id` (the external id is another column) is for review.
        let cols = crate::mapping::suggest_with_samples(
            &["id".into(), "reference".into(), "parent_id".into(), "name".into()],
            &[vec!["102".into(), "103".into()], vec!["C-001".into(), "C-002".into()], vec!["204".into()], vec![]],
            &Profile::generic(),
        );
        assert_eq!(cols[2].field.as_ref().map(|t| t.name().to_owned()), f("parent_id"));
        assert!(cols[2].needs_review);
        // A dotted path ending in a bare value word is named by the segment before it, unless it
        // is an address's number.
        assert_eq!(
            row(&[
                ("phones.mobile_phone.number", &["987654321", "998761234"]),
                ("endereco.numero", &["1578", "10"]),
                ("endereco.rua", &["Av. Paulista", "Rua da Assembleia"]),
            ]),
            [f("mobile_phone"), f("address_number"), f("address")]
        );
        // A person's full name beside a company column: the company is the name.
        let got = row(&[
            ("buyer_full_name", &["Jan Kowalski", "Anna Nowak"]),
            ("buyer_company", &["Kowalski Sp. z o.o.", "Nowak i Wspólnicy Sp.j."]),
        ]);
        assert_eq!(got, [f("short_name"), f("name")]);
    }

    #[test]
    fn third_pass_rules() {
        // The source system's key run together with its record word yields to the user's code.
        assert_eq!(
            row(&[("clientid", &["1001", "1002"]), ("code", &["C-001", "C-002"]), ("name", &[])])[..2],
            [None, f("external_id")]
        );
        // A file of persons: its own `Contact ID` is the record's number, the account's is not.
        let got = row(&[
            ("Contact ID", &["0035g00000XyZaBAAV"]),
            ("Account ID", &["0015g00000ABCDeAAH"]),
            ("First Name", &["John"]),
            ("Last Name", &["Smith"]),
        ]);
        assert_eq!(got, [f("external_id"), None, f("first_name"), f("last_name")]);
        // A mailing block's company name is no second name; its street is no second address.
        let got = row(&[
            ("company_name", &["Kowalski Sp. z o.o."]),
            ("street", &["ul. Marszałkowska"]),
            ("mailing_company_name", &["Kowalski Sp. z o.o."]),
            ("mailing_street", &["ul. Polna 1"]),
        ]);
        assert_eq!(got, [f("name"), f("address"), None, None]);
        // A shipping block's method or price is not the delivery address; `envio` of e-mails is
        // still an e-mail.
        assert_eq!(top("delivery_method", "generic"), None);
        assert_eq!(top("Shipping price", "generic"), None);
        assert_eq!(top("E-mail para envio de boletos", "asaas").map(|t| t.0), Some("email".into()));
        // An instant-messaging address is not a postal one; `iso2` in an address is its country.
        assert_eq!(
            row(&[("Name", &[]), ("IMAddress", &["john@im.example"]), ("Business Street", &["1 Main St"])]),
            [f("name"), None, f("address")]
        );
        assert_eq!(
            row(&[("address.addr", &["12 rue de la Paix"]), ("address.iso2", &["FR", "BE"])]),
            [f("address"), f("country")]
        );
        // In a dotted path the last segment names the value, and codes are no state or city.
        assert_eq!(
            row(&[
                ("address.city.state_code", &["11", "05"]),
                ("address.city.city_code", &["11001", "05001"]),
                ("address.postal_code", &["110111", "050001"]),
            ]),
            [None, None, f("postal_code")]
        );
        assert_eq!(top("address.city.state_name", "generic").map(|t| t.0), Some("state".into()));
        // VAT numbers under a tax-number header are the VAT number, for review.
        let cols = crate::mapping::suggest_with_samples(
            &["name".to_owned(), "tax_number".to_owned()],
            &[vec![], vec!["NL004495445B01".to_owned(), "NL123456782B90".to_owned()]],
            &Profile::generic(),
        );
        assert_eq!((cols[1].field.as_ref().map(|t| t.name()), cols[1].needs_review), (Some("vat_number"), true));
        // Synonyms: a nickname is no short name; Latin American identification is the tax id.
        assert_eq!(top("Nickname", "generic"), None);
        assert_eq!(top("Identificación", "generic").map(|t| t.0), Some("tax_id".into()));
        assert_eq!(top("Nombres", "generic").map(|t| t.0), Some("first_name".into()));
        assert_eq!(top("flat_number", "generic").map(|t| t.0), Some("complement".into()));
        assert_eq!(top("Número interior", "generic").map(|t| t.0), Some("complement".into()));
        assert_eq!(top("Identyfikator kontrahenta", "generic").map(|t| t.0), Some("external_id".into()));
        let dep = candidates("Département", &Profile::generic(), &BTreeMap::new());
        assert!(dep.first().is_some_and(|c| c.target == Target::Field(Field::State) && c.confidence < 0.9));
    }

    #[test]
    fn grammar_and_values() {
        assert_eq!(top("billing_address[zip]", "generic"), Some(("postal_code".into(), MatchReason::Synonym)));
        assert_eq!(top("SAAddressLine1", "generic"), Some(("delivery_address".into(), MatchReason::Context)));
        assert_eq!(top("Shipping City", "generic"), None);
        assert_eq!(top("Person1Email", "generic"), Some(("contact_email".into(), MatchReason::Context)));
        assert_eq!(top("customer[first_name]", "generic"), Some(("first_name".into(), MatchReason::Synonym)));
        let s = |v: &[&str]| Evidence::read(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        let p = Profile::generic();
        let mut c = candidates("Company", &p, &BTreeMap::new());
        weigh_values(&mut c, &s(&["Acme Ltd", "Globex Inc"]), "Company");
        assert!(c.iter().all(|c| c.target != Target::Field(Field::IsCompany)));
        let mut c = candidates("Coluna 2", &p, &BTreeMap::new());
        weigh_values(&mut c, &s(&["ana@x.com.br", "bo@y.fr"]), "Coluna 2");
        assert_eq!(c.first().map(|c| (c.target.name(), c.reason)), Some(("email", MatchReason::Values)));
    }
}
