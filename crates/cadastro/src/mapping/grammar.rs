//! Header grammar: a header split into folded words (camelCase, snake_case, brackets and dots,
//! ` - ` paths), its required marker (`*`) and units in parentheses dropped, its block markers
//! (billing `PO`, shipping `SA`/`Shipping`/`Livraison`, contact `Person1`/`Contact`) told apart
//! from the words that say the field, and the qualifier that decides the field
//! (`billing_address[zip]` is the postal code, `Main Address Line 2` the complement).

use super::synonyms::index;
use crate::model::Field;
use crate::model::label::fold_label;

/// Weight of a reading through a header's final words only ([`Parsed::suffix_label`]).
const SUFFIX: f64 = 0.85;

/// Which address block a header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// No marker, or a billing/postal marker (`PO`, `Billing`, `Facturation`).
    Main,
    /// A shipping or delivery marker (`SA`, `Shipping`, `Delivery`, `Livraison`, `Entrega`).
    Shipping,
    /// A secondary marker (`Home`, `Other`, `Personal`, `Car`, `Assistant's`): another
    /// person's or another place's copy of a detail, which yields to the main one.
    Other,
}

/// A header read by the grammar.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parsed {
    /// The folded words, markers included.
    pub words: Vec<String>,
    /// The words that say the field: markers and structural prefixes removed.
    pub core: Vec<String>,
    /// The address block.
    pub block: Block,
    /// A contact marker (`Contact`, `Person1`, `Kontakt`...).
    pub contact: bool,
    /// A billing marker (`Billing`, `PO`, `Facturation`).
    pub billing: bool,
    /// A code marker: NF-e's `c` prefix (`cPais`, `cMun`: the code of the country, the city).
    pub code: bool,
    /// The header is a ` - ` path (`Address 1 - City`, `Organization - Name`).
    pub path: bool,
    /// The core words of the last segment of a dotted path (`address.city.state_code` →
    /// `state code`); empty for a header without dots.
    pub tail: Vec<String>,
}

/// Splits a header into words: at punctuation and spaces, at camelCase humps (`POAddressLine1`
/// → `PO Address Line 1`), between letters and digits; words folded. Text in parentheses that
/// follows other words (`Payment terms (days)`, `Client ID (External Id)`) is dropped, as are `*`
/// required markers.
pub(crate) fn words(header: &str) -> Vec<String> {
    let mut text = String::with_capacity(header.len());
    let mut depth = 0usize;
    for ch in header.chars() {
        match ch {
            '(' if !text.trim().is_empty() => depth += 1,
            ')' if depth > 0 => depth -= 1,
            '*' => text.push(' '),
            c if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let f = fold_label(cur);
        if !f.is_empty() {
            out.push(f);
        }
        cur.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() && !matches!(c, '°' | 'º' | 'ª') {
            flush(&mut cur, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let hump = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase))
                || (prev.is_alphabetic() && c.is_ascii_digit())
                || (prev.is_ascii_digit() && c.is_alphabetic());
            if hump {
                flush(&mut cur, &mut out);
            }
        }
        cur.push(c);
    }
    flush(&mut cur, &mut out);
    out
}

const SHIPPING: &[&str] = &[
    "shipping",
    "ship",
    "shipto",
    "delivery",
    "livraison",
    "entrega",
    "envio",
    "dostawy",
    "dostawa",
    "wysylki",
    "wysylka",
    "expedition",
];
const BILLING: &[&str] =
    &["billing", "bill", "billto", "invoice", "facturation", "cobranca", "faturamento", "facturacion"];
/// Markers of a secondary copy of a detail (`Home Phone`, `Other Street`, `Assistant's Phone`).
const OTHER: &[&str] = &[
    "home",
    "other",
    "personal",
    "private",
    "alternate",
    "alternative",
    "secondary",
    "car",
    "assistant",
    "assistants",
    "radio",
    "callback",
    "pager",
    "telex",
    "tty",
    "tdd",
    "isdn",
    "domicile",
    "residencial",
];
/// Words after a numbered item that say "the kind of the item", not the item
/// (`Phone 1 - Type`, `telefone1_ddd`).
const ITEM_KIND: &[&str] = &["type", "label", "kind", "tipo", "rodzaj", "ddd", "ddi", "prefix", "service"];
/// Words after a numbered item that say "the item itself" (`E-mail 1 - Value`,
/// `telefone1_numero`, `E-mail 2 Address`).
const ITEM_VALUE: &[&str] = &["value", "valor", "valeur", "wartosc", "numero", "number", "nummer", "address"];
const CONTACT: &[&str] = &[
    "contact",
    "contacts",
    "contato",
    "contatos",
    "contacto",
    "contactos",
    "kontakt",
    "kontakty",
    "person",
    "personne",
    "persona",
    "osoba",
];
/// Structural words that only say where a value sits (`customer[...]`, `card.address_country`,
/// `Organization - ...`, `KontrNazwa`, NF-e `xNome`).
const STRUCTURE: &[&str] = &[
    "customer",
    "client",
    "cliente",
    "card",
    "account",
    "organization",
    "organisation",
    "kontr",
    "kontrahent",
    "kontrahenta",
    "klienta",
    "nabywcy",
    "buyer",
    "nabywca",
    "defaults",
    "x",
    "main",
    "primary",
    "default",
    "details",
    "info",
    "data",
    "of",
    "the",
    "do",
    "da",
    "de",
    "du",
    "del",
    "la",
    "le",
];

/// The headers without the technical table prefix most of them share (TOTVS Protheus `A1_`,
/// Gestimum `PCF_`): an upper-case code of one to four letters or digits and an underscore,
/// before an upper-case name, on at least half of the headers and at least four of them. A
/// prefix the whole file shares says which table the columns come from, not what they hold.
/// Headers without the prefix, and every header when no prefix is shared, are kept as they are.
pub(crate) fn without_table_prefix(headers: &[String]) -> Vec<String> {
    fn prefix(h: &str) -> Option<&str> {
        let (head, rest) = h.split_once('_')?;
        let code = (1..=4).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && head.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
        let name = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        (code && name).then_some(head)
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for h in headers {
        if let Some(p) = prefix(h.trim()) {
            *counts.entry(p).or_default() += 1;
        }
    }
    let shared = counts.into_iter().max_by_key(|&(_, n)| n).filter(|&(_, n)| n >= 4 && 2 * n >= headers.len());
    let Some((shared, _)) = shared else { return headers.to_vec() };
    headers
        .iter()
        .map(|h| match prefix(h.trim()) {
            Some(p) if p == shared => h.trim().get(p.len() + 1..).unwrap_or(h).to_owned(),
            _ => h.clone(),
        })
        .collect()
}

impl Parsed {
    /// Reads a header.
    pub fn read(header: &str) -> Parsed {
        let words = words(header);
        // A table alias (`s.nom`, `c.email` in SQL-style exports): a single letter and a dot.
        let alias = header.as_bytes().get(1) == Some(&b'.')
            && header.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && words.len() > 1;
        let mut block = Block::Main;
        let mut contact = false;
        let mut billing = false;
        let code = !alias && words.len() > 1 && words.first().is_some_and(|w| w == "c");
        let mut core: Vec<String> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let first = i == 0 && words.len() > 1;
            if first && alias {
                continue;
            }
            if SHIPPING.contains(&w.as_str()) || first && w == "sa" {
                block = Block::Shipping;
            } else if BILLING.contains(&w.as_str()) || first && w == "po" {
                billing = true;
            } else if OTHER.contains(&w.as_str()) && words.len() > 1 && block == Block::Main {
                block = Block::Other;
            } else if CONTACT.contains(&w.as_str()) && words.len() > 1 {
                contact = true;
            } else if w.bytes().all(|b| b.is_ascii_digit())
                && i > 0
                && words.get(i - 1).is_some_and(|p| CONTACT.contains(&p.as_str()))
            {
                // `Person1`, `Contact 2`: the contact's number.
            } else if STRUCTURE.contains(&w.as_str()) && words.len() > 1 {
            } else {
                core.push(w.clone());
            }
        }
        // A dotted path ending in a bare value word (`phones.mobile_phone.number`) is named by
        // the segment before it.
        if let Some((head, last)) = header.rsplit_once('.')
            && !alias
            && !head.is_empty()
            && !header.contains(' ')
            && ["number", "value", "numero", "valor"].contains(&fold_label(last).as_str())
            && core.len() > 1
            // An address's number is its street number (`endereco.geral.numero`).
            && !core.iter().any(|w| {
                ["address", "addr", "endereco", "adresse", "direccion", "adres", "street", "rua", "calle"]
                    .contains(&w.as_str())
            })
        {
            core.pop();
            return Parsed::finish(header, words, core, block, contact, billing, code, alias);
        }
        Parsed::finish(header, words, core, block, contact, billing, code, alias)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        header: &str,
        words: Vec<String>,
        core: Vec<String>,
        block: Block,
        contact: bool,
        billing: bool,
        code: bool,
        alias: bool,
    ) -> Parsed {
        let tail = match header.rsplit_once('.') {
            Some((head, last)) if !alias && !head.is_empty() && !last.trim().is_empty() && !header.contains(' ') => {
                let last = self::words(last);
                core.iter().rev().take(last.len()).rev().cloned().collect::<Vec<String>>()
            }
            _ => Vec::new(),
        };
        Parsed { words, core, block, contact, billing, code, path: header.contains(" - "), tail }
    }

    fn has(&self, w: &str) -> bool {
        self.core.iter().any(|c| c == w)
    }

    fn any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.has(w))
    }

    /// The line number that follows an address word (`Line 2`, `Address2`, `Street 3`), if any.
    fn line_number(&self) -> Option<u32> {
        let line_words = [
            "line",
            "address",
            "addr",
            "street",
            "linha",
            "ligne",
            "linea",
            "adres",
            "addressline",
            "endereco",
            "rue",
            "calle",
        ];
        self.core.windows(2).find_map(|w| match w {
            [a, b] if line_words.contains(&a.as_str()) => b.parse().ok(),
            _ => None,
        })
    }

    /// A numbered item followed by its part (`E-mail 1 - Value`, `Phone 2 - Type`,
    /// `Address 1 - Street`, `telefone1_numero`, `E-mail 2 Address`): the part decides.
    /// `Some(None)` for the item's kind or label, or for a second or later item of a
    /// single-valued field; the second e-mail is an additional e-mail.
    fn numbered_item(&self) -> Option<Option<Field>> {
        let k = self.core.iter().position(|w| w.bytes().all(|b| b.is_ascii_digit()))?;
        let n: u32 = self.core.get(k)?.parse().ok()?;
        let (entity, rest) = (self.core.get(..k)?, self.core.get(k + 1..)?);
        if entity.is_empty() || rest.is_empty() {
            return None;
        }
        if rest.iter().all(|w| ITEM_KIND.contains(&w.as_str())) {
            return Some(None);
        }
        let entity_field = index().readings(&entity.concat()).first().map(|&(f, _)| f);
        let is_address =
            entity.iter().any(|w| ["address", "addr", "endereco", "adresse", "direccion"].contains(&w.as_str()));
        if is_address && entity.len() == 1 {
            if !self.path {
                return None;
            }
            if n != 1 {
                return Some(None);
            }
            let part = Parsed { core: rest.to_vec(), ..self.clone() };
            return Some(part.plain_qualifier().flatten());
        }
        if !rest.iter().all(|w| ITEM_VALUE.contains(&w.as_str())) {
            return None;
        }
        let field = entity_field?;
        Some(match (field, n) {
            (_, 1) => Some(field),
            (Field::Email, 2) => Some(Field::AdditionalEmails),
            _ => None,
        })
    }

    /// The field the qualifier words decide, before block and contact markers apply: `None`
    /// when no qualifier is there. `Some(None)` means "a part the engine has no field for".
    pub fn qualifier(&self) -> Option<Option<Field>> {
        if let Some(found) = self.numbered_item() {
            return Some(found);
        }
        let whole = self.plain_qualifier();
        // In a dotted path the last segment names the value; the segments before it name
        // where it sits (`address.city.state_code` is a state's code, not the city).
        if let Some(Some(f)) = whole
            && is_address_part(f)
            && !self.tail.is_empty()
            && self.tail.len() < self.core.len()
        {
            let last = Parsed { core: self.tail.clone(), tail: Vec::new(), ..self.clone() };
            if let Some(q) = last.plain_qualifier() {
                return Some(q);
            }
            // Mexican addresses' `exterior` / `interior` numbers (`address.exterior`).
            match self.tail.as_slice() {
                [w] if w == "exterior" => return Some(Some(Field::AddressNumber)),
                [w] if w == "interior" => return Some(Some(Field::Complement)),
                _ => {}
            }
        }
        whole
    }

    /// [`Parsed::qualifier`] without the numbered-item reading.
    fn plain_qualifier(&self) -> Option<Option<Field>> {
        // An e-mail's or a web site's address is the e-mail or the site, not a postal address
        // (`PrimaryEmailAddr.Address`, `WebAddr.URI`, `E-mail Address`).
        let addressish = ["address", "addr", "adresse", "endereco", "direccion", "adres"];
        if self.core.windows(2).any(|w| {
            w.first().is_some_and(|a| ["email", "mail", "web", "www", "site", "url", "uri"].contains(&a.as_str()))
                && w.get(1).is_some_and(|b| addressish.contains(&b.as_str()))
        }) {
            return None;
        }
        // An instant-messaging address (`IMAddress`, `Skype address`) is no postal address.
        if self.core.windows(2).any(|w| {
            w.first().is_some_and(|a| ["im", "messenger", "skype", "jabber", "xmpp", "sip"].contains(&a.as_str()))
                && w.get(1).is_some_and(|b| addressish.contains(&b.as_str()))
        }) {
            return Some(None);
        }
        let joined = self.core.concat();
        let address_word = ["address", "street", "endereco", "adresse", "direccion", "adres", "addresses", "addr"]
            .iter()
            .any(|w| self.has(w));
        if address_word && self.any(&["additional", "additionalinformation", "complement", "complemento", "extended"]) {
            return Some(Some(Field::Complement));
        }
        if self.any(&["zip", "zipcode", "postcode", "cep", "plz", "pocztowy", "postalcode", "codpostal"])
            || joined.contains("postalcode")
            || joined.contains("codigopostal")
            || joined.contains("codepostal")
        {
            // The tax domicile's postal code (`TaxZipCode`) is another address's, not the
            // customer's address.
            if self.any(&["tax", "fiscal"]) {
                return Some(None);
            }
            return Some(Some(Field::PostalCode));
        }
        if self.any(&["city", "town", "cidade", "ville", "miasto", "miejscowosc", "ciudad", "localidad", "municipio"]) {
            return Some(Some(Field::City));
        }
        // ISO 3166-2 "country subdivision" (QuickBooks `CountrySubDivisionCode`): the state.
        if self.has("subdivision") || joined.contains("subdivision") {
            return Some(Some(Field::State));
        }
        // `iso`/`iso2`/`iso3` inside an address (`address.iso2`): the country's code.
        if self.any(&["country", "pais", "pays", "kraj"]) || address_word && self.has("iso") {
            return Some(Some(Field::Country));
        }
        // The first-level administrative division (`administrative_district_level_1`,
        // Google's `administrative_area_level_1`) is the state, whatever it is called.
        if self.core.windows(2).any(|w| w.first().is_some_and(|a| a == "level") && w.get(1).is_some_and(|b| b == "1")) {
            return Some(Some(Field::State));
        }
        // `estado` is also a status: a state only inside an address (`endereco.estado`).
        if self.any(&["state", "region", "province", "provincia", "uf", "wojewodztwo", "county"])
            || address_word && self.has("estado")
        {
            return Some(Some(Field::State));
        }
        if self.any(&["district", "bairro", "neighborhood", "neighbourhood", "barrio", "colonia", "quartier"]) {
            return Some(Some(Field::District));
        }
        // An address block's person details (`billing_address[first_name]`, `[email]`,
        // `[company]`): the billing contact, not a part of the address; see [`Parsed::detail`].
        if address_word && self.detail().is_some() {
            return Some(None);
        }
        // `Billing Code` (Zoho): the billing address's postal code.
        if self.billing && self.core == ["code"] {
            return Some(Some(Field::PostalCode));
        }
        match self.line_number() {
            Some(1) => return Some(Some(Field::Address)),
            Some(2) => return Some(Some(Field::Complement)),
            Some(_) => return Some(None),
            None => {}
        }
        if self.any(&["complement", "complemento", "suite", "apartment", "apt"]) {
            return Some(Some(Field::Complement));
        }
        let numbered = self.any(&["number", "numero", "numer", "nr"]);
        // Mexican addresses: the interior number is the flat, the exterior one the building.
        if (address_word || numbered) && self.has("interior") {
            return Some(Some(Field::Complement));
        }
        if numbered
            && self.any(&["street", "address", "endereco", "rua", "calle", "ulica", "adres", "house", "direccion"])
        {
            return Some(Some(Field::AddressNumber));
        }
        if self.any(&[
            "address",
            "addr",
            "street",
            "endereco",
            "logradouro",
            "adresse",
            "rue",
            "direccion",
            "calle",
            "ulica",
            "adres",
        ]) {
            return Some(Some(Field::Address));
        }
        None
    }

    /// The person detail an address header carries (`billing_address[company]` -> name,
    /// `Default Address Phone` -> phone): a weak reading, since it is usually the billing
    /// contact's copy of the customer's own column.
    pub fn detail(&self) -> Option<Field> {
        if self.any(&["company", "empresa", "societe", "organization"]) {
            Some(Field::Name)
        } else if self.any(&["first", "firstname", "prenom"]) {
            Some(Field::FirstName)
        } else if self.any(&["last", "lastname", "surname"]) {
            Some(Field::LastName)
        } else if self.any(&["email", "mail"]) {
            Some(Field::Email)
        } else if self.any(&["phone", "telephone", "telefone"]) {
            Some(Field::Phone)
        } else if self.any(&["name", "nome", "nom"]) {
            Some(Field::Name)
        } else {
            None
        }
    }

    /// The core words read as one label, through the synonym table (first reading).
    /// Every reading of the core words, strongest first (`company`: the name, then the
    /// is-company flag).
    pub fn core_labels(&self) -> Vec<(Field, f64)> {
        if self.core.is_empty()
            || self.core == self.words
            || self.billing && self.core == ["code"]
            || self.core.last().is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
        {
            return Vec::new();
        }
        let joined = self.core.concat();
        let idx = index();
        let found = idx.readings(&joined);
        if found.is_empty() { idx.core_readings(&joined).to_vec() } else { found.to_vec() }
    }

    /// The longest run of two or more final core words that is a known label
    /// (`sales tax registration number` → `tax registration number`), at a lower weight: a
    /// head-final compound usually names a kind of its last words.
    pub fn suffix_label(&self) -> Option<(Field, f64)> {
        let idx = index();
        (1..self.core.len().saturating_sub(1)).find_map(|start| {
            let joined = self.core.get(start..)?.concat();
            idx.readings(&joined)
                .first()
                .or_else(|| idx.core_readings(&joined).first())
                .map(|&(f, w)| (f, w.min(SUFFIX)))
        })
    }
}

/// The contact counterpart of a customer field (`email` → `contact_email`), for a header in a
/// contact block.
pub(crate) fn contact_version(field: Field) -> Option<Field> {
    Some(match field {
        Field::Email | Field::ContactEmail => Field::ContactEmail,
        Field::Phone | Field::MobilePhone | Field::ContactPhone => Field::ContactPhone,
        Field::FirstName | Field::ContactFirstName => Field::ContactFirstName,
        Field::LastName | Field::Name | Field::ContactLastName => Field::ContactLastName,
        Field::ContactPosition => Field::ContactPosition,
        Field::ExternalId | Field::ContactReference => Field::ContactReference,
        Field::ContactIsMain => Field::ContactIsMain,
        _ => return None,
    })
}

/// True for fields that are parts of a postal address.
pub(crate) fn is_address_part(field: Field) -> bool {
    matches!(
        field,
        Field::Address
            | Field::AddressNumber
            | Field::Complement
            | Field::District
            | Field::PostalCode
            | Field::City
            | Field::State
            | Field::Country
            | Field::DeliveryAddress
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        assert_eq!(words("POAddressLine1"), ["po", "address", "line", "1"]);
        assert_eq!(words("billing_address[zip]"), ["billing", "address", "zip"]);
        assert_eq!(words("card.address_country"), ["card", "address", "country"]);
        assert_eq!(words("Person1Email"), ["person", "1", "email"]);
        assert_eq!(words("*ContactName"), ["contact", "name"]);
        assert_eq!(words("xNome"), ["x", "nome"]);
        assert_eq!(words("KontrNazwa"), ["kontr", "nazwa"]);
        assert_eq!(words("Payment terms (days)"), ["payment", "terms"]);
        assert_eq!(
            words("Organization - Address - Country of Address"),
            ["organization", "address", "country", "of", "address"]
        );
        assert_eq!(words("(Código)"), ["codigo"]);
    }

    #[test]
    fn qualifiers_decide() {
        let q = |h: &str| Parsed::read(h).qualifier();
        assert_eq!(q("billing_address[zip]"), Some(Some(Field::PostalCode)));
        assert_eq!(q("Main Address Line 2"), Some(Some(Field::Complement)));
        assert_eq!(q("Address 2 Town"), Some(Some(Field::City)));
        assert_eq!(q("POAddressLine1"), Some(Some(Field::Address)));
        assert_eq!(q("POAddressLine3"), Some(None));
        assert_eq!(q("Organization - Address - Country of Address"), Some(Some(Field::Country)));
        assert_eq!(Parsed::read("SAAddressLine1").block, Block::Shipping);
        assert_eq!(Parsed::read("Shipping City").block, Block::Shipping);
        assert_eq!(Parsed::read("POCity").block, Block::Main);
        assert!(Parsed::read("Person1Email").contact);
    }

    #[test]
    fn numbered_items_and_markers() {
        let q = |h: &str| Parsed::read(h).qualifier();
        assert_eq!(q("E-mail 1 - Value"), Some(Some(Field::Email)));
        assert_eq!(q("E-mail 2 - Value"), Some(Some(Field::AdditionalEmails)));
        assert_eq!(q("E-mail 2 Address"), Some(Some(Field::AdditionalEmails)));
        assert_eq!(q("E-mail 3 Address"), Some(None));
        assert_eq!(q("Phone 1 - Type"), Some(None));
        assert_eq!(q("Phone 2 - Value"), Some(None));
        assert_eq!(q("Address 1 - Street"), Some(Some(Field::Address)));
        assert_eq!(q("Address 1 - Extended Address"), Some(Some(Field::Complement)));
        assert_eq!(q("Address 1 - PO Box"), Some(None));
        assert_eq!(q("Address 2 - City"), Some(None));
        assert_eq!(q("telefone1_numero"), Some(Some(Field::Phone)));
        assert_eq!(q("telefone1_ddd"), Some(None));
        assert_eq!(q("BillAddr.CountrySubDivisionCode"), Some(Some(Field::State)));
        assert_eq!(q("WebAddr.URI"), None);
        assert_eq!(q("PrimaryEmailAddr.Address"), None);
        assert_eq!(Parsed::read("Home Phone").block, Block::Other);
        assert_eq!(Parsed::read("Assistant's Phone").block, Block::Other);
        assert_eq!(Parsed::read("Business Phone").block, Block::Main);
        assert_eq!(Parsed::read("s.nom").core, ["nom"]);
        assert_eq!(Parsed::read("buyer_first_name").core, ["first", "name"]);
        assert_eq!(Parsed::read("codigo_cliente_integracao").core, ["codigo", "integracao"]);
        assert_eq!(
            Parsed::read("sales_tax_registration_number").suffix_label().map(|r| r.0),
            index().readings("taxregistrationnumber").first().map(|r| r.0)
        );
    }
}
