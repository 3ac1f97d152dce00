//! The header labels cadastro knows, per canonical field, in English, Portuguese (BR), French,
//! Polish and Spanish, plus the keyword rules used when a header only contains a label.
//!
//! Labels are compared folded ([`fold_label`]), so each is listed once in its natural spelling;
//! case, accents, punctuation and spacing variants need no entry of their own. The labels of
//! the built-in profiles and the generic English labels ([`Field::label`]) are added to this
//! table when the index is built, unless the table already says what the label means.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::model::Field;
use crate::model::label::fold_label;
use crate::profile::Profile;

/// Confidence of an unambiguous synonym.
pub(crate) const STRONG: f64 = 0.95;
/// Confidence of a common but loose label (`ID`, `Código`, `Reference`): below the review
/// threshold, as the corpus shows such labels are not always the customer's number.
const LOOSE: f64 = 0.88;
/// Confidence of the first reading of an ambiguous label (`Company`: the company name).
const AMBIGUOUS_FIRST: f64 = 0.85;
/// Confidence of the second reading of an ambiguous label (`Company`: the is-company flag).
const AMBIGUOUS_SECOND: f64 = 0.8;
/// Confidence of a label that is right in some products and wrong in others: always reviewed.
const REVIEW: f64 = 0.7;

/// Unambiguous labels per field.
const LABELS: &[(Field, &[&str])] = &[
    (
        Field::ExternalId,
        &[
            // en
            "External ID",
            "External reference",
            "Customer ID",
            "Client ID",
            "Customer number",
            "Customer no",
            "Customer code",
            "Customer reference",
            "Reference ID",
            "Customer ref",
            "Client number",
            "Client no",
            "Client code",
            "Client reference",
            "Account ID",
            "Account number ID",
            "ERP ID",
            // pt-BR
            "Identificador Externo",
            "Identificador",
            "Identificador do cliente",
            "ID externo",
            "ID do cliente",
            "ID cliente",
            "Código do cliente",
            "Código cliente",
            "Cód. cliente",
            "Cód. do cliente",
            "Código externo",
            "Número do cliente",
            "Referência do cliente",
            "Referência externa",
            // fr
            "Référence client",
            "Réf. client",
            "Référence externe",
            "Identifiant",
            "Identifiant client",
            "Identifiant externe",
            "ID client",
            "Code client",
            "Numéro client",
            "Numéro de client",
            "N° client",
            // pl
            "Identyfikator",
            "Identyfikator klienta",
            "Identyfikator zewnętrzny",
            "ID klienta",
            "Kod klienta",
            "Numer klienta",
            "Nr klienta",
            "Symbol klienta",
            "Kod kontrahenta",
            "ID kontrahenta",
            "Nr kontrahenta",
            "Symbol kontrahenta",
            // es
            "Código de cliente",
            "ID de cliente",
            "Número de cliente",
            "Referencia del cliente",
            "Referencia cliente",
            "Referencia externa",
            "Identificador de cliente",
        ],
    ),
    (
        Field::Name,
        &[
            // en
            "Name",
            "Full name",
            "Customer name",
            "Client name",
            "Company name",
            "Customer",
            "Client",
            "Business name",
            "Legal name",
            "Registered name",
            "Account name",
            "Organization",
            "Organisation",
            "Organization name",
            "Customer full name",
            // pt-BR
            "Nome",
            "Nome completo",
            "Nome do cliente",
            "Nome cliente",
            "Cliente",
            "Razão social",
            "Razão social / Nome",
            "Nome / Razão social",
            "Nome ou razão social",
            "Nome da empresa",
            "Sacado",
            "Nome do sacado",
            "Pagador",
            "Nome do pagador",
            "Tomador",
            // fr
            "Nom",
            "Nom complet",
            "Nom du client",
            "Nom client",
            "Raison sociale",
            "Nom de la société",
            "Nom de l'entreprise",
            "Dénomination",
            "Dénomination sociale",
            "Nom ou raison sociale",
            // pl
            "Nazwa",
            "Nazwa klienta",
            "Nazwa firmy",
            "Nazwa pełna",
            "Pełna nazwa",
            "Klient",
            "Kontrahent",
            "Nazwa kontrahenta",
            "Imię i nazwisko",
            "Imię i nazwisko / Nazwa",
            "Nazwa / Imię i nazwisko",
            // es
            "Nombre",
            "Nombre completo",
            "Nombre del cliente",
            "Nombre cliente",
            "Razón social",
            "Nombre de la empresa",
            "Denominación social",
            "Nombre o razón social",
            "Nombre fiscal",
        ],
    ),
    (
        Field::ShortName,
        &[
            "Short name",
            "Trade name",
            "Trading name",
            "Display name",
            "Brand name",
            "DBA",
            "Name alias",
            "Alias",
            "Alternative name",
            "Commercial name",
            "Nom alternatif",
            "Nom d'usage",
            "Nome fantasia",
            "Fantasia",
            "Nome curto",
            "Nome abreviado",
            "Nome comercial",
            "Nom commercial",
            "Nom court",
            "Nom abrégé",
            "Enseigne",
            "Nazwa skrócona",
            "Skrócona nazwa",
            "Nazwa krótka",
            "Skrót",
            "Nombre comercial",
            "Nombre corto",
            "Nombre de fantasía",
            "Nombre fantasía",
        ],
    ),
    (
        Field::FirstName,
        &[
            "First name",
            "Firstname",
            "Given name",
            "Forename",
            "Primeiro nome",
            "Prenome",
            "Prénom",
            "Imię",
            "Nombre de pila",
            "Primer nombre",
            "Nombres",
        ],
    ),
    (
        Field::LastName,
        &[
            "Last name",
            "Lastname",
            "Surname",
            "Family name",
            "Sobrenome",
            "Último nome",
            "Nom de famille",
            "Nazwisko",
            "Apellido",
            "Apellidos",
            "Primer apellido",
        ],
    ),
    (
        Field::IsCompany,
        &[
            "Is company",
            "Is a company",
            "Company (yes/no)",
            "Pessoa jurídica",
            "É empresa",
            "É pessoa jurídica",
            "Est une entreprise",
            "Personne morale",
            "Czy firma",
            "Jest firmą",
            "Osoba prawna",
            "Es empresa",
            "Persona jurídica",
        ],
    ),
    (
        Field::TaxId,
        &[
            // en
            "Tax ID",
            "Tax number",
            "Tax no",
            "Tax identification number",
            "Tax code",
            "Tax registration number",
            "TIN",
            "EIN",
            // pt-BR
            "CPF/CNPJ",
            "CNPJ/CPF",
            "CPF ou CNPJ",
            "CNPJ ou CPF",
            "CPF",
            "CNPJ",
            "CPF/CNPJ do cliente",
            "CNPJ/CPF do cliente",
            "CPF do cliente",
            "CNPJ do cliente",
            "Documento",
            "Nº documento",
            "Número do documento",
            "Documento fiscal",
            "Inscrição federal",
            // fr
            "SIREN",
            "SIRET",
            "N° SIREN",
            "N° SIRET",
            "Numéro SIREN",
            "Numéro SIRET",
            "SIREN/SIRET",
            "Identifiant fiscal",
            "Numéro fiscal",
            "Numéro d'identification fiscale",
            // pl
            "NIP",
            "Numer NIP",
            "Nr NIP",
            "NIP/PESEL",
            "Numer identyfikacji podatkowej",
            "Identyfikator podatkowy",
            // es
            "NIF",
            "CIF",
            "NIF/CIF",
            "CIF/NIF",
            "DNI/NIF",
            "NIF/DNI",
            "Identificación fiscal",
            "Identificación",
            "Número de identificación",
            "Número de identificación fiscal",
            "RFC",
            "RUT",
            "CUIT",
            "RUC",
        ],
    ),
    (
        Field::VatNumber,
        &[
            // en
            "VAT number",
            "VAT",
            "VAT no",
            "VAT ID",
            "VAT registration number",
            "VAT reg no",
            "EU VAT number",
            "Intra-community VAT number",
            "Intracommunity VAT number",
            // pt (rare, for EU customers)
            "Número de IVA",
            // fr
            "N° TVA",
            "N° de TVA",
            "Numéro de TVA",
            "Numéro TVA",
            "TVA",
            "N° TVA intracommunautaire",
            "Numéro de TVA intracommunautaire",
            "TVA intracommunautaire",
            "TVA intracom",
            "N° TVA intracom",
            "Identifiant TVA",
            // pl
            "NIP UE",
            "NIP EU",
            "Numer VAT",
            "Nr VAT",
            "VAT UE",
            "VAT-UE",
            "Numer VAT UE",
            "NIP VAT UE",
            // es
            "NIF-IVA",
            "IVA",
            "Número IVA",
            "NIF intracomunitario",
            "Número de IVA intracomunitario",
            // de
            "USt-IdNr",
        ],
    ),
    (
        Field::StateInscription,
        &[
            "State inscription",
            "State registration",
            "State registration number",
            "Inscrição estadual",
            "Inscr. estadual",
            "Insc. estadual",
            "IE",
            "Inscrição estadual (IE)",
            "Registro estadual",
            "Nº inscrição estadual",
        ],
    ),
    (
        Field::MunicipalInscription,
        &[
            "Municipal inscription",
            "Municipal registration",
            "Municipal registration number",
            "Inscrição municipal",
            "Inscr. municipal",
            "Insc. municipal",
            "IM",
            "Inscrição municipal (IM)",
            "CCM",
            "Nº inscrição municipal",
        ],
    ),
    (
        Field::Email,
        &[
            // en
            "Email",
            "E-mail",
            "Mail",
            "Email address",
            "Main email",
            "Primary email",
            "Billing email",
            "Invoice email",
            "Invoicing email",
            "Customer email",
            "Client email",
            // pt-BR
            "Endereço de e-mail",
            "E-mail principal",
            "E-mail de cobrança",
            "E-mail financeiro",
            "E-mail do cliente",
            "Correio eletrônico",
            // fr
            "Courriel",
            "Adresse e-mail",
            "Adresse mail",
            "Adresse électronique",
            "Mél",
            "E-mail de facturation",
            "E-mail du client",
            // pl
            "Adres e-mail",
            "E-mail klienta",
            "Poczta e-mail",
            "Adres poczty elektronicznej",
            // es
            "Correo",
            "Correo electrónico",
            "E-mail de facturación",
            "Correo de facturación",
            "Dirección de correo",
            "Dirección de correo electrónico",
            "Correo del cliente",
        ],
    ),
    (
        Field::AdditionalEmails,
        &[
            "Additional emails",
            "Additional email",
            "Other emails",
            "CC emails",
            "Email CC",
            "Secondary email",
            "Email secondary",
            "Email 2",
            "E-mails adicionais",
            "E-mail adicional",
            "Outros e-mails",
            "E-mails secundários",
            "E-mail secundário",
            "E-mails para cópia",
            "E-mails en copie",
            "E-mails additionnels",
            "E-mails supplémentaires",
            "Autres e-mails",
            "E-mail secondaire",
            "Dodatkowe e-maile",
            "Dodatkowe adresy e-mail",
            "Inne e-maile",
            "Correos adicionales",
            "E-mails adicionales",
            "Otros correos",
            "Correo secundario",
        ],
    ),
    (
        Field::Phone,
        &[
            // en
            "Phone",
            "Telephone",
            "Phone number",
            "Telephone number",
            "Tel",
            "Landline",
            "Office phone",
            "Work phone",
            "Business phone",
            "Main phone",
            // pt-BR
            "Fone",
            "Telefone",
            "Telefone fixo",
            "Telefone comercial",
            "Fone comercial",
            "Telefone principal",
            "Número de telefone",
            "Tel. fixo",
            "Fone/Fax",
            "Tel/Fax",
            "Telefone/Fax",
            // fr
            "Téléphone",
            "Téléphone fixe",
            "Numéro de téléphone",
            "N° de téléphone",
            // pl
            "Telefon",
            "Telefon stacjonarny",
            "Nr telefonu",
            "Numer telefonu",
            "Tel. stacjonarny",
            // es
            "Teléfono",
            "Teléfono fijo",
            "Número de teléfono",
            "Tfno",
        ],
    ),
    (
        Field::MobilePhone,
        &[
            "Mobile",
            "Mobile phone",
            "Mobile number",
            "Mobile no",
            "Cell",
            "Cell phone",
            "Cellphone",
            "Celular",
            "Telefone celular",
            "Fone celular",
            "Número de celular",
            "Cel",
            "WhatsApp",
            "Portable",
            "Téléphone portable",
            "Tél. portable",
            "Téléphone mobile",
            "Tél. mobile",
            "GSM",
            "Telefon komórkowy",
            "Komórka",
            "Tel. kom.",
            "Tel. komórkowy",
            "Nr komórki",
            "Numer komórkowy",
            "Móvil",
            "Teléfono móvil",
            "Teléfono celular",
        ],
    ),
    (
        Field::Fax,
        &["Fax", "Fax number", "Fax no", "Número de fax", "Télécopie", "N° de fax", "Faks", "Numer faksu", "Telefax"],
    ),
    (
        Field::Website,
        &[
            "Website",
            "Web site",
            "Web",
            "URL",
            "Homepage",
            "Web page",
            "Site",
            "Site web",
            "Endereço do site",
            "Página web",
            "Sitio web",
            "Strona www",
            "Strona internetowa",
            "WWW",
        ],
    ),
    (
        Field::Address,
        &[
            "Address",
            "Street",
            "Street address",
            "Address line 1",
            "Address 1",
            "Street 1",
            "Billing address",
            "Endereço",
            "Logradouro",
            "Rua",
            "Endereço de cobrança",
            "Adresse",
            "Rue",
            "Adresse 1",
            "Adresse ligne 1",
            "Adresse de facturation",
            "Voie",
            "Ulica",
            "Adres",
            "Ulica i numer",
            "Dirección",
            "Calle",
            "Domicilio",
            "Dirección de facturación",
        ],
    ),
    (
        Field::AddressNumber,
        &[
            "Address number",
            "Street number",
            "House number",
            "Número",
            "Número do endereço",
            "Nº do endereço",
            "Numéro de rue",
            "N° de rue",
            "Numer domu",
            "Nr domu",
            "Numer budynku",
            "Nr budynku",
            "Número de calle",
            "Número exterior",
            "Exterior number",
            "Núm. exterior",
            "No. exterior",
        ],
    ),
    (
        Field::Complement,
        &[
            "Complement",
            "Address line 2",
            "Address 2",
            "Street 2",
            "Address complement",
            "Suite",
            "Apartment",
            "Complemento",
            "Compl.",
            "Complemento do endereço",
            "Complément",
            "Complément d'adresse",
            "Adresse 2",
            "Adresse ligne 2",
            "Numer lokalu",
            "Nr lokalu",
            "Flat number",
            "Apartment number",
            "Número interior",
            "Interior number",
            "Núm. interior",
            "No. interior",
            "Lokal",
            "Complemento de dirección",
            "Dirección 2",
            "Piso",
        ],
    ),
    (
        Field::District,
        &[
            "District",
            "Neighbourhood",
            "Neighborhood",
            "Bairro",
            "Quartier",
            "Dzielnica",
            "Barrio",
            "Colonia",
            "Distrito",
        ],
    ),
    (
        Field::PostalCode,
        &[
            "Postal code",
            "Postcode",
            "Post code",
            "ZIP",
            "ZIP code",
            "Zip/Postal code",
            "Postal/Zip code",
            "CEP",
            "Código postal",
            "Cód. postal",
            "Code postal",
            "CP",
            "Kod pocztowy",
            "Kod poczt.",
            "PLZ",
        ],
    ),
    (
        Field::City,
        &[
            "City",
            "Town",
            "Locality",
            "Municipality",
            "Cidade",
            "Município",
            "Localidade",
            "Ville",
            "Commune",
            "Localité",
            "Miasto",
            "Miejscowość",
            "Ciudad",
            "Localidad",
            "Municipio",
            "Población",
        ],
    ),
    (
        Field::State,
        &[
            "State",
            "Region",
            "State/Region",
            "State/Province",
            "Province/State",
            "County",
            "Estado",
            "UF",
            "Estado (UF)",
            "Administrative district level 1",
            "Administrative area level 1",
            "Região",
            "Région",
            "Województwo",
            "Woj.",
            "Provincia",
            "Comunidad autónoma",
            "Departamento",
            "Región",
        ],
    ),
    (
        Field::Country,
        &[
            "Country",
            "Country code",
            "Country name",
            "País",
            "Código do país",
            "Pays",
            "Code pays",
            "Kraj",
            "Kod kraju",
            "Código de país",
        ],
    ),
    (
        Field::DeliveryAddress,
        &[
            "Delivery address",
            "Shipping address",
            "Ship to",
            "Ship-to address",
            "Endereço de entrega",
            "Adresse de livraison",
            "Adres dostawy",
            "Adres do wysyłki",
            "Dirección de entrega",
            "Dirección de envío",
        ],
    ),
    (
        Field::BankName,
        &[
            "Bank",
            "Bank name",
            "Banco",
            "Nome do banco",
            "Banque",
            "Nom de la banque",
            "Nazwa banku",
            "Entidad bancaria",
            "Nombre del banco",
        ],
    ),
    (
        Field::BankAccount,
        &[
            "Bank account",
            "Bank account number",
            "IBAN",
            "Conta bancária",
            "Conta corrente",
            "Número da conta",
            "Compte bancaire",
            "RIB",
            "Numéro de compte",
            "Coordonnées bancaires",
            "Numer konta",
            "Nr konta",
            "Rachunek bankowy",
            "Numer rachunku",
            "Nr rachunku",
            "Konto bankowe",
            "Cuenta bancaria",
            "Número de cuenta",
        ],
    ),
    (
        Field::AccountingCode,
        &[
            "Accounting code",
            "Account code",
            "Ledger code",
            "Ledger account",
            "GL code",
            "GL account",
            "Accounting account",
            "Customer accounting code",
            "Código contábil",
            "Conta contábil",
            "Código contábil do cliente",
            "Code comptable",
            "Compte comptable",
            "Compte auxiliaire",
            "Code auxiliaire",
            "Code compta",
            "Auxiliary code",
            "Code auxiliaire",
            "Compte auxiliaire",
            "Compte client",
            "Konto księgowe",
            "Kod księgowy",
            "Konto FK",
            "Código contable",
            "Cuenta contable",
            "Subcuenta",
        ],
    ),
    (
        Field::AccountManagerEmail,
        &[
            "Account manager email",
            "Email of the Account Manager",
            "Account manager",
            "Account manager e-mail",
            "Account owner",
            "Account owner email",
            "Owner email",
            "Sales rep email",
            "Customer success manager",
            "CSM",
            "E-mail do gerente de conta",
            "Gerente de conta",
            "E-mail do responsável",
            "E-mail do gestor",
            "Gestor da conta",
            "E-mail du chargé de compte",
            "Chargé de compte",
            "E-mail du gestionnaire",
            "Gestionnaire de compte",
            "Responsable du compte",
            "Opiekun klienta",
            "E-mail opiekuna",
            "E-mail opiekuna klienta",
            "E-mail del gestor de cuenta",
            "Gestor de cuenta",
            "Responsable de cuenta",
            "E-mail del responsable",
        ],
    ),
    (
        Field::Workflow,
        &[
            "Workflow",
            "Workflow name",
            "Dunning workflow",
            "Collection workflow",
            "Dunning plan",
            "Régua de cobrança",
            "Fluxo de cobrança",
            "Régua",
            "Workflow de relance",
            "Scénario de relance",
            "Plan de relance",
            "Scenariusz windykacji",
            "Ścieżka windykacyjna",
            "Proces windykacji",
            "Flujo de cobro",
            "Flujo de cobranza",
        ],
    ),
    (
        Field::PaymentTermsDays,
        &[
            "Payment terms (days)",
            "Payment terms",
            "Payment term",
            "Default payment period",
            "Payment period",
            "Payment due days",
            "Days to pay",
            "Net days",
            "Prazo de pagamento",
            "Prazo de pagamento (dias)",
            "Prazo",
            "Dias para pagamento",
            "Condição de pagamento",
            "Délai de paiement",
            "Délai de paiement (jours)",
            "Conditions de paiement",
            "Termin płatności",
            "Termin należności",
            "Termin płatności (dni)",
            "Dni płatności",
            "Plazo de pago",
            "Plazo de pago (días)",
            "Días de pago",
            "Condiciones de pago",
        ],
    ),
    (
        Field::Group,
        &[
            "Group",
            "Group name",
            "Customer group",
            "Segment",
            "Category",
            "Customer category",
            "Grupo",
            "Grupo de clientes",
            "Grupo de cliente",
            "Segmento",
            "Categoria",
            "Groupe",
            "Groupe de clients",
            "Catégorie",
            "Grupa",
            "Grupa klientów",
            "Kategoria",
        ],
    ),
    (
        Field::ParentId,
        &[
            "Parent ID",
            "Parent customer ID",
            "Parent company ID",
            "ID da matriz",
            "Código da matriz",
            "ID société mère",
            "Identifiant société mère",
            "ID nadrzędnego",
            "ID firmy matki",
            "ID de la matriz",
            "ID de la empresa matriz",
        ],
    ),
    (
        Field::ParentName,
        &[
            "Parent name",
            "Parent company",
            "Parent customer",
            "Parent",
            "Empresa matriz",
            "Nome da matriz",
            "Société mère",
            "Maison mère",
            "Nom de la société mère",
            "Firma matka",
            "Klient nadrzędny",
            "Nazwa firmy matki",
            "Nombre de la matriz",
            "Casa matriz",
        ],
    ),
    (
        Field::Notes,
        &[
            "Notes",
            "Note",
            "Comments",
            "Comment",
            "Remarks",
            "Description",
            "Additional description",
            "Memo",
            "Additional info",
            "Observações",
            "Observação",
            "Obs",
            "Comentários",
            "Anotações",
            "Informações adicionais",
            "Remarques",
            "Commentaire",
            "Commentaires",
            "Uwagi",
            "Notatki",
            "Komentarz",
            "Opis",
            "Dodatkowy opis",
            "Observaciones",
            "Notas",
            "Comentarios",
            "Descripción",
        ],
    ),
    (
        Field::NotificationsDisabled,
        &[
            "Notifications disabled",
            "Disable notifications",
            "Do not notify",
            "No notifications",
            "Mute notifications",
            "Notificações desativadas",
            "Desativar notificações",
            "Não notificar",
            "Sem notificações",
            "Notifications désactivées",
            "Désactiver les notifications",
            "Ne pas notifier",
            "Wyłącz powiadomienia",
            "Powiadomienia wyłączone",
            "Bez powiadomień",
            "Notificaciones desactivadas",
            "Desactivar notificaciones",
            "No notificar",
        ],
    ),
    (
        Field::ContactEmail,
        &[
            "Contact email",
            "Email of the contact",
            "Contact's email",
            "E-mail do contato",
            "E-mail contato",
            "E-mail du contact",
            "Courriel du contact",
            "Adresse e-mail du contact",
            "E-mail kontaktu",
            "E-mail osoby kontaktowej",
            "E-mail del contacto",
            "Correo del contacto",
            "Correo electrónico del contacto",
        ],
    ),
    (
        Field::ContactFirstName,
        &[
            "Contact first name",
            "Contact firstname",
            "Contact forename",
            "Primeiro nome do contato",
            "Prénom du contact",
            "Prénom contact",
            "Imię kontaktu",
            "Imię osoby kontaktowej",
            "Nombre de pila del contacto",
        ],
    ),
    (
        Field::ContactLastName,
        &[
            "Contact last name",
            "Contact surname",
            "Sobrenome do contato",
            "Nom du contact",
            "Nom contact",
            "Nom de famille du contact",
            "Nazwisko kontaktu",
            "Nazwisko osoby kontaktowej",
            "Apellido del contacto",
        ],
    ),
    (
        Field::ContactPhone,
        &[
            "Contact phone",
            "Contact telephone",
            "Contact phone number",
            "Telefone do contato",
            "Fone do contato",
            "Téléphone du contact",
            "Tél. contact",
            "Telefon kontaktu",
            "Telefon osoby kontaktowej",
            "Teléfono del contacto",
        ],
    ),
    (
        Field::ContactReference,
        &[
            "Contact reference",
            "Contact ID",
            "Contact ref",
            "Referência do contato",
            "ID do contato",
            "Référence du contact",
            "ID contact",
            "Identyfikator kontaktu",
            "ID kontaktu",
            "Referencia del contacto",
            "ID del contacto",
        ],
    ),
    (
        Field::ContactPosition,
        &[
            "Contact position",
            "Contact role",
            "Position",
            "Role",
            "Job title",
            "Cargo",
            "Cargo do contato",
            "Função",
            "Fonction",
            "Poste",
            "Rôle",
            "Stanowisko",
            "Rola",
            "Puesto",
            "Cargo del contacto",
            "Función",
            "Rol",
        ],
    ),
    (
        Field::ContactIsMain,
        &[
            "Main contact",
            "Primary contact",
            "Is main contact",
            "Is primary",
            "Contato principal",
            "Contact principal",
            "Główny kontakt",
            "Kontakt główny",
            "Contacto principal",
        ],
    ),
    // Labels of real products' files (testdata/mapping-corpus): Xero, HubSpot, Omie, Bling,
    // Conta Azul, Facture.net, Odoo, NFE.io, NF-e, Holded, Chargebee.
    (
        Field::ExternalId,
        &["Record ID", "Código de Integração", "Código de integração do cliente", "Customer account number"],
    ),
    (Field::Name, &["Libellé du client", "Libellé client", "Libellé", "Nazwa pełna", "Nombre fiscal", "xNome"]),
    (
        Field::IsCompany,
        &[
            "Tipo pessoa",
            "Tipo de pessoa",
            "Est une société",
            "Is a company",
            "Tipo de persona",
            "Pessoa jurídica",
            "Company or person",
        ],
    ),
    (Field::StateInscription, &["IE / RG", "RG / IE", "Inscrição estadual / RG"]),
    (Field::MunicipalInscription, &["Municipal tax number", "Municipal registration"]),
    (
        Field::PaymentTermsDays,
        &[
            "Net term days",
            "Net terms",
            "Payment term days",
            "Días de vencimiento",
            "Días de pago",
            "Due date sales day",
        ],
    ),
    (Field::ParentName, &["Entreprise liée", "Société mère", "Société parente"]),
    (Field::Address, &["xLgr"]),
    (Field::BankAccount, &["Numer konta bankowego", "Rachunek bankowy", "Nr rachunku bankowego"]),
    (Field::AddressNumber, &["nro"]),
    (Field::Complement, &["xCpl"]),
    (Field::District, &["xBairro"]),
    (Field::City, &["xMun"]),
    (Field::Country, &["xPais"]),
];

/// Labels that are common but loose or that mean two things, with the confidence of each
/// reading. When two readings compete, the greedy assignment gives the first reading to the
/// column that claims it most strongly and lets this column fall back to the second: in an
/// InvoiceOcean file (`Client name`, `Company`) `Company` is the is-company flag, in a file with
/// no other name column it is the company's name.
const LOOSE_LABELS: &[(&str, Field, f64)] = &[
    ("ID", Field::ExternalId, LOOSE),
    ("Código", Field::ExternalId, LOOSE),
    ("Cód.", Field::ExternalId, LOOSE),
    ("Cod", Field::ExternalId, LOOSE),
    ("Code", Field::ExternalId, AMBIGUOUS_FIRST),
    ("Reference", Field::ExternalId, LOOSE),
    ("Ref", Field::ExternalId, AMBIGUOUS_FIRST),
    ("Referência", Field::ExternalId, LOOSE),
    ("Référence", Field::ExternalId, LOOSE),
    ("Referencia", Field::ExternalId, LOOSE),
    ("Symbol", Field::ExternalId, AMBIGUOUS_FIRST),
    ("Number", Field::AddressNumber, AMBIGUOUS_FIRST),
    // A customer number in most files (Xero, Wave), a bank account in a few (InvoiceOcean's
    // own layout says so); the values decide (IBANs or codes).
    ("Account number", Field::ExternalId, AMBIGUOUS_FIRST),
    ("Account number", Field::BankAccount, AMBIGUOUS_SECOND),
    ("ID number", Field::TaxId, AMBIGUOUS_FIRST),
    // A company's registration number: its national id in most countries (SIREN in France);
    // the values confirm.
    ("Registration number", Field::TaxId, AMBIGUOUS_FIRST),
    ("Reg no", Field::TaxId, AMBIGUOUS_FIRST),
    ("Company registration number", Field::TaxId, AMBIGUOUS_FIRST),
    // An owner is a person: an e-mail makes it the account manager.
    ("Company owner", Field::AccountManagerEmail, AMBIGUOUS_FIRST),
    ("Owner", Field::AccountManagerEmail, AMBIGUOUS_FIRST),
    ("Company", Field::Name, AMBIGUOUS_FIRST),
    ("Company", Field::IsCompany, AMBIGUOUS_SECOND),
    ("Empresa", Field::Name, AMBIGUOUS_FIRST),
    ("Empresa", Field::IsCompany, AMBIGUOUS_SECOND),
    ("Société", Field::Name, AMBIGUOUS_FIRST),
    ("Société", Field::IsCompany, AMBIGUOUS_SECOND),
    ("Entreprise", Field::Name, AMBIGUOUS_FIRST),
    ("Entreprise", Field::IsCompany, AMBIGUOUS_SECOND),
    ("Firma", Field::Name, AMBIGUOUS_FIRST),
    ("Firma", Field::IsCompany, AMBIGUOUS_SECOND),
    ("Province", Field::District, AMBIGUOUS_FIRST),
    ("Province", Field::State, AMBIGUOUS_SECOND),
    // A French département is a county-level division: Dolibarr's state field, a county elsewhere.
    ("Département", Field::State, REVIEW),
    // An identification number: the tax id in Latin American files (Siigo, Alegra), a person's
    // id elsewhere.
    ("Identification", Field::TaxId, AMBIGUOUS_FIRST),
    ("Conta", Field::BankAccount, AMBIGUOUS_FIRST),
    ("Cuenta", Field::BankAccount, AMBIGUOUS_FIRST),
    ("Principal", Field::ContactIsMain, AMBIGUOUS_FIRST),
    // A contact's name alone: its last name unless a last-name column exists (Upflow's
    // `Contact name` is the last name, beside `Contact first name`).
    ("Contact name", Field::ContactLastName, AMBIGUOUS_FIRST),
    ("Contact name", Field::ContactFirstName, AMBIGUOUS_SECOND),
    ("Contact", Field::ContactLastName, AMBIGUOUS_SECOND),
    ("Contact person", Field::ContactLastName, AMBIGUOUS_FIRST),
    ("Contact person", Field::ContactFirstName, AMBIGUOUS_SECOND),
    ("Nome do contato", Field::ContactLastName, AMBIGUOUS_FIRST),
    ("Nome do contato", Field::ContactFirstName, AMBIGUOUS_SECOND),
    ("Contato", Field::ContactLastName, AMBIGUOUS_SECOND),
    ("Osoba kontaktowa", Field::ContactLastName, AMBIGUOUS_FIRST),
    ("Osoba kontaktowa", Field::ContactFirstName, AMBIGUOUS_SECOND),
    ("Nombre del contacto", Field::ContactLastName, AMBIGUOUS_FIRST),
    ("Nombre del contacto", Field::ContactFirstName, AMBIGUOUS_SECOND),
    ("Persona de contacto", Field::ContactLastName, AMBIGUOUS_FIRST),
    ("Persona de contacto", Field::ContactFirstName, AMBIGUOUS_SECOND),
];

/// Abbreviations of the languages served that technical column names use (`A1_END`, `PCF_RS`,
/// `A1_MUN`), read only in a file whose headers share a table prefix (see
/// `grammar::without_table_prefix`): alone, `End` or `Est` say nothing. Their readings come
/// below the review threshold.
const TECHNICAL_ABBREVIATIONS: &[(&str, Field)] = &[
    // raison sociale
    ("rs", Field::Name),
    ("end", Field::Address),
    ("ender", Field::Address),
    ("est", Field::State),
    ("mun", Field::City),
    ("munic", Field::City),
    ("comp", Field::Complement),
    ("compl", Field::Complement),
    ("inscr", Field::StateInscription),
    ("insc est", Field::StateInscription),
    ("inscr est", Field::StateInscription),
    ("insc mun", Field::MunicipalInscription),
    ("inscr mun", Field::MunicipalInscription),
    ("tel 1", Field::Phone),
];

/// The field a technical abbreviation stands for (words folded and joined by spaces).
pub(crate) fn technical_abbreviation(words: &str) -> Option<Field> {
    TECHNICAL_ABBREVIATIONS.iter().find(|(a, _)| *a == words).map(|&(_, f)| f)
}

/// Common header labels that carry no canonical field. They are known labels (header detection
/// counts them) and they map to nothing, so that no near spelling pulls them onto a field
/// (`REGON` is not `Region`, `Numer` alone is no street number).
const UNMAPPED: &[&str] = &[
    "No",
    "Lp",
    "Lp.",
    "Seq",
    "Item",
    "Status",
    "Situação",
    "Statut",
    "Estado civil",
    "Tipo",
    "Type",
    "Typ",
    "Data de cadastro",
    "Data de nascimento",
    "Date de création",
    "Date de naissance",
    "Fecha de alta",
    "Fecha de nacimiento",
    "Data utworzenia",
    "Data urodzenia",
    "Created at",
    "Updated at",
    "Date created",
    "Birth date",
    "Date of birth",
    "RG",
    "REGON",
    "KRS",
    "PESEL",
    "Numer",
    "Nr",
    "Código IBGE",
    "Código do município",
    "Caixa postal",
    "Currency",
    "Moeda",
    "Devise",
    "Waluta",
    "Moneda",
    "Language",
    "Idioma",
    "Langue",
    "Język",
    "Saldo",
    "Balance",
    "Solde",
    "Bank account name",
    // A person's nickname (Google, Outlook, Square), not the customer's short name.
    "Nickname",
    // The id of a group record (Holded `groupId`), not the group; Upflow's own `Group ID`
    // (the parent's id) is read through its profile.
    "Group ID",
    "Annual revenue",
    "Revenue",
    "Chiffre d'affaires",
];

/// A keyword rule: a header whose words include one word of every group maps to `field`
/// (`"CPF do responsável"` → tax_id). Rules are tried in order; the first that matches wins.
pub(crate) struct Rule {
    /// Every group must have one of its words among the header's words.
    pub groups: &'static [&'static [&'static str]],
    /// The field.
    pub field: Field,
    /// The confidence of a match.
    pub confidence: f64,
}

const CONTACT: &[&str] = &["contact", "contato", "contacto", "kontakt", "kontaktu", "kontaktowej", "contatos"];
const MAIL: &[&str] = &["email", "mail", "emails", "courriel", "correo", "mel"];
const PHONE: &[&str] = &["telefone", "fone", "phone", "telephone", "tel", "telefon", "telefonu", "telefono", "tfno"];
const NAME: &[&str] = &["name", "nome", "nom", "nazwa", "nombre", "nazwisko"];
const MOBILE: &[&str] =
    &["celular", "mobile", "cell", "cellphone", "portable", "komorkowy", "komorka", "kom", "movil", "whatsapp", "gsm"];

/// Keyword rules, most specific first. Words are folded (no accents, lower case).
pub(crate) const RULES: &[Rule] = &[
    Rule { groups: &[CONTACT, MAIL], field: Field::ContactEmail, confidence: 0.75 },
    Rule { groups: &[CONTACT, MOBILE], field: Field::ContactPhone, confidence: 0.75 },
    Rule { groups: &[CONTACT, PHONE], field: Field::ContactPhone, confidence: 0.75 },
    Rule { groups: &[CONTACT, NAME], field: Field::ContactLastName, confidence: 0.7 },
    Rule {
        groups: &[&["manager", "gerente", "gestor", "gestionnaire", "opiekun", "opiekuna"], MAIL],
        field: Field::AccountManagerEmail,
        confidence: 0.75,
    },
    Rule {
        groups: &[&[
            "cpf", "cnpj", "cpfcnpj", "cnpjcpf", "nip", "siren", "siret", "nif", "cif", "rfc", "cuit", "rut", "ruc",
        ]],
        field: Field::TaxId,
        confidence: 0.75,
    },
    Rule { groups: &[&["tva", "vat", "iva"]], field: Field::VatNumber, confidence: 0.75 },
    Rule {
        groups: &[&["cep", "zip", "zipcode", "postcode", "postal", "pocztowy", "plz"]],
        field: Field::PostalCode,
        confidence: 0.75,
    },
    Rule {
        groups: &[&["inscricao", "insc", "inscr"], &["estadual"]],
        field: Field::StateInscription,
        confidence: 0.75,
    },
    Rule {
        groups: &[&["inscricao", "insc", "inscr"], &["municipal"]],
        field: Field::MunicipalInscription,
        confidence: 0.75,
    },
    Rule { groups: &[MOBILE], field: Field::MobilePhone, confidence: 0.7 },
    Rule { groups: &[PHONE], field: Field::Phone, confidence: 0.7 },
    Rule { groups: &[&["fax", "faks", "telecopie", "telefax"]], field: Field::Fax, confidence: 0.7 },
    Rule { groups: &[MAIL], field: Field::Email, confidence: 0.7 },
    Rule { groups: &[&["iban"]], field: Field::BankAccount, confidence: 0.7 },
    Rule { groups: &[&["razao", "razon"], &["social"]], field: Field::Name, confidence: 0.75 },
    Rule { groups: &[&["raison"], &["sociale"]], field: Field::Name, confidence: 0.75 },
    Rule { groups: &[&["fantasia"]], field: Field::ShortName, confidence: 0.7 },
    Rule { groups: &[&["bairro", "barrio", "quartier", "dzielnica"]], field: Field::District, confidence: 0.7 },
    Rule {
        groups: &[&["cidade", "city", "ville", "miasto", "miejscowosc", "ciudad", "localidad", "town"]],
        field: Field::City,
        confidence: 0.7,
    },
    Rule { groups: &[&["website", "www", "url", "uri", "homepage", "web"]], field: Field::Website, confidence: 0.7 },
    Rule { groups: &[&["complemento", "complement"]], field: Field::Complement, confidence: 0.7 },
    Rule {
        groups: &[&["entrega", "delivery", "shipping", "livraison", "dostawy", "envio"]],
        field: Field::DeliveryAddress,
        confidence: 0.7,
    },
    Rule {
        groups: &[&["endereco", "address", "adresse", "adres", "direccion", "logradouro", "ulica", "street"]],
        field: Field::Address,
        confidence: 0.65,
    },
    Rule {
        groups: &[&[
            "observacoes",
            "observacao",
            "obs",
            "uwagi",
            "remarques",
            "observaciones",
            "notes",
            "note",
            "notas",
            "comments",
            "comentarios",
        ]],
        field: Field::Notes,
        confidence: 0.65,
    },
    Rule {
        groups: &[
            &["due", "payment", "net", "credit", "vencimiento", "vencimento", "paiement", "platnosci"],
            &["days", "day", "dias", "jours", "dni"],
        ],
        field: Field::PaymentTermsDays,
        confidence: 0.7,
    },
    // Last and weakest: some kind of name (`Customer name (legal)`, `Nome do sacado/pagador`).
    Rule { groups: &[NAME], field: Field::Name, confidence: 0.6 },
];

/// The folded label index, built once.
pub(crate) struct Index {
    /// Folded label → readings, strongest first.
    by_label: HashMap<String, Vec<(Field, f64)>>,
    /// Folded labels known to carry no field: [`UNMAPPED`] and built-in profile columns without
    /// a field (InvoiceOcean `No`).
    no_field: HashSet<String>,
    /// (folded label, field) of the unambiguous labels, for fuzzy matching.
    pub fuzzy: Vec<(String, Field)>,
    /// The labels' core words (the header grammar's reading: structural words such as `de`,
    /// `client`, `customer` removed) → readings, for labels whose core differs from the whole
    /// label: `Código de Integração` is also `codigo integracao`, as in
    /// `codigo_cliente_integracao`.
    by_core: HashMap<String, Vec<(Field, f64)>>,
}

impl Index {
    fn build() -> Index {
        let mut by_label: HashMap<String, Vec<(Field, f64)>> = HashMap::new();
        let mut add = |label: &str, field: Field, weight: f64, only_if_new: bool| {
            let folded = fold_label(label);
            if folded.is_empty() {
                return;
            }
            let readings = by_label.entry(folded).or_default();
            if only_if_new && !readings.is_empty() {
                return;
            }
            if !readings.iter().any(|(f, _)| *f == field) {
                readings.push((field, weight));
            }
        };
        for (field, labels) in LABELS {
            for label in *labels {
                add(label, *field, STRONG, false);
            }
        }
        for (label, field, weight) in LOOSE_LABELS {
            add(label, *field, *weight, false);
        }
        for &field in Field::ALL {
            add(field.label(), field, STRONG, true);
            add(field.as_str(), field, STRONG, true);
        }
        let mut no_field: HashSet<String> = UNMAPPED.iter().map(|l| fold_label(l)).collect();
        for name in ["asaas", "invoiceocean", "upflow"] {
            let Ok(profile) = Profile::builtin(name) else { continue };
            for col in &profile.columns {
                match col.field.as_ref().and_then(crate::profile::Target::field) {
                    Some(field) => {
                        for label in std::iter::once(&col.header).chain(&col.synonyms) {
                            if !no_field.contains(&fold_label(label)) {
                                add(label, field, STRONG, true);
                            }
                        }
                    }
                    None => {
                        no_field.insert(fold_label(&col.header));
                    }
                }
            }
        }
        for readings in by_label.values_mut() {
            readings.sort_by(|a, b| b.1.total_cmp(&a.1));
        }
        // Loose and ambiguous labels are too weak to be guessed at from a misspelling.
        let mut by_core: HashMap<String, Vec<(Field, f64)>> = HashMap::new();
        let all_labels = LABELS
            .iter()
            .flat_map(|(field, labels)| labels.iter().map(move |l| (*l, *field, STRONG)))
            .chain(LOOSE_LABELS.iter().copied());
        for (label, field, weight) in all_labels {
            let p = super::grammar::Parsed::read(label);
            if p.block != super::grammar::Block::Main || p.contact || p.billing || p.core.is_empty() {
                continue;
            }
            let core = p.core.concat();
            if core == fold_label(label) || by_label.contains_key(&core) {
                continue;
            }
            let readings = by_core.entry(core).or_default();
            if !readings.iter().any(|(f, _)| *f == field) {
                readings.push((field, weight));
            }
        }
        for readings in by_core.values_mut() {
            readings.sort_by(|a, b| b.1.total_cmp(&a.1));
        }
        let mut fuzzy: Vec<(String, Field)> = by_label
            .iter()
            .filter_map(|(label, r)| r.first().filter(|(_, w)| *w >= STRONG).map(|(f, _)| (label.clone(), *f)))
            .collect();
        fuzzy.sort();
        Index { by_label, no_field, fuzzy, by_core }
    }

    /// Readings of a header's core words (see the `by_core` field): empty when unknown.
    pub fn core_readings(&self, core: &str) -> &[(Field, f64)] {
        self.by_core.get(core).map_or(&[], Vec::as_slice)
    }

    /// The readings of a folded label, strongest first (empty when unknown).
    pub fn readings(&self, folded: &str) -> &[(Field, f64)] {
        self.by_label.get(folded).map_or(&[], Vec::as_slice)
    }

    /// True for a folded label of the table or of a built-in profile.
    pub fn is_known(&self, folded: &str) -> bool {
        self.by_label.contains_key(folded) || self.no_field.contains(folded)
    }
}

/// The shared index.
pub(crate) fn index() -> &'static Index {
    static INDEX: LazyLock<Index> = LazyLock::new(Index::build);
    &INDEX
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{BUILTIN_PROFILES, Target};

    #[test]
    fn every_field_has_labels_in_the_table() {
        for &field in Field::ALL {
            let n = LABELS.iter().filter(|(f, _)| *f == field).map(|(_, l)| l.len()).sum::<usize>();
            assert!(n >= 5, "{field} has only {n} labels");
        }
    }

    #[test]
    fn no_label_is_strong_for_two_fields() {
        let mut seen: HashMap<String, (Field, &str)> = HashMap::new();
        for (field, labels) in LABELS {
            for label in *labels {
                let folded = fold_label(label);
                assert!(!folded.is_empty(), "{label}");
                if let Some((other, first)) = seen.insert(folded, (*field, label)) {
                    assert_eq!(other, *field, "\"{label}\" ({field}) folds like \"{first}\" ({other})");
                }
            }
        }
        for (label, _, _) in LOOSE_LABELS {
            assert!(!seen.contains_key(&fold_label(label)), "{label} is both loose and strong");
        }
        for label in UNMAPPED {
            let folded = fold_label(label);
            assert!(!seen.contains_key(&folded), "{label} is both unmapped and strong");
            assert!(!LOOSE_LABELS.iter().any(|l| fold_label(l.0) == folded), "{label} is both unmapped and loose");
            assert!(Field::ALL.iter().all(|f| fold_label(f.label()) != folded && fold_label(f.as_str()) != folded));
        }
    }

    #[test]
    fn builtin_labels_read_as_their_profile_says() {
        // Labels whose global reading differs on purpose: outside InvoiceOcean and Asaas,
        // `Company`/`Empresa` is first the company's name.
        let exceptions = ["Company", "Empresa", "Account number"];
        for name in BUILTIN_PROFILES {
            let profile = Profile::builtin(name).unwrap();
            for col in &profile.columns {
                let folded = fold_label(&col.header);
                assert!(index().is_known(&folded), "{}", col.header);
                let Some(Target::Field(field)) = col.field else { continue };
                if exceptions.contains(&col.header.as_str()) {
                    assert!(index().readings(&folded).iter().any(|(f, _)| *f == field));
                    continue;
                }
                assert_eq!(index().readings(&folded).first().map(|r| r.0), Some(field), "{name}: {}", col.header);
            }
        }
    }
}
