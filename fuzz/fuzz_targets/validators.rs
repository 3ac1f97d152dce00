//! Every validator family on arbitrary strings: `check_value` for every Field, with the input
//! as a text cell and, when it parses, as a number cell, with no country and with the country
//! named by the first byte (0: none, 1: BR, 2: PL, ...), plus the leaf text helpers.
#![no_main]

use cadastro::checks::{check_value, text};
use cadastro::{Cell, Field};
use libfuzzer_sys::fuzz_target;

const COUNTRIES: &[&str] = &["BR", "PL", "FR", "US", "DE", "GB", "PT", "ES", "IT", "NL", "BE", "XX"];

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = match data.split_first() {
        Some((s, rest)) => (*s as usize, rest),
        None => (0, data),
    };
    let s = String::from_utf8_lossy(rest);
    // 0: no country; else one of COUNTRIES.
    let country = selector.checked_sub(1).and_then(|i| COUNTRIES.get(i % COUNTRIES.len())).copied();
    let _ = text::clean(&s);
    let _ = text::collapse(&s);
    let _ = text::compact(&s);
    let mut cells = vec![Cell::Text(s.to_string())];
    if let Ok(f) = s.trim().parse::<f64>() {
        cells.push(Cell::Float(f));
    }
    if let Ok(i) = s.trim().parse::<i64>() {
        cells.push(Cell::Int(i));
    }
    for &field in Field::ALL {
        for cell in &cells {
            let _ = check_value(field, cell, country);
            let _ = check_value(field, cell, None);
        }
    }
});
