//! The canonical fields of CONTRACT section 1 and what kind of value each holds.

use std::fmt;
use std::str::FromStr;

macro_rules! fields {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $label:literal, $kind:expr, $contact:literal; )*) => {
        /// A canonical customer or contact field (CONTRACT section 1).
        ///
        /// The snake_case name (`Field::TaxId.as_str() == "tax_id"`) is the stable identifier
        /// used in JSON, mappings, profiles and every host.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
        }

        impl Field {
            /// Every field, in contract order (the order of the generic layout and of the JSON).
            pub const ALL: &'static [Field] = &[ $( Field::$variant, )* ];

            /// The position of the field in [`Field::ALL`] (contract order).
            pub(crate) fn index(self) -> usize {
                self as usize
            }

            /// The stable snake_case name.
            pub fn as_str(self) -> &'static str {
                match self { $( Field::$variant => $name, )* }
            }

            /// The English header used by the generic profile and in messages.
            pub fn label(self) -> &'static str {
                match self { $( Field::$variant => $label, )* }
            }

            /// How values of this field are validated and normalized.
            pub fn kind(self) -> FieldKind {
                match self { $( Field::$variant => $kind, )* }
            }

            /// True for the contact fields (`contact_*`).
            pub fn is_contact(self) -> bool {
                match self { $( Field::$variant => $contact, )* }
            }

            /// Looks a field up by its snake_case name.
            ///
            /// ```
            /// use cadastro::Field;
            /// assert_eq!(Field::from_name("postal_code"), Some(Field::PostalCode));
            /// assert_eq!(Field::from_name("zip"), None);
            /// ```
            pub fn from_name(name: &str) -> Option<Field> {
                match name { $( $name => Some(Field::$variant), )* _ => None }
            }
        }
    };
}

fields! {
    /// The customer's id in the user's own system.
    ExternalId = "external_id", "External ID", FieldKind::Id, false;
    /// Full name or company name.
    Name = "name", "Name", FieldKind::Name, false;
    /// Short name (InvoiceOcean).
    ShortName = "short_name", "Short name", FieldKind::Name, false;
    /// A private person's first name.
    FirstName = "first_name", "First name", FieldKind::Name, false;
    /// A private person's last name.
    LastName = "last_name", "Last name", FieldKind::Name, false;
    /// Company (true) or private person (false).
    IsCompany = "is_company", "Is company", FieldKind::Boolean, false;
    /// National tax id (CPF, CNPJ, NIP, SIREN, SIRET, VAT...).
    TaxId = "tax_id", "Tax ID", FieldKind::TaxId, false;
    /// EU VAT number (and GB, CH, NO).
    VatNumber = "vat_number", "VAT number", FieldKind::VatNumber, false;
    /// Brazilian state registration.
    StateInscription = "state_inscription", "State inscription", FieldKind::Compact, false;
    /// Brazilian municipal registration.
    MunicipalInscription = "municipal_inscription", "Municipal inscription", FieldKind::Compact, false;
    /// Main e-mail.
    Email = "email", "Email", FieldKind::Email, false;
    /// Further e-mails.
    AdditionalEmails = "additional_emails", "Additional emails", FieldKind::EmailList, false;
    /// Phone.
    Phone = "phone", "Phone", FieldKind::Phone, false;
    /// Mobile phone.
    MobilePhone = "mobile_phone", "Mobile phone", FieldKind::Phone, false;
    /// Fax.
    Fax = "fax", "Fax", FieldKind::Phone, false;
    /// Web site.
    Website = "website", "Website", FieldKind::Trimmed, false;
    /// Street.
    Address = "address", "Address", FieldKind::Name, false;
    /// Street number.
    AddressNumber = "address_number", "Address number", FieldKind::Trimmed, false;
    /// Address complement.
    Complement = "complement", "Complement", FieldKind::Trimmed, false;
    /// Neighbourhood (bairro).
    District = "district", "District", FieldKind::Trimmed, false;
    /// Postal code.
    PostalCode = "postal_code", "Postal code", FieldKind::PostalCode, false;
    /// Town.
    City = "city", "City", FieldKind::Trimmed, false;
    /// State or region (Brazilian UF for BR).
    State = "state", "State", FieldKind::State, false;
    /// Country, ISO 3166-1 alpha-2.
    Country = "country", "Country", FieldKind::Country, false;
    /// Delivery address as one text.
    DeliveryAddress = "delivery_address", "Delivery address", FieldKind::Trimmed, false;
    /// Bank name.
    BankName = "bank_name", "Bank", FieldKind::Trimmed, false;
    /// Bank account (IBAN when it looks like one).
    BankAccount = "bank_account", "Bank account", FieldKind::BankAccount, false;
    /// Accounting code.
    AccountingCode = "accounting_code", "Accounting code", FieldKind::Trimmed, false;
    /// Account manager e-mails.
    AccountManagerEmail = "account_manager_email", "Account manager email", FieldKind::EmailList, false;
    /// Dunning workflow name.
    Workflow = "workflow", "Workflow", FieldKind::Trimmed, false;
    /// Default payment period in days.
    PaymentTermsDays = "payment_terms_days", "Payment terms (days)", FieldKind::PaymentDays, false;
    /// Customer group or segment.
    Group = "group", "Group", FieldKind::Trimmed, false;
    /// The parent customer's external id.
    ParentId = "parent_id", "Parent ID", FieldKind::Trimmed, false;
    /// The parent customer's name.
    ParentName = "parent_name", "Parent name", FieldKind::Trimmed, false;
    /// Free notes.
    Notes = "notes", "Notes", FieldKind::Trimmed, false;
    /// Do not send billing notifications.
    NotificationsDisabled = "notifications_disabled", "Notifications disabled", FieldKind::Boolean, false;
    /// The contact's e-mail (identifies the contact).
    ContactEmail = "contact_email", "Contact email", FieldKind::Email, true;
    /// The contact's first name.
    ContactFirstName = "contact_first_name", "Contact first name", FieldKind::Name, true;
    /// The contact's last name.
    ContactLastName = "contact_last_name", "Contact last name", FieldKind::Name, true;
    /// The contact's phone.
    ContactPhone = "contact_phone", "Contact phone", FieldKind::Phone, true;
    /// The contact's id in the user's system.
    ContactReference = "contact_reference", "Contact reference", FieldKind::Trimmed, true;
    /// The contact's role.
    ContactPosition = "contact_position", "Contact position", FieldKind::ContactPosition, true;
    /// Main contact.
    ContactIsMain = "contact_is_main", "Main contact", FieldKind::Boolean, true;
}

/// How a field's value is validated and normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldKind {
    /// Identifier text: trimmed, a numeric cell written without fraction.
    Id,
    /// Trimmed, inner whitespace collapsed.
    Name,
    /// Trimmed only.
    Trimmed,
    /// No dots, dashes, slashes or spaces; upper case.
    Compact,
    /// Boolean in five languages.
    Boolean,
    /// National tax id, checked by country.
    TaxId,
    /// EU VAT number.
    VatNumber,
    /// One e-mail.
    Email,
    /// A list of e-mails separated by `,` or `;`.
    EmailList,
    /// Phone to E.164.
    Phone,
    /// Postal code by country.
    PostalCode,
    /// State or region; Brazilian UF.
    State,
    /// Country to ISO alpha-2.
    Country,
    /// IBAN when it looks like one, else trimmed.
    BankAccount,
    /// Integer days 0..=3650.
    PaymentDays,
    /// ACCOUNTING, SALES, PURCHASER, PAYER.
    ContactPosition,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Field {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::from_name(s).ok_or_else(|| crate::Error::options(format!("unknown field `{s}`")))
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Field::from_name(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown field `{name}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &f in Field::ALL {
            assert_eq!(Field::from_name(f.as_str()), Some(f));
        }
        assert_eq!(Field::ALL.len(), 43);
        assert!(Field::ContactIsMain.is_contact());
        assert!(!Field::Email.is_contact());
    }
}
