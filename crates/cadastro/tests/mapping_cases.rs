#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Replays testdata/cases/mapping.json: one header read with one profile.

use std::path::PathBuf;

use cadastro::MatchReason;
use cadastro::Profile;
use serde_json::Value;

fn cases() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases/mapping.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn reason_name(r: MatchReason) -> String {
    serde_json::to_value(r).unwrap().as_str().unwrap().to_owned()
}

#[test]
fn header_cases() {
    let doc = cases();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 150);
    let mut failures = Vec::new();
    for case in cases {
        let header = case["header"].as_str().unwrap();
        let profile = Profile::builtin(case["profile"].as_str().unwrap()).unwrap();
        let want_field = case["field"].as_str();
        let want_reason = case["reason"].as_str().unwrap();
        let got = cadastro::suggest(&[header.to_owned()], &profile);
        assert_eq!(got.len(), 1);
        let col = &got[0];
        let field = col.field.as_ref().map(|t| t.name());
        let reason = reason_name(col.reason);
        if field != want_field || reason != want_reason {
            failures.push(format!(
                "{header:?} with {}: got {field:?} ({reason}, {:.2}), want {want_field:?} ({want_reason})",
                profile.name, col.confidence
            ));
        }
        // Confidence follows the reason.
        match col.reason {
            MatchReason::ProfileLabel => assert_eq!(col.confidence, 1.0),
            MatchReason::Synonym => assert!((0.6..1.0).contains(&col.confidence), "{header}"),
            MatchReason::Context => assert!((0.6..=0.9).contains(&col.confidence), "{header}"),
            MatchReason::Fuzzy => assert!((0.6..=0.9).contains(&col.confidence), "{header}"),
            MatchReason::None => assert_eq!(col.confidence, 0.0),
            other => panic!("unexpected reason {other:?} for {header}"),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn known_label_cases() {
    let doc = cases();
    let mut failures = Vec::new();
    for case in doc["is_known_label"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let want = case["known"].as_bool().unwrap();
        if cadastro::is_known_label(text) != want {
            failures.push(format!("{text:?}: want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
