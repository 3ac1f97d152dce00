//! Phone numbers to E.164 through the phonenumber crate (a libphonenumber port).
//!
//! Rules on top of the library:
//! - the number is parsed with `country` as the default region; when that gives no valid
//!   number and the text has no `+`, its digits are tried as an international number
//!   (`5511987654321` from a float cell, `0048 600 123 456`);
//! - an extension (`ext. 12`, `x12`, `ramal 12`, `poste 12`, `wew. 12`, `#12`) is accepted and
//!   dropped: E.164 has no extension;
//! - any other letter makes the number invalid (the library would read `1-800-FLOWERS` as a
//!   vanity number; in a customer base a letter is a typo);
//! - the number must be valid for its country's numbering plan (libphonenumber's
//!   `is_valid`), not merely of a plausible length;
//! - a Brazilian mobile written with the 8 digits it had before the ninth digit was added to
//!   every mobile (by 2016): an area code, then 8 digits starting with 6-9 (`(85) 9508-7624`)
//!   becomes the 9-digit mobile (`+5585995087624`) when that number is valid, and
//!   [`check_phone`] says so (warning `phone_ninth_digit_added`). Landlines (8 digits starting
//!   with 2-5) never get a ninth digit; any other invalid number stays invalid.
//!
//! Cost: the library's metadata is a static database built once, but phonenumber 0.3 keeps its
//! compiled regular expressions in one global LRU cache of 100 behind a mutex. Validation uses
//! about a dozen patterns per country, so a file with phones from more than a handful of
//! countries made that cache thrash: each call recompiled regexes (about 5 ms per call with 16
//! countries, against 5 µs for one). cadastro therefore checks validity itself, with the same
//! rule as `PhoneNumber::is_valid` (the number matches its region's general pattern and one of
//! its type patterns, with the lengths the metadata allows) on regexes it compiles once per
//! region from the library's metadata and keeps for the life of the process (see
//! `valid::is_valid`). Parsing still goes through the library.

use std::str::FromStr;

use phonenumber::PhoneNumber;
use phonenumber::country::Id;

use crate::model::IssueCode;

use super::fold::fold_words;
use super::text::clean;

/// Words that introduce an extension, after [`fold_words`] (en, pt, fr, pl, es).
const EXTENSION_MARKERS: &[&str] = &[
    "ext",
    "extn",
    "extension",
    "x",
    "ramal",
    "r",
    "poste",
    "p",
    "wew",
    "wewn",
    "int",
    "interno",
    "anexo",
    "extension",
];

/// A checked phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The number in E.164.
    pub e164: String,
    /// True when a Brazilian 8-digit mobile got its ninth digit (warning
    /// `phone_ninth_digit_added`).
    pub ninth_digit_added: bool,
}

/// [`normalize_phone`], saying whether the Brazilian ninth digit was added.
///
/// ```
/// use cadastro::checks::phone::check_phone;
/// let p = check_phone("(85) 9508-7624", Some("BR")).unwrap();
/// assert_eq!((p.e164.as_str(), p.ninth_digit_added), ("+5585995087624", true));
/// assert!(!check_phone("(11) 98765-4321", Some("BR")).unwrap().ninth_digit_added);
/// assert!(check_phone("(85) 1508-7624", Some("BR")).is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidPhone`] when the text is not a valid number.
pub fn check_phone(raw: &str, country: Option<&str>) -> Result<Phone, IssueCode> {
    match parse_phone(raw, country) {
        Ok(e164) => Ok(Phone { e164, ninth_digit_added: false }),
        Err(code) => match with_ninth_digit(raw, country) {
            Some(e164) => Ok(Phone { e164, ninth_digit_added: true }),
            None => Err(code),
        },
    }
}

/// Parses a phone number with `country` (ISO alpha-2, the row's country or the profile's
/// default) as the default region and returns it in E.164 (a Brazilian 8-digit mobile gets
/// its ninth digit: see [`check_phone`]).
///
/// ```
/// use cadastro::checks::phone::normalize_phone;
/// assert_eq!(normalize_phone("(11) 98765-4321", Some("BR")).unwrap(), "+5511987654321");
/// assert_eq!(normalize_phone("5511987654321", Some("BR")).unwrap(), "+5511987654321");
/// assert_eq!(normalize_phone("0 6 12 34 56 78", Some("FR")).unwrap(), "+33612345678");
/// assert_eq!(normalize_phone("+48 600 123 456", None).unwrap(), "+48600123456");
/// assert!(normalize_phone("12345", Some("BR")).is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidPhone`] when the text is not a valid number.
pub fn normalize_phone(raw: &str, country: Option<&str>) -> Result<String, IssueCode> {
    check_phone(raw, country).map(|p| p.e164)
}

/// The number as written, without the ninth-digit repair.
///
/// Each step asks the fast paths first ([`valid::Fast`]): they answer valid or invalid
/// without the library when they can tell what the library would answer (about 10 times
/// cheaper; an invalid or legacy number used to go through the library's parser two or three
/// times).
fn parse_phone(raw: &str, country: Option<&str>) -> Result<String, IssueCode> {
    let cleaned = clean(raw);
    let number = number_part(&cleaned).ok_or(IssueCode::InvalidPhone)?;
    let region = country.and_then(region);

    let national = match region {
        Some(id) => valid::fast_national(id, number),
        None => valid::Fast::Unknown,
    };
    match national {
        valid::Fast::Valid(e164) => return Ok(e164),
        valid::Fast::Invalid => {}
        valid::Fast::Unknown => {
            if let Some(parsed) = parse_valid(region, number) {
                return Ok(e164(&parsed));
            }
        }
    }
    if number.contains('+') {
        return Err(IssueCode::InvalidPhone);
    }
    // No `+`: the digits may already carry a country code (a float cell lost the `+`), or an
    // international prefix `00`.
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let international = digits.strip_prefix("00").unwrap_or(&digits);
    if international.is_empty() {
        return Err(IssueCode::InvalidPhone);
    }
    international_e164(international).ok_or(IssueCode::InvalidPhone)
}

/// `+` and `digits` (a country code first) in E.164 when valid: the fast path's answer, else
/// the library's.
fn international_e164(digits: &str) -> Option<String> {
    match valid::fast_international(digits) {
        valid::Fast::Valid(e164) => Some(e164),
        valid::Fast::Invalid => None,
        valid::Fast::Unknown => {
            let mut candidate = String::with_capacity(digits.len() + 1);
            candidate.push('+');
            candidate.push_str(digits);
            parse_valid(None, &candidate).map(|p| e164(&p))
        }
    }
}

/// A Brazilian mobile written with 8 digits, in E.164 with its ninth digit: `Some` only for
/// an area code (two digits 1-9) then 8 digits starting with 6-9, written nationally with
/// `country` BR (`(85) 9508-7624`, `085 9508 7624`, `55 85 9508-7624`) or internationally
/// (`+55 85 9508-7624`, `0055...`), and only when the 9-digit number is valid.
fn with_ninth_digit(raw: &str, country: Option<&str>) -> Option<String> {
    let cleaned = clean(raw);
    let number = number_part(&cleaned)?.trim();
    if number.chars().any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/' | '+'))) {
        return None;
    }
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let brazil = country.is_some_and(|c| c.trim().eq_ignore_ascii_case("BR"));
    let national = if number.starts_with('+') {
        digits.strip_prefix("55")?
    } else if let Some(rest) = digits.strip_prefix("0055") {
        rest
    } else if !brazil {
        return None;
    } else if digits.len() == 12 {
        digits.strip_prefix("55")?
    } else if digits.len() == 11 {
        digits.strip_prefix('0')?
    } else {
        &digits
    };
    let bytes = national.as_bytes();
    let (area, local) = (bytes.get(..2)?, bytes.get(2..)?);
    if national.len() != 10 || area.contains(&b'0') || !matches!(local.first(), Some(b'6'..=b'9')) {
        return None;
    }
    let candidate = format!("55{}9{}", national.get(..2)?, national.get(2..)?);
    international_e164(&candidate)
}

/// The library's region for an alpha-2 code (case-insensitive); `None` for an unknown code.
fn region(country: &str) -> Option<Id> {
    let code = country.trim();
    if code.len() != 2 {
        return None;
    }
    Id::from_str(code).ok().or_else(|| Id::from_str(&code.to_ascii_uppercase()).ok())
}

/// Parses and keeps the number only when it is valid for its numbering plan.
fn parse_valid(region: Option<Id>, number: &str) -> Option<PhoneNumber> {
    phonenumber::parse(region, number).ok().filter(valid::is_valid)
}

/// Validity checked on regexes compiled once per region (see the module documentation).
mod valid {
    use std::cell::{OnceCell, RefCell};
    use std::collections::HashMap;
    use std::rc::Rc;

    use phonenumber::PhoneNumber;
    use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
    use regex::{Regex, RegexBuilder};

    /// One pattern with the national-number lengths it allows.
    struct Matcher {
        regex: Regex,
        lengths: Vec<u16>,
    }

    impl Matcher {
        fn new(descriptor: &Descriptor) -> Option<Matcher> {
            Some(Matcher {
                regex: anchored(descriptor.national_number().as_str())?,
                lengths: descriptor.possible_length().to_vec(),
            })
        }

        /// The library's `Descriptor::is_match`: an allowed length and a match at the start.
        fn matches(&self, national: &str) -> bool {
            let len = u16::try_from(national.len()).unwrap_or(u16::MAX);
            (self.lengths.is_empty() || self.lengths.contains(&len)) && self.regex.is_match(national)
        }
    }

    /// A type pattern, compiled the first time a number of an allowed length reaches it: most
    /// regions that a file touches (through the international reading of an invalid number)
    /// never get past their general pattern, and compiling all ten type patterns of each of
    /// them on every checking thread was a third of the instructions of a 20k-row run.
    struct LazyMatcher {
        pattern: &'static str,
        lengths: Vec<u16>,
        regex: OnceCell<Option<Regex>>,
    }

    impl LazyMatcher {
        fn new(descriptor: &'static Descriptor) -> LazyMatcher {
            LazyMatcher {
                pattern: descriptor.national_number().as_str(),
                lengths: descriptor.possible_length().to_vec(),
                regex: OnceCell::new(),
            }
        }

        /// [`Matcher::matches`]; `None` when the pattern does not compile.
        fn matches(&self, national: &str) -> Option<bool> {
            let len = u16::try_from(national.len()).unwrap_or(u16::MAX);
            if !(self.lengths.is_empty() || self.lengths.contains(&len)) {
                return Some(false);
            }
            self.regex.get_or_init(|| anchored(self.pattern)).as_ref().map(|r| r.is_match(national))
        }
    }

    /// The compiled patterns of one region.
    struct Plan {
        /// Patterns that make the library rewrite a number written without `+` (its national
        /// prefix for parsing, its international dialling prefix): when one matches the start
        /// of the digits, [`fast_national`] leaves the number to the library.
        rewrites: Vec<Regex>,
        general: Matcher,
        /// Every type but "unknown": mobile, fixed line, toll free, premium rate, shared cost,
        /// VoIP, personal, pager, UAN, voicemail.
        types: Vec<LazyMatcher>,
        leading_digits: Option<Regex>,
    }

    impl Plan {
        fn compile(meta: &'static Metadata) -> Option<Plan> {
            let d = meta.descriptors();
            // `has_type` asks whether any type matches, so the order changes no answer: the
            // common types first, so that most numbers match after one or two patterns.
            let types = [
                d.mobile(),
                d.fixed_line(),
                d.toll_free(),
                d.premium_rate(),
                d.shared_cost(),
                d.voip(),
                d.personal_number(),
                d.pager(),
                d.uan(),
                d.voicemail(),
            ];
            let types = types.into_iter().flatten().map(LazyMatcher::new).collect();
            let leading_digits = match meta.leading_digits() {
                Some(pattern) => Some(anchored(pattern.as_str())?),
                None => None,
            };
            let mut rewrites = Vec::new();
            for pattern in [meta.national_prefix_for_parsing(), meta.international_prefix()].into_iter().flatten() {
                rewrites.push(anchored(pattern.as_str())?);
            }
            Some(Plan { rewrites, general: Matcher::new(d.general())?, types, leading_digits })
        }

        /// The library's `number_type(..) != Unknown`; `None` when a type pattern it needed
        /// does not compile (the callers then leave the number to the library, as they do for
        /// a region whose plan does not compile).
        fn has_type(&self, national: &str) -> Option<bool> {
            if !self.general.matches(national) {
                return Some(false);
            }
            for t in &self.types {
                if t.matches(national)? {
                    return Some(true);
                }
            }
            Some(false)
        }
    }

    /// `^(?:pattern)` with the library's flags (whitespace in patterns ignored).
    fn anchored(pattern: &str) -> Option<Regex> {
        RegexBuilder::new(&format!("^(?:{pattern})")).ignore_whitespace(true).build().ok()
    }

    type Key = (u16, &'static str);

    thread_local! {
        /// Each thread compiles its own plans (a few regexes per region, once): a regex shared
        /// between threads hands its search cache out through a pool that the checking threads
        /// contended for, and a shared map needed a lock and an atomic count per call.
        static PLANS: RefCell<HashMap<Key, Option<Rc<Plan>>>> = RefCell::new(HashMap::new());
    }

    /// The compiled plan of a region, compiled on first use; `None` if a pattern does not compile.
    fn plan(meta: &'static Metadata) -> Option<Rc<Plan>> {
        let key = (meta.country_code(), meta.id());
        PLANS.with(|plans| {
            if let Some(found) = plans.borrow().get(&key) {
                return found.clone();
            }
            let compiled = Plan::compile(meta).map(Rc::new);
            plans.borrow_mut().insert(key, compiled.clone());
            compiled
        })
    }

    /// What a fast path knows about a number without the library.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(super) enum Fast {
        /// Valid: the number in E.164, as the library's path gives it.
        Valid(String),
        /// The library would read these very digits and find them invalid.
        Invalid,
        /// Left to the library.
        Unknown,
    }

    /// The fast path for the common case, a national number written with digits and the usual
    /// punctuation only (`(11) 98765-4321`, `11 3456.7890`): [`Fast::Valid`] with the E.164
    /// text, or [`Fast::Invalid`], when the library would read the same digits; otherwise
    /// [`Fast::Unknown`], to take the library's path.
    ///
    /// The library leaves such a number's digits as they are unless they start with the
    /// region's country code, national prefix, national prefix for parsing or international
    /// prefix (phonenumber's `helper::country_code` and `helper::national_number`); those
    /// cases, a leading zero, codes shared by several regions are left to the library. Validity
    /// is then [`is_valid`]'s rule on those digits. `phone::tests::fast_path_agrees_with_the_library`
    /// checks the equivalence, valid and invalid.
    pub(super) fn fast_national(region: phonenumber::country::Id, number: &str) -> Fast {
        let mut digits = String::with_capacity(number.len());
        for b in number.bytes() {
            match b {
                b'0'..=b'9' => digits.push(char::from(b)),
                b' ' | b'-' | b'.' | b'(' | b')' => {}
                _ => return Fast::Unknown,
            }
        }
        if digits.is_empty() || digits.starts_with('0') || digits.len() > 15 {
            return Fast::Unknown;
        }
        let db = &*DATABASE;
        let Some(meta) = db.by_id(region.as_ref()) else { return Fast::Unknown };
        let code = meta.country_code();
        if db.region(&code).is_none_or(|r| r.len() != 1) {
            return Fast::Unknown;
        }
        if digits.starts_with(&code.to_string()) {
            return Fast::Unknown;
        }
        verdict(meta, &digits)
    }

    /// The fast path for digits that start with a country code (`+` and the digits, parsed
    /// without a region: `5511987654321` from a float cell, the Brazilian ninth digit's
    /// candidate). The library takes the first of the digits' 1-, 2- and 3-digit prefixes that
    /// is a country code (none: invalid); for a code of one region whose national prefixes do
    /// not start the rest, the rest is the national number ([`verdict`]); anything else is
    /// left to the library.
    pub(super) fn fast_international(digits: &str) -> Fast {
        if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 17 {
            return Fast::Unknown;
        }
        // The library's `TooShortNsn` and `InvalidCountryCode`.
        if digits.len() <= 2 || digits.starts_with('0') {
            return Fast::Invalid;
        }
        let db = &*DATABASE;
        let found = (1..=3).find_map(|len| {
            let code: u16 = digits.get(..len)?.parse().ok()?;
            db.by_code(&code).map(|_| (code, len))
        });
        let Some((code, len)) = found else { return Fast::Invalid };
        let Some(rest) = digits.get(len..).filter(|r| !r.is_empty() && !r.starts_with('0')) else {
            return Fast::Unknown;
        };
        match db.region(&code).as_deref() {
            Some([single]) if *single != "001" => db.by_id(*single).map_or(Fast::Unknown, |meta| verdict(meta, rest)),
            // A code of several regions (`1`, `7`, `44`...): the library picks the first region
            // whose leading digits match the rest (or whose patterns fit it, for a region
            // without leading digits), as `is_valid` does. When none does, the library keeps
            // the rest as it is and finds it invalid; otherwise it is left to the library.
            Some(several) if several.len() > 1 && !several.contains(&"001") => {
                let claimed = several.iter().any(|r| match db.by_id(*r).and_then(plan) {
                    Some(p) => match &p.leading_digits {
                        Some(leading) => leading.is_match(rest),
                        None => p.has_type(rest).unwrap_or(true),
                    },
                    None => true,
                });
                if claimed { Fast::Unknown } else { Fast::Invalid }
            }
            _ => Fast::Unknown,
        }
    }

    /// The national number `digits` (no leading zero) of `meta`'s single region: left to the
    /// library when one of the region's prefixes starts it (the library would rewrite it),
    /// else valid or invalid by the region's patterns.
    fn verdict(meta: &'static Metadata, digits: &str) -> Fast {
        if meta.national_prefix().is_some_and(|p| digits.starts_with(p)) {
            return Fast::Unknown;
        }
        let Some(plan) = plan(meta) else { return Fast::Unknown };
        if plan.rewrites.iter().any(|r| r.is_match(digits)) {
            return Fast::Unknown;
        }
        match plan.has_type(digits) {
            Some(true) => {}
            Some(false) => return Fast::Invalid,
            None => return Fast::Unknown,
        }
        let code = meta.country_code();
        let mut out = String::with_capacity(digits.len() + 4);
        out.push('+');
        out.push_str(&code.to_string());
        out.push_str(digits);
        Fast::Valid(out)
    }

    /// The same answer as `PhoneNumber::is_valid`, without the library's regex cache.
    pub(super) fn is_valid(number: &PhoneNumber) -> bool {
        let db = &*DATABASE;
        let code = number.code().value();
        let national = number.national().to_string();
        let Some(regions) = db.region(&code) else { return false };
        let meta: Option<&'static Metadata> = match regions.as_slice() {
            [single] if *single == "001" => db.by_code(&code).and_then(|m| m.into_iter().next()),
            [single] => db.by_id(*single),
            several => several.iter().filter_map(|r| db.by_id(*r)).find(|meta| match plan(meta) {
                Some(p) => match &p.leading_digits {
                    Some(leading) => leading.is_match(&national),
                    None => p.has_type(&national).unwrap_or(false),
                },
                None => false,
            }),
        };
        match meta.map(|m| (m, plan(m))) {
            Some((_, Some(p))) => p.has_type(&national).unwrap_or_else(|| number.is_valid()),
            // A pattern this regex engine refuses: fall back to the library.
            Some((_, None)) => number.is_valid(),
            None => false,
        }
    }
}

/// The E.164 text of a parsed number: `+`, country code, national number (with the leading
/// zeros some plans keep, e.g. Italy), no extension. Written directly: the library's formatter
/// gives the same text at about ten times the cost.
fn e164(number: &PhoneNumber) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(16);
    let _ = write!(out, "+{}{}", number.code().value(), number.national());
    out
}

/// The number without its extension; `None` when the text has letters that are not an
/// extension marker, or no digit at all.
fn number_part(text: &str) -> Option<&str> {
    let text = strip_prefix_ignore_case(text, "tel:").unwrap_or(text);
    let cut = text.find(|c: char| c.is_alphabetic() || matches!(c, '#' | ';' | ',')).unwrap_or(text.len());
    let (number, tail) = text.split_at(cut);
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !tail.is_empty() && !is_extension(tail) {
        return None;
    }
    Some(number)
}

/// True for `ext. 12`, `x12`, `ramal 12`, `#12`, `;ext=12`...: a marker and up to 7 digits.
fn is_extension(tail: &str) -> bool {
    let folded = fold_words(tail);
    let mut words = folded.split(' ');
    let first = words.next().unwrap_or_default();
    let (marker, digits_in_first) = match first.find(|c: char| c.is_ascii_digit()) {
        Some(at) => first.split_at(at),
        None => (first, ""),
    };
    // `#12`: the marker is punctuation, folded away.
    let marker_ok = marker.is_empty() && tail.trim_start().starts_with('#') || EXTENSION_MARKERS.contains(&marker);
    let digits: String = std::iter::once(digits_in_first).chain(words).collect();
    marker_ok && (1..=7).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path gives exactly what the library's path gives, on every number it takes.
    #[test]
    fn fast_path_agrees_with_the_library() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let regions = ["BR", "FR", "PL", "DE", "IT", "PT", "GB", "US", "ES", "AR", "MX", "IN"];
        let (mut taken, mut invalid, mut international) = (0, 0, 0);
        for _ in 0..20_000 {
            let len = 6 + next(9);
            let digits: String = (0..len).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let text = match next(4) {
                0 => digits.clone(),
                1 => format!("({}) {}-{}", &digits[..2], &digits[2..len as usize - 4], &digits[len as usize - 4..]),
                2 => format!("{} {}", &digits[..3], &digits[3..]),
                _ => format!("{}.{}", &digits[..2], &digits[2..]),
            };
            let region_code = regions[next(regions.len() as u64) as usize];
            let id = region(region_code).unwrap();
            let slow = parse_valid(Some(id), &text).map(|p| e164(&p));
            match valid::fast_national(id, &text) {
                valid::Fast::Valid(fast) => {
                    taken += 1;
                    assert_eq!(Some(fast), slow, "{text:?} in {region_code}");
                }
                valid::Fast::Invalid => {
                    invalid += 1;
                    assert_eq!(None, slow, "{text:?} in {region_code}");
                }
                valid::Fast::Unknown => {}
            }
            // The same digits as an international number (what a float cell gives).
            let slow = parse_valid(None, &format!("+{digits}")).map(|p| e164(&p));
            match valid::fast_international(&digits) {
                valid::Fast::Valid(fast) => {
                    international += 1;
                    assert_eq!(Some(fast), slow, "+{digits}");
                }
                valid::Fast::Invalid => {
                    invalid += 1;
                    assert_eq!(None, slow, "+{digits}");
                }
                valid::Fast::Unknown => {}
            }
        }
        // Brazilian numbers in the usual forms all take the fast path, and so do the legacy
        // and invalid forms of the benchmark's high-error workload.
        for text in ["(11) 98765-4321", "(21) 3456-7890", "(91) 98765-4321", "11 3456.7890"] {
            let valid::Fast::Valid(fast) = valid::fast_national(Id::BR, text) else { panic!("{text}") };
            assert_eq!(Some(fast), parse_valid(Some(Id::BR), text).map(|p| e164(&p)), "{text}");
        }
        for text in ["(85) 9508-7624", "(11) 812-3456", "(20) 98765-4321", "(11) 98765-43210", "11"] {
            assert_eq!(valid::fast_national(Id::BR, text), valid::Fast::Invalid, "{text}");
            assert_eq!(parse_valid(Some(Id::BR), text), None, "{text}");
        }
        assert!(taken > 1000, "{taken}");
        assert!(invalid > 5000, "{invalid}");
        assert!(international > 100, "{international}");
    }

    #[test]
    fn national_and_international_forms() {
        assert_eq!(normalize_phone("(11) 98765-4321", Some("BR")), Ok("+5511987654321".into()));
        assert_eq!(normalize_phone("+55 11 98765-4321", Some("FR")), Ok("+5511987654321".into()));
        assert_eq!(normalize_phone("0 6 12 34 56 78", Some("FR")), Ok("+33612345678".into()));
        assert_eq!(normalize_phone("+48 600 123 456", Some("BR")), Ok("+48600123456".into()));
        assert_eq!(normalize_phone("600 123 456", Some("pl")), Ok("+48600123456".into()));
        assert_eq!(normalize_phone("06 1234 5678", Some("IT")), Ok("+390612345678".into()));
    }

    #[test]
    fn digits_that_lost_their_plus() {
        assert_eq!(normalize_phone("5511987654321", Some("BR")), Ok("+5511987654321".into()));
        assert_eq!(normalize_phone("5511987654321", None), Ok("+5511987654321".into()));
        assert_eq!(normalize_phone("48600123456", None), Ok("+48600123456".into()));
        assert_eq!(normalize_phone("0048 600 123 456", None), Ok("+48600123456".into()));
        assert_eq!(normalize_phone("0048 600 123 456", Some("FR")), Ok("+48600123456".into()));
        // A Brazilian number in a French row: the national parse fails, the international one works.
        assert_eq!(normalize_phone("5511987654321", Some("FR")), Ok("+5511987654321".into()));
        assert_eq!(normalize_phone("600123456", None), Err(IssueCode::InvalidPhone));
    }

    #[test]
    fn extensions_are_dropped() {
        assert_eq!(normalize_phone("+55 11 3333-4444 ramal 12", None), Ok("+551133334444".into()));
        assert_eq!(normalize_phone("(11) 3333-4444 r. 12", Some("BR")), Ok("+551133334444".into()));
        assert_eq!(normalize_phone("01 23 45 67 89 poste 3", Some("FR")), Ok("+33123456789".into()));
        assert_eq!(normalize_phone("+48 22 123 45 67 wew. 15", None), Ok("+48221234567".into()));
        assert_eq!(normalize_phone("+1 650 253 0000 x1234", None), Ok("+16502530000".into()));
        assert_eq!(normalize_phone("+1 650 253 0000 #12", None), Ok("+16502530000".into()));
        assert_eq!(normalize_phone("+1 650 253 0000 ext", None), Err(IssueCode::InvalidPhone));
        assert_eq!(normalize_phone("+1 650 253 0000 x123456789", None), Err(IssueCode::InvalidPhone));
    }

    #[test]
    fn garbage_is_invalid() {
        for raw in [
            "",
            "   ",
            "abc",
            "n/a",
            "123",
            "(11) 9876A-4321",
            "1-800-FLOWERS",
            "1.1987654321e10",
            "11 98765-4321 / 11 3333-4444",
            "+",
            "(11) 12345-6789",
            "+999 1234567",
        ] {
            assert_eq!(normalize_phone(raw, Some("BR")), Err(IssueCode::InvalidPhone), "{raw:?}");
        }
    }

    #[test]
    fn e164_matches_the_library_formatter() {
        for (raw, cc) in [
            ("06 1234 5678", Some(Id::IT)),
            ("02 1234 5678", Some(Id::IT)),
            ("(11) 98765-4321", Some(Id::BR)),
            ("+44 20 7946 0958", None),
            ("+225 01 23 45 67 89", None),
            ("+1 650 253 0000 ext. 7", None),
        ] {
            let parsed = phonenumber::parse(cc, raw).unwrap();
            assert_eq!(e164(&parsed), parsed.format().mode(phonenumber::Mode::E164).to_string(), "{raw}");
        }
    }

    #[test]
    fn validity_agrees_with_the_library() {
        // Numbers of many regions and types, valid and not; one region at a time keeps the
        // library's own cache warm enough for this comparison.
        let samples = [
            ("+5511987654321", true),
            ("+551133334444", true),
            ("+5511812345678", false),
            ("+558001234567", true),
            ("+33612345678", true),
            ("+33123456789", true),
            ("+33012345678", false),
            ("+48600123456", true),
            ("+48221234567", true),
            ("+4915123456789", true),
            ("+390612345678", true),
            ("+393471234567", true),
            ("+447911123456", true),
            ("+447700900123", false),
            ("+16502530000", true),
            ("+12530000000", false),
            ("+14165550123", true),
            ("+14168675309", true),
            ("+18005550199", true),
            ("+79161234567", true),
            ("+77012345678", true),
            ("+80012345678", true),
            ("+979123456789", true),
            ("+442079460958", true),
            ("+441481256789", true),
            ("+351912345678", true),
            ("+5491123456789", true),
            ("+99912345", false),
        ];
        for (raw, _) in samples {
            let Ok(parsed) = phonenumber::parse(None, raw) else { continue };
            assert_eq!(valid::is_valid(&parsed), parsed.is_valid(), "{raw}");
        }
        for (raw, want) in samples {
            let got = phonenumber::parse(None, raw).ok().is_some_and(|p| valid::is_valid(&p));
            assert_eq!(got, want, "{raw}");
        }
        // The example numbers of the metadata, for every third region (compiling every
        // region's patterns twice is slow in a debug build).
        let mut checked = 0;
        for meta in phonenumber::metadata::DATABASE.iter().step_by(3) {
            let d = meta.descriptors();
            for desc in [d.fixed_line(), d.mobile()].into_iter().flatten() {
                let Some(example) = desc.example() else { continue };
                let raw = format!("+{}{example}", meta.country_code());
                let Ok(parsed) = phonenumber::parse(None, &raw) else { continue };
                assert_eq!(valid::is_valid(&parsed), parsed.is_valid(), "{} {raw}", meta.id());
                checked += 1;
            }
        }
        assert!(checked > 120, "{checked}");
    }

    /// Legacy 8-digit mobiles as Brazilian customer bases still hold them (the formats of the
    /// Anatel numbering plan before the ninth digit: area code in parentheses, with the trunk
    /// `0`, with `+55`, `0055`, or `55` from a float cell).
    #[test]
    fn brazilian_ninth_digit() {
        let fixed = |raw: &str, country: Option<&str>| check_phone(raw, country).map(|p| (p.e164, p.ninth_digit_added));
        for (raw, country, want) in [
            ("(85) 9508-7624", Some("BR"), "+5585995087624"),
            ("85 9508 7624", Some("br"), "+5585995087624"),
            ("085 9508-7624", Some("BR"), "+5585995087624"),
            ("(11) 8765-4321", Some("BR"), "+5511987654321"),
            ("(61) 6123-4567", Some("BR"), "+5561961234567"),
            ("558595087624", Some("BR"), "+5585995087624"),
            ("+55 85 9508-7624", None, "+5585995087624"),
            ("+55 (85) 9508-7624", Some("FR"), "+5585995087624"),
            ("0055 85 9508 7624", None, "+5585995087624"),
            ("(85) 9508-7624 ramal 12", Some("BR"), "+5585995087624"),
        ] {
            assert_eq!(fixed(raw, country), Ok((want.to_owned(), true)), "{raw}");
        }
        // Already 9 digits, or a landline (8 digits starting with 2-5): unchanged, no warning.
        for (raw, want) in [
            ("(85) 99508-7624", "+5585995087624"),
            ("(11) 3456-7890", "+551134567890"),
            ("(85) 3256-7624", "+558532567624"),
            ("(51) 2345-6789", "+555123456789"),
            ("(31) 4567-8901", "+553145678901"),
            ("(41) 5432-1098", "+554154321098"),
        ] {
            assert_eq!(fixed(raw, Some("BR")), Ok((want.to_owned(), false)), "{raw}");
        }
        // Still invalid: no Brazilian context, an area code with a zero, a wrong length, a
        // leading 1 or 0, letters.
        for (raw, country) in [
            ("(85) 9508-7624", None),
            ("(85) 9508-7624", Some("PL")),
            ("(80) 9508-7624", Some("BR")),
            ("(05) 9508-7624", Some("BR")),
            ("(85) 9508-762", Some("BR")),
            ("(85) 1508-7624", Some("BR")),
            ("(85) 0508-7624", Some("BR")),
            ("(85) 9508-7624x", Some("BR")),
            ("+48 85 9508 7624", Some("BR")),
            ("9508-7624", Some("BR")),
        ] {
            assert_eq!(fixed(raw, country), Err(IssueCode::InvalidPhone), "{raw} {country:?}");
        }
    }

    #[test]
    fn unknown_country_is_no_country() {
        assert_eq!(normalize_phone("+55 11 98765-4321", Some("XX")), Ok("+5511987654321".into()));
        assert_eq!(normalize_phone("(11) 98765-4321", Some("Brazil")), Err(IssueCode::InvalidPhone));
    }
}

#[cfg(test)]
mod cost {
    use super::normalize_phone;

    /// The cost per call, printed: `cargo test --release -p cadastro --lib phone::cost -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing, run by hand in release"]
    fn cost_per_call() {
        let inputs: Vec<(String, Option<&str>)> = (0..100_000u64)
            .map(|i| match i % 4 {
                0 => (format!("(11) 9{:04}-{:04}", i % 10_000, (i * 7) % 10_000), Some("BR")),
                1 => (format!("5511 9{:04}{:04}", i % 10_000, (i * 3) % 10_000), Some("BR")),
                2 => (format!("06 {:02} {:02} {:02} {:02}", i % 100, (i / 100) % 100, i % 37, i % 91), Some("FR")),
                _ => (format!("+48 600 {:03} {:03}", i % 1000, (i / 1000) % 1000), None),
            })
            .collect();
        let _ = normalize_phone("(11) 98765-4321", Some("BR"));
        let start = std::time::Instant::now();
        let ok = inputs.iter().filter(|(raw, cc)| normalize_phone(raw, *cc).is_ok()).count();
        let elapsed = start.elapsed();
        eprintln!(
            "{} calls, {ok} valid, {:.2} us per call",
            inputs.len(),
            elapsed.as_secs_f64() * 1e6 / inputs.len() as f64
        );
        assert!(ok > inputs.len() / 2);
        let start = std::time::Instant::now();
        let parsed: Vec<_> =
            inputs.iter().filter_map(|(raw, cc)| phonenumber::parse(cc.and_then(super::region), raw).ok()).collect();
        eprintln!("parse only: {:.2} us", start.elapsed().as_secs_f64() * 1e6 / inputs.len() as f64);
        let start = std::time::Instant::now();
        let valid = parsed.iter().filter(|p| p.is_valid()).count();
        eprintln!("is_valid only: {:.2} us ({valid})", start.elapsed().as_secs_f64() * 1e6 / inputs.len() as f64);
        let start = std::time::Instant::now();
        let len: usize = parsed.iter().map(|p| super::e164(p).len()).sum();
        eprintln!("format only: {:.2} us ({len})", start.elapsed().as_secs_f64() * 1e6 / inputs.len() as f64);

        // Many countries in one file: libphonenumber's regex cache (LRU of 100) may thrash.
        let many = [
            ("+55 11 98765-4321", "BR"),
            ("+33 6 12 34 56 78", "FR"),
            ("+48 600 123 456", "PL"),
            ("+49 151 23456789", "DE"),
            ("+34 612 34 56 78", "ES"),
            ("+39 347 123 4567", "IT"),
            ("+44 7911 123456", "GB"),
            ("+351 912 345 678", "PT"),
            ("+1 650 253 0000", "US"),
            ("+32 470 12 34 56", "BE"),
            ("+31 6 12345678", "NL"),
            ("+41 78 123 45 67", "CH"),
            ("+43 664 123456", "AT"),
            ("+54 9 11 2345-6789", "AR"),
            ("+52 55 1234 5678", "MX"),
            ("+56 9 6123 4567", "CL"),
        ];
        let start = std::time::Instant::now();
        let mut valid = 0;
        for i in 0..50_000 {
            let (raw, cc) = many[i % many.len()];
            valid += usize::from(normalize_phone(raw, Some(cc)).is_ok());
        }
        eprintln!(
            "16 countries round-robin: {:.2} us per call ({valid} valid)",
            start.elapsed().as_secs_f64() * 1e6 / 50_000.0
        );
        let start = std::time::Instant::now();
        let mut parsed = Vec::new();
        for i in 0..5_000 {
            let (raw, cc) = many[i % many.len()];
            parsed.extend(phonenumber::parse(super::region(cc), raw).ok());
        }
        eprintln!("  parse only: {:.2} us per call", start.elapsed().as_secs_f64() * 1e6 / 5_000.0);
        let start = std::time::Instant::now();
        let valid = parsed.iter().filter(|p| p.is_valid()).count();
        eprintln!("  library is_valid: {:.2} us per call ({valid})", start.elapsed().as_secs_f64() * 1e6 / 5_000.0);
        let start = std::time::Instant::now();
        let valid = parsed.iter().filter(|p| super::valid::is_valid(p)).count();
        eprintln!("  cadastro is_valid: {:.2} us per call ({valid})", start.elapsed().as_secs_f64() * 1e6 / 5_000.0);
    }
}
