#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Replays the value cases of testdata/cases/ through the leaf validators, the way the engine
//! calls them: the cell's text (`Cell::as_text`), cleaned, then the leaf of the field's kind.

use std::path::PathBuf;

use cadastro::Cell;
use cadastro::checks::{boolean, country, email, enums, number, phone, postal, state, text};
use serde_json::{Value, json};

/// The case files this test owns.
const FILES: &[&str] = &[
    "phone",
    "mobile_phone",
    "email",
    "additional_emails",
    "postal_code",
    "country",
    "state",
    "payment_terms_days",
    "is_company",
    "contact_is_main",
    "contact_position",
];

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases")
}

fn cell_of(input: &Value) -> Cell {
    match input {
        Value::String(s) => Cell::Text(s.clone()),
        Value::Number(n) => Cell::Float(n.as_f64().unwrap()),
        Value::Bool(b) => Cell::Bool(*b),
        other => panic!("unsupported input {other}"),
    }
}

type Outcome = Result<(Value, Vec<&'static str>), String>;

/// Runs the leaf of `field`: the normalized value and its warnings, or the issue code.
fn run(field: &str, raw: &str, country: Option<&str>, numeric: bool) -> Outcome {
    let code = |c: cadastro::IssueCode| c.as_str().to_string();
    let plain = |v: Value| (v, Vec::new());
    match field {
        "phone" | "mobile_phone" | "fax" | "contact_phone" => phone::check_phone(raw, country)
            .map(|p| (json!(p.e164), if p.ninth_digit_added { vec!["phone_ninth_digit_added"] } else { vec![] }))
            .map_err(code),
        "email" | "contact_email" => email::normalize_email(raw).map(|v| plain(json!(v))).map_err(code),
        "additional_emails" | "account_manager_email" => {
            email::normalize_email_list(raw).map(|v| plain(json!(v))).map_err(code)
        }
        "postal_code" => postal::normalize_postal_code(raw, country, numeric)
            .map(|f| (json!(f.value), if f.zeros_restored { vec!["leading_zeros_restored"] } else { vec![] }))
            .map_err(code),
        "country" => country::normalize_country(raw).map(|v| plain(json!(v))).map_err(code),
        "state" => state::normalize_state(raw, country).map(|v| plain(json!(v))).map_err(code),
        "payment_terms_days" => number::parse_payment_days(raw).map(|v| plain(json!(v))).map_err(code),
        "is_company" | "contact_is_main" | "notifications_disabled" => {
            boolean::parse_bool(raw).map(|v| plain(json!(v))).map_err(code)
        }
        "contact_position" => enums::contact_position(raw).map(|v| plain(json!(v))).map_err(code),
        other => panic!("no leaf for field {other}"),
    }
}

#[test]
fn value_cases_replay_through_the_leaves() {
    let mut total = 0;
    let mut failures = Vec::new();
    for name in FILES {
        let path = cases_dir().join(format!("{name}.json"));
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(doc["description"].as_str().is_some_and(|d| !d.is_empty()), "{name}: no description");
        let cases = doc["cases"].as_array().unwrap();
        assert!((15..=80).contains(&cases.len()), "{name}: {} cases", cases.len());
        for case in cases {
            total += 1;
            let field = case["field"].as_str().unwrap();
            let cell = cell_of(&case["input"]);
            let country = case.get("country").and_then(Value::as_str);
            let as_text = cell.as_text();
            let cleaned = text::clean(&as_text);
            assert!(!cleaned.is_empty(), "{name}: an empty input is absent, not a case: {case}");
            let got = run(field, &cleaned, country, cell.is_number());
            let want_warnings: Vec<&str> = case
                .get("warnings")
                .and_then(Value::as_array)
                .map(|w| w.iter().map(|x| x.as_str().unwrap()).collect())
                .unwrap_or_default();
            let ok = match (&got, case.get("value"), case.get("error")) {
                (Ok((value, warnings)), Some(want), None) => value == want && *warnings == want_warnings,
                (Err(code), None, Some(want)) => want.as_str() == Some(code.as_str()) && want_warnings.is_empty(),
                (_, Some(_), Some(_)) | (_, None, None) => panic!("{name}: a case needs value xor error: {case}"),
                _ => false,
            };
            if !ok {
                failures.push(format!("{name}: {case} -> {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(total >= 400, "only {total} cases");
}

/// The leaves are also called directly on uncleaned text: the same answers.
#[test]
fn leaves_clean_their_own_input() {
    assert_eq!(phone::normalize_phone("\u{a0} (11) 98765-4321 \u{200b}", Some("BR")).unwrap(), "+5511987654321");
    assert_eq!(email::normalize_email("\u{feff}Ana@X.com ").unwrap(), "ana@x.com");
    assert_eq!(postal::normalize_postal_code(" 01310-100\u{a0}", Some("BR"), false).unwrap().value, "01310-100");
    assert_eq!(country::normalize_country("\u{a0}Brasil "), Ok("BR"));
    assert_eq!(state::normalize_state(" São Paulo\u{a0}", Some("BR")).unwrap(), "SP");
    assert_eq!(number::parse_payment_days("\u{a0}30 dias "), Ok(30));
    assert_eq!(boolean::parse_bool(" sim\u{a0}"), Ok(true));
    assert_eq!(enums::contact_position(" Vendas\u{a0}"), Ok("SALES"));
}
