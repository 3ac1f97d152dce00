//! Normalized customers and contacts: what a valid import produces and what export writes.

use std::collections::BTreeMap;
use std::fmt;
use std::mem;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Field;

/// A normalized value of a field.
///
/// Serialized untagged: text as a JSON string, booleans as `true`/`false`, integers as numbers,
/// lists (`additional_emails`, `account_manager_email`) as arrays of strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A boolean.
    Bool(bool),
    /// An integer (`payment_terms_days`, integer custom fields).
    Int(i64),
    /// A decimal number (number custom fields).
    Number(f64),
    /// Text.
    Text(String),
    /// A list of texts.
    List(Vec<String>),
}

impl Value {
    /// The value as text when it is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value rendered as one cell of text, as the writers put it in a file.
    ///
    /// ```
    /// use cadastro::Value;
    /// assert_eq!(Value::List(vec!["a@x.com".into(), "b@x.com".into()]).to_cell_text(), "a@x.com;b@x.com");
    /// assert_eq!(Value::Bool(true).to_cell_text(), "true");
    /// ```
    pub fn to_cell_text(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Number(n) => crate::model::cell::float_text(*n),
            Value::Text(s) => s.clone(),
            Value::List(items) => items.join(";"),
        }
    }
}

/// A valid, normalized customer.
///
/// JSON shape (CONTRACT section 5): `{"rows": [2, 3], "external_id": "C-1", "name": "...",
/// ..., "custom": {...}, "contacts": [...]}` with canonical fields in contract order and absent
/// fields omitted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Customer {
    /// The spreadsheet rows this customer was read from (empty for customers not from a file).
    pub rows: Vec<u32>,
    /// Canonical field values (customer fields only); read and write them through
    /// [`get`](Customer::get), [`set`](Customer::set), [`remove`](Customer::remove) and
    /// [`fields`](Customer::fields).
    pub(crate) values: FieldValues,
    /// Custom field values, by custom field name.
    pub custom: BTreeMap<String, Value>,
    /// Valid contacts of this customer.
    pub contacts: Vec<Contact>,
}

/// A valid, normalized contact of a customer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    /// The spreadsheet row the contact was read from (0 when not from a file).
    pub row: u32,
    /// Contact field values (`contact_*` fields), through the accessors.
    pub(crate) values: FieldValues,
}

impl Customer {
    /// A customer read from `rows` with the given field values (a later value of the same
    /// field replaces an earlier one).
    ///
    /// ```
    /// use cadastro::{Customer, Field, Value};
    /// let c = Customer::with_fields(vec![2], [(Field::Name, Value::Text("Ana".into()))]);
    /// assert_eq!(c.rows, vec![2]);
    /// assert_eq!(c.text(Field::Name), Some("Ana"));
    /// ```
    pub fn with_fields(rows: Vec<u32>, fields: impl IntoIterator<Item = (Field, Value)>) -> Customer {
        Customer { rows, values: fields.into_iter().collect(), ..Customer::default() }
    }

    /// The text value of a field, if present and text.
    ///
    /// ```
    /// use cadastro::{Customer, Field, Value};
    /// let mut c = Customer::default();
    /// c.set(Field::Name, Value::Text("Ana".into()));
    /// assert_eq!(c.text(Field::Name), Some("Ana"));
    /// ```
    pub fn text(&self, field: Field) -> Option<&str> {
        self.values.get(field).and_then(Value::as_str)
    }

    /// The value of a field, if present.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.values.get(field)
    }

    /// Sets a field's value, returning the previous one.
    pub fn set(&mut self, field: Field, value: Value) -> Option<Value> {
        self.values.insert(field, value)
    }

    /// Removes a field's value, returning it.
    pub fn remove(&mut self, field: Field) -> Option<Value> {
        self.values.remove(field)
    }

    /// The fields that have a value, with their values, in contract order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (Field, &Value)> + '_ {
        self.values.iter()
    }

    /// True when no field has a value.
    pub fn has_no_fields(&self) -> bool {
        self.values.is_empty()
    }

    /// The identity key of CONTRACT section 3: external_id, else tax_id, else the name folded
    /// to lower case with whitespace collapsed.
    pub fn key(&self) -> Option<CustomerKey> {
        if let Some(id) = self.text(Field::ExternalId) {
            return Some(CustomerKey::ExternalId(nfc_key(id).into_owned()));
        }
        if let Some(tax) = self.text(Field::TaxId) {
            return Some(CustomerKey::TaxId(nfc_key(tax).into_owned()));
        }
        self.text(Field::Name).map(|n| CustomerKey::Name(fold_name(n)))
    }
}

impl Contact {
    /// A contact read from `row` (0 when not from a file) with the given field values.
    ///
    /// ```
    /// use cadastro::{Contact, Field, Value};
    /// let k = Contact::with_fields(3, [(Field::ContactEmail, Value::Text("a@x.com".into()))]);
    /// assert_eq!(k.text(Field::ContactEmail), Some("a@x.com"));
    /// ```
    pub fn with_fields(row: u32, fields: impl IntoIterator<Item = (Field, Value)>) -> Contact {
        Contact { row, values: fields.into_iter().collect() }
    }

    /// The text value of a field, if present and text.
    pub fn text(&self, field: Field) -> Option<&str> {
        self.values.get(field).and_then(Value::as_str)
    }

    /// The value of a field, if present.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.values.get(field)
    }

    /// Sets a field's value, returning the previous one.
    pub fn set(&mut self, field: Field, value: Value) -> Option<Value> {
        self.values.insert(field, value)
    }

    /// Removes a field's value, returning it.
    pub fn remove(&mut self, field: Field) -> Option<Value> {
        self.values.remove(field)
    }

    /// The fields that have a value, with their values, in contract order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (Field, &Value)> + '_ {
        self.values.iter()
    }

    /// True when no field has a value.
    pub fn has_no_fields(&self) -> bool {
        self.values.is_empty()
    }
}

/// Field values stored compactly: one bit per field saying which fields hold a value, and the
/// values themselves in field (contract) order in one vector.
///
/// This is an array indexed by field with the absent fields left out: a lookup is a mask and a
/// popcount (no search), iteration is in contract order for free, and a customer costs one
/// allocation of 32 bytes per present field. A full `[Option<Value>; 43]` would cost 1,376 bytes
/// inline for every customer whatever the file carries (a 16-column file fills 16 slots), which
/// the whole-file collector would hold a million times.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FieldValues {
    /// Bit `f.index()` is set when field `f` has a value.
    present: u64,
    /// The values of the set bits, lowest bit first.
    values: Vec<Value>,
}

const _: () = assert!(Field::ALL.len() <= 64, "FieldValues keeps one bit per field in a u64");

impl FieldValues {
    /// The bit of `field` and the position its value has (or would have) in `values`.
    fn slot(&self, field: Field) -> (u64, usize) {
        let bit = 1u64 << field.index();
        (bit, (self.present & (bit - 1)).count_ones() as usize)
    }

    /// The value of `field`, if any.
    pub(crate) fn get(&self, field: Field) -> Option<&Value> {
        let (bit, at) = self.slot(field);
        if self.present & bit == 0 {
            return None;
        }
        self.values.get(at)
    }

    /// Room for `more` values without reallocating.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.values.reserve(more);
    }

    /// True when `field` has a value.
    pub(crate) fn contains(&self, field: Field) -> bool {
        self.present & (1u64 << field.index()) != 0
    }

    /// Sets `field`, returning its previous value.
    pub(crate) fn insert(&mut self, field: Field, value: Value) -> Option<Value> {
        let (bit, at) = self.slot(field);
        if self.present & bit != 0 {
            return self.values.get_mut(at).map(|old| mem::replace(old, value));
        }
        self.present |= bit;
        self.values.insert(at, value);
        None
    }

    /// Removes `field`'s value, returning it.
    pub(crate) fn remove(&mut self, field: Field) -> Option<Value> {
        let (bit, at) = self.slot(field);
        if self.present & bit == 0 || at >= self.values.len() {
            return None;
        }
        self.present &= !bit;
        Some(self.values.remove(at))
    }

    /// The fields with a value and their values, in contract order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (Field, &Value)> + '_ {
        let mut bits = self.present;
        self.values.iter().map(move |v| {
            let i = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            (Field::ALL.get(i).copied().unwrap_or(Field::ExternalId), v)
        })
    }

    /// True when no field has a value.
    pub(crate) fn is_empty(&self) -> bool {
        self.present == 0
    }
}

impl FromIterator<(Field, Value)> for FieldValues {
    fn from_iter<I: IntoIterator<Item = (Field, Value)>>(iter: I) -> Self {
        let mut out = FieldValues::default();
        for (f, v) in iter {
            out.insert(f, v);
        }
        out
    }
}

/// How a customer is identified (CONTRACT section 3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum CustomerKey {
    /// By the user's own id.
    ExternalId(String),
    /// By the normalized tax id.
    TaxId(String),
    /// By the folded name.
    Name(String),
}

/// Folds a name for identity comparison: Unicode NFC (a name typed on macOS, in NFD, is the
/// same name), lower case, whitespace collapsed.
pub fn fold_name(name: &str) -> String {
    let folded = name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    match nfc_key(&folded) {
        std::borrow::Cow::Borrowed(_) => folded,
        std::borrow::Cow::Owned(nfc) => nfc,
    }
}

/// A key text (external id, tax id) in Unicode NFC, so that the same id typed in NFC and in
/// NFD (as macOS writes it) is one key. External ids stay case-sensitive (`C-1` and `c-1` are
/// two customers: billing systems' ids are case-sensitive); names are case-folded by
/// [`fold_name`]. Borrows when the text is already NFC (the common case, checked quickly).
pub fn nfc_key(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

impl Serialize for Customer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("rows", &self.rows)?;
        for (field, value) in self.values.iter() {
            map.serialize_entry(field.as_str(), value)?;
        }
        if !self.custom.is_empty() {
            map.serialize_entry("custom", &self.custom)?;
        }
        map.serialize_entry("contacts", &self.contacts)?;
        map.end()
    }
}

impl Serialize for Contact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("row", &self.row)?;
        for (field, value) in self.values.iter() {
            map.serialize_entry(field.as_str(), value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Customer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Customer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a customer object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Customer, A::Error> {
                let mut c = Customer::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "rows" => c.rows = map.next_value()?,
                        "custom" => c.custom = map.next_value()?,
                        "contacts" => c.contacts = map.next_value()?,
                        other => {
                            let field = Field::from_name(other)
                                .filter(|f| !f.is_contact())
                                .ok_or_else(|| serde::de::Error::custom(format!("unknown customer field `{other}`")))?;
                            let value: Option<Value> = map.next_value()?;
                            if let Some(value) = value {
                                c.values.insert(field, value);
                            }
                        }
                    }
                }
                Ok(c)
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Contact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Contact;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a contact object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Contact, A::Error> {
                let mut c = Contact::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "row" {
                        c.row = map.next_value()?;
                        continue;
                    }
                    let field = Field::from_name(&key)
                        .filter(|f| f.is_contact())
                        .ok_or_else(|| serde::de::Error::custom(format!("unknown contact field `{key}`")))?;
                    let value: Option<Value> = map.next_value()?;
                    if let Some(value) = value {
                        c.values.insert(field, value);
                    }
                }
                Ok(c)
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_json_round_trip_in_contract_order() {
        let mut c = Customer { rows: vec![2, 3], ..Customer::default() };
        c.values.insert(Field::Name, Value::Text("Ana".into()));
        c.values.insert(Field::ExternalId, Value::Text("C-1".into()));
        c.values.insert(Field::PaymentTermsDays, Value::Int(30));
        c.contacts.push(Contact::with_fields(3, [(Field::ContactEmail, Value::Text("a@x.com".into()))]));
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"rows":[2,3],"external_id":"C-1","name":"Ana","payment_terms_days":30,"contacts":[{"row":3,"contact_email":"a@x.com"}]}"#
        );
        let back: Customer = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn field_values_keep_contract_order_whatever_the_insert_order() {
        let mut v = FieldValues::default();
        assert!(v.is_empty());
        assert_eq!(v.insert(Field::ContactIsMain, Value::Bool(true)), None);
        assert_eq!(v.insert(Field::Name, Value::Text("Ana".into())), None);
        assert_eq!(v.insert(Field::ExternalId, Value::Text("C-1".into())), None);
        assert_eq!(v.insert(Field::City, Value::Text("Recife".into())), None);
        assert_eq!(v.insert(Field::Name, Value::Text("Bia".into())), Some(Value::Text("Ana".into())));
        let order: Vec<Field> = v.iter().map(|(f, _)| f).collect();
        assert_eq!(order, [Field::ExternalId, Field::Name, Field::City, Field::ContactIsMain]);
        assert_eq!(v.get(Field::Name), Some(&Value::Text("Bia".into())));
        assert_eq!(v.get(Field::TaxId), None);
        assert!(v.contains(Field::City) && !v.contains(Field::Country));
        assert_eq!(v.remove(Field::Name), Some(Value::Text("Bia".into())));
        assert_eq!(v.remove(Field::Name), None);
        assert_eq!(v.get(Field::City), Some(&Value::Text("Recife".into())));
        assert_eq!(v.iter().len(), 3);
        // Equality is by content, not by insertion history.
        let same: FieldValues = [
            (Field::City, Value::Text("Recife".into())),
            (Field::ExternalId, Value::Text("C-1".into())),
            (Field::ContactIsMain, Value::Bool(true)),
        ]
        .into_iter()
        .collect();
        assert_eq!(v, same);
        // Every field, the last one of ALL included, has its own slot.
        let all: FieldValues = Field::ALL.iter().map(|f| (*f, Value::Text(f.as_str().into()))).collect();
        for f in Field::ALL {
            assert_eq!(all.get(*f).and_then(Value::as_str), Some(f.as_str()));
        }
        assert_eq!(all.iter().map(|(f, _)| f).collect::<Vec<_>>(), Field::ALL);
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<Customer>(r#"{"nmae": "x"}"#).is_err());
        assert!(serde_json::from_str::<Customer>(r#"{"contact_email": "x"}"#).is_err());
    }

    #[test]
    fn key_precedence() {
        let mut c = Customer::default();
        c.values.insert(Field::Name, Value::Text("  ACME   Ltda ".into()));
        assert_eq!(c.key(), Some(CustomerKey::Name("acme ltda".into())));
        c.values.insert(Field::TaxId, Value::Text("11222333000181".into()));
        assert_eq!(c.key(), Some(CustomerKey::TaxId("11222333000181".into())));
        c.values.insert(Field::ExternalId, Value::Text("7".into()));
        assert_eq!(c.key(), Some(CustomerKey::ExternalId("7".into())));
    }
}
