//! The report's records written as JSON straight to a writer: the bytes serde_json gives for
//! [`Customer`] and [`Issue`] (compact form), without serde's per-entry machinery. The CLI's
//! streamed report writes every customer and issue through these; `json_matches_serde` checks
//! them byte for byte against serde_json.

use std::io::{self, Write};

use super::{Contact, Customer, Issue, Value};

/// Lower-case hex digits, as serde_json writes `\u00XX` escapes.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `s` as a JSON string, escaped as serde_json escapes it: `"`, `\`, and the control
/// characters below U+0020 (`\b \f \n \r \t`, the others as `\u00XX`); everything else as is.
pub(crate) fn write_str<W: Write + ?Sized>(out: &mut W, s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let mut unicode = [b'\\', b'u', b'0', b'0', 0, 0];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0C => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1F => {
                if let (Some(hi), Some(lo)) = (HEX.get(usize::from(b >> 4)), HEX.get(usize::from(b & 0xF))) {
                    unicode[4] = *hi;
                    unicode[5] = *lo;
                }
                &unicode
            }
            _ => continue,
        };
        out.write_all(bytes.get(start..i).unwrap_or_default())?;
        out.write_all(escape)?;
        start = i + 1;
    }
    out.write_all(bytes.get(start..).unwrap_or_default())?;
    out.write_all(b"\"")
}

/// Writes a value as serde_json writes [`Value`] (untagged).
fn write_value<W: Write + ?Sized>(out: &mut W, value: &Value) -> io::Result<()> {
    match value {
        Value::Bool(b) => out.write_all(if *b { b"true" } else { b"false" }),
        Value::Int(i) => write!(out, "{i}"),
        // serde_json's float text (shortest round trip, `null` when not finite).
        Value::Number(_) => serde_json::to_writer(&mut *out, value).map_err(io::Error::other),
        Value::Text(s) => write_str(out, s),
        Value::List(items) => {
            out.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write_str(out, item)?;
            }
            out.write_all(b"]")
        }
    }
}

/// `,"key":` (or without the comma for the first member).
fn key<W: Write + ?Sized>(out: &mut W, name: &str) -> io::Result<()> {
    out.write_all(b",\"")?;
    out.write_all(name.as_bytes())?;
    out.write_all(b"\":")
}

fn write_contact<W: Write + ?Sized>(out: &mut W, contact: &Contact) -> io::Result<()> {
    write!(out, "{{\"row\":{}", contact.row)?;
    for (field, value) in contact.values.iter() {
        key(out, field.as_str())?;
        write_value(out, value)?;
    }
    out.write_all(b"}")
}

impl Customer {
    /// Writes the customer's JSON (CONTRACT section 5) to `out`: the same bytes as
    /// `serde_json::to_writer(out, self)`, written directly.
    ///
    /// ```
    /// use cadastro::{Customer, Field, Value};
    /// let c = Customer::with_fields(vec![2], [(Field::Name, Value::Text("Ana \"A\"".into()))]);
    /// let mut out = Vec::new();
    /// c.write_json(&mut out).unwrap();
    /// assert_eq!(out, serde_json::to_vec(&c).unwrap());
    /// ```
    ///
    /// # Errors
    /// The writer's.
    pub fn write_json<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        out.write_all(b"{\"rows\":[")?;
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write!(out, "{row}")?;
        }
        out.write_all(b"]")?;
        for (field, value) in self.values.iter() {
            key(out, field.as_str())?;
            write_value(out, value)?;
        }
        if !self.custom.is_empty() {
            out.write_all(b",\"custom\":{")?;
            for (i, (name, value)) in self.custom.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write_str(out, name)?;
                out.write_all(b":")?;
                write_value(out, value)?;
            }
            out.write_all(b"}")?;
        }
        out.write_all(b",\"contacts\":[")?;
        for (i, contact) in self.contacts.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write_contact(out, contact)?;
        }
        out.write_all(b"]}")
    }
}

impl Issue {
    /// Writes the issue's JSON (CONTRACT section 4) to `out`: the same bytes as
    /// `serde_json::to_writer(out, self)`, written directly.
    ///
    /// ```
    /// use cadastro::{Issue, IssueCode};
    /// let mut issue = Issue::new(IssueCode::InvalidPhone, 7);
    /// issue.message = "Telefone inválido: \"x\"".into();
    /// let mut out = Vec::new();
    /// issue.write_json(&mut out).unwrap();
    /// assert_eq!(out, serde_json::to_vec(&issue).unwrap());
    /// ```
    ///
    /// # Errors
    /// The writer's.
    pub fn write_json<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        write!(out, "{{\"row\":{}", self.row)?;
        if let Some(line) = self.line {
            write!(out, ",\"line\":{line}")?;
        }
        for (name, text) in [("column", &self.column), ("header", &self.header), ("field", &self.field)] {
            if let Some(text) = text {
                key(out, name)?;
                write_str(out, text)?;
            }
        }
        out.write_all(b",\"code\":\"")?;
        out.write_all(self.code.as_str().as_bytes())?;
        out.write_all(if self.is_error() { b"\",\"severity\":\"error\"" } else { b"\",\"severity\":\"warning\"" })?;
        key(out, "message")?;
        write_str(out, &self.message)?;
        if let Some(value) = &self.value {
            key(out, "value")?;
            write_str(out, value)?;
        }
        out.write_all(b"}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, IssueCode};
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::Int),
            prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), Just(1e16), Just(-0.0), Just(0.1)]
                .prop_map(Value::Number),
            any::<String>().prop_map(Value::Text),
            "[\\x00-\\x1f\"\\\\/a-zé\u{7f}\u{2028}]{0,12}".prop_map(Value::Text),
            prop::collection::vec(any::<String>(), 0..3).prop_map(Value::List),
        ]
    }

    fn fields(contact: bool) -> impl Strategy<Value = Vec<(Field, Value)>> {
        let names: Vec<Field> = Field::ALL.iter().copied().filter(|f| f.is_contact() == contact).collect();
        prop::collection::vec((prop::sample::select(names), value()), 0..8)
    }

    fn customer() -> impl Strategy<Value = Customer> {
        (
            prop::collection::vec(any::<u32>(), 0..3),
            fields(false),
            prop::collection::btree_map(any::<String>(), value(), 0..3),
            prop::collection::vec((any::<u32>(), fields(true)), 0..3),
        )
            .prop_map(|(rows, values, custom, contacts)| {
                let mut c = Customer::with_fields(rows, values);
                c.custom = custom;
                c.contacts = contacts.into_iter().map(|(row, f)| Contact::with_fields(row, f)).collect();
                c
            })
    }

    fn issue() -> impl Strategy<Value = Issue> {
        (
            any::<u32>(),
            any::<Option<u64>>(),
            any::<[Option<String>; 3]>(),
            prop::sample::select(IssueCode::ALL.to_vec()),
            any::<String>(),
            any::<Option<String>>(),
        )
            .prop_map(|(row, line, [column, header, field], code, message, value)| {
                let mut i = Issue::new(code, row);
                (i.line, i.column, i.header, i.field, i.message, i.value) =
                    (line, column, header, field, message, value);
                i
            })
    }

    proptest! {
        #[test]
        fn json_matches_serde(c in customer(), i in issue()) {
            let mut out = Vec::new();
            c.write_json(&mut out).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&c).unwrap());
            let mut out = Vec::new();
            i.write_json(&mut out).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&i).unwrap());
        }
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_escapes_it() {
        let all: String = (0u8..0x80).map(char::from).collect();
        let mut out = Vec::new();
        write_str(&mut out, &all).unwrap();
        assert_eq!(out, serde_json::to_vec(&all).unwrap());
    }
}
