import json, os, random
random.seed(7)
OUT=os.path.dirname(os.path.abspath(__file__))

def cpf(seed):
    r=random.Random(seed); d=[r.randint(0,9) for _ in range(9)]
    for n in (10,11):
        s=sum(v*w for v,w in zip(d,range(n,1,-1))); c=(s*10)%11; d.append(0 if c==10 else c)
    s=''.join(map(str,d)); return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"
def cnpj(seed):
    r=random.Random(seed); d=[r.randint(0,9) for _ in range(8)]+[0,0,0,1]
    for w in ([5,4,3,2,9,8,7,6,5,4,3,2],[6,5,4,3,2,9,8,7,6,5,4,3,2]):
        s=sum(a*b for a,b in zip(d,w)); c=s%11; d.append(0 if c<2 else 11-c)
    s=''.join(map(str,d)); return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"
def nip(seed):
    r=random.Random(seed)
    while True:
        d=[r.randint(1,9)]+[r.randint(0,9) for _ in range(8)]
        c=sum(a*b for a,b in zip(d,[6,5,7,2,3,4,5,6,7]))%11
        if c!=10: d.append(c); s=''.join(map(str,d)); return f"{s[:3]}-{s[3:6]}-{s[6:8]}-{s[8:]}"
def siren(seed):
    r=random.Random(seed)
    while True:
        d=[r.randint(1,9)]+[r.randint(0,9) for _ in range(8)]
        t=0
        for i,v in enumerate(reversed(d)):
            if i%2==1:
                v*=2
                if v>9: v-=9
            t+=v
        if t%10==0: return ''.join(map(str,d))
def frvat(s):
    k=(12+3*(int(s)%97))%97
    return f"FR{k:02d}{s}"

S={}
S['company_en']=["Acme Corporation","Globex Ltd","Initech LLC","Umbrella Supplies Inc"]
S['person_first']=["John","Mary","Peter","Susan"]
S['person_last']=["Smith","Johnson","O'Brien","Williams"]
S['email_en']=["billing@acme.com","accounts@globex.co.uk","jane.doe@initech.com"]
S['phone_en']=["+1 415 555 0132","(212) 555-0198","+44 20 7946 0958"]
S['street_en']=["100 Main Street","42 Harbour Road","7 King's Parade"]
S['city_en']=["San Francisco","London","Austin"]
S['state_en']=["CA","NY","TX"]
S['zip_en']=["94105","10001","73301"]
S['country_en']=["United States","United Kingdom","US"]
S['web']=["https://acme.com","www.globex.co.uk","https://initech.io"]
S['cur']=["USD","GBP","EUR"]
S['money']=["1,250.00","0.00","349.90"]
S['date']=["2024-03-15","2023-11-02","2025-01-20"]
S['bool']=["Yes","No","Yes"]
S['tf']=["TRUE","FALSE","TRUE"]
S['code']=["C-001","C-002","C-017"]
S['num_id']=["1001","1002","1057"]
S['notes']=["Prefers email invoices","Net 30 agreed by phone","VIP customer"]
S['days']=["30","45","15"]
S['words_misc']=["Retail","Wholesale","Retail"]
S['empty']=[]
S['company_br']=["Padaria Pão Quente Ltda","Comercial Silva & Filhos ME","Tech Sul Sistemas S.A."]
S['person_br']=["Maria da Silva","João Pereira","Ana Souza"]
S['email_br']=["financeiro@paoquente.com.br","joao.pereira@gmail.com","contato@techsul.com.br"]
S['phone_br']=["(11) 98765-4321","(21) 3333-4444","(51) 99876-1234"]
S['cep']=["01310-100","20040-002","90010-150"]
S['street_br']=["Av. Paulista","Rua da Assembleia","Rua dos Andradas"]
S['number_br']=["1578","10","1234"]
S['compl_br']=["Sala 12","Apto 301","Bloco B"]
S['bairro']=["Bela Vista","Centro","Centro Histórico"]
S['city_br']=["São Paulo","Rio de Janeiro","Porto Alegre"]
S['uf']=["SP","RJ","RS"]
S['cpf']=[cpf(1),cpf(2),cpf(3)]
S['cnpj']=[cnpj(1),cnpj(2),cnpj(3)]
S['cpfcnpj']=[cnpj(4),cpf(5),cnpj(6)]
S['ie']=["110.042.490.114","ISENTO","123.456.789"]
S['im']=["1234567","","98765"]
S['pfpj']=["PJ","PF","PJ"]
S['fisjur']=["Jurídica","Física","Jurídica"]
S['simnao']=["Sim","Não","Não"]
S['br_country']=["Brasil","Brasil","BR"]
S['company_fr']=["Boulangerie Dupont SARL","Martin & Fils SAS","Atelier Lumière"]
S['person_fr_first']=["Camille","Julien","Sophie"]
S['person_fr_last']=["Dupont","Martin","Bernard"]
S['email_fr']=["compta@dupont.fr","j.martin@martinfils.fr","contact@atelier-lumiere.fr"]
S['phone_fr']=["01 42 68 53 00","+33 6 12 34 56 78","04 78 42 10 10"]
S['cp_fr']=["75008","69002","13001"]
S['street_fr']=["12 rue de la Paix","3 place Bellecour","8 quai du Port"]
S['city_fr']=["Paris","Lyon","Marseille"]
S['country_fr']=["France","FR","France"]
S['siren']=[siren(1),siren(2),siren(3)]
S['tva']=[frvat(x) for x in S['siren']]
S['iban']=["FR7630006000011234567890189","FR1420041010050500013M02606","DE89370400440532013000"]
S['acct411']=["411DUPONT","411000","411MART"]
S['company_pl']=["Kowalski Sp. z o.o.","Nowak i Wspólnicy Sp.j.","Piekarnia Złoty Kłos"]
S['short_pl']=["Kowalski","Nowak","Złoty Kłos"]
S['email_pl']=["biuro@kowalski.pl","faktury@nowak.com.pl","kontakt@zlotyklos.pl"]
S['phone_pl']=["+48 22 123 45 67","601 234 567","(12) 345 67 89"]
S['kod']=["00-950","31-042","80-001"]
S['street_pl']=["ul. Marszałkowska 10","ul. Floriańska 3/5","ul. Długa 12"]
S['city_pl']=["Warszawa","Kraków","Gdańsk"]
S['nip']=[nip(1),nip(2),nip(3)]
S['country_pl']=["Polska","PL","Polska"]
S['regon']=["012345678","356789012","192345670"]
S['company_es']=["Distribuciones García S.L.","Comercial Andina S.A.S.","Ferretería López"]
S['email_es']=["facturacion@garcia.es","ventas@andina.com.co","info@ferrelopez.mx"]
S['phone_es']=["+34 912 345 678","601 234 5678","(55) 5555 1234"]
S['cp_es']=["28013","08001","06600"]
S['city_es']=["Madrid","Barcelona","Bogotá"]
S['street_es']=["Calle Mayor 5","Carrera 7 # 32-16","Av. Reforma 222"]
S['prov_es']=["Madrid","Barcelona","Cundinamarca"]
S['country_es']=["España","Colombia","México"]
S['nif']=["B12345674","900123456-7","GALR800101AB1"]
S['ident_type']=["NIT","CC","NIT"]

def P(product, language, split, source, kind, cols):
    fn=product.lower().replace(' ','-').replace('/','-').replace('.','')
    doc={"product":product,"language":language,"split":split,"source":source,"kind":kind,
         "columns":[{"header":h,"field":f,"samples":S[s] if isinstance(s,str) else s} for h,f,s in cols]}
    with open(os.path.join(OUT,fn+'.json'),'w') as fh:
        json.dump(doc,fh,ensure_ascii=False,indent=1)
    return len(cols)
N=None
total=0
# ---------------- English ----------------
total+=P("QuickBooks Online","en","tune","https://quickbooks.intuit.com/learn-support/en-us/help-article/import-data/import-customers-quickbooks-online/L5XHEkPlm_US_en_US","customer import sample file (Name, Company, Email...) and the Customer Contact List export",[
 ("Name","name","company_en"),("Company","short_name","company_en"),("Email","email","email_en"),("Phone","phone","phone_en"),
 ("Mobile","mobile_phone","phone_en"),("Fax","fax","phone_en"),("Website","website","web"),("Street","address","street_en"),
 ("City","city","city_en"),("State","state","state_en"),("ZIP","postal_code","zip_en"),("Country","country","country_en"),
 ("Opening Balance",N,"money"),("Opening Balance As Of",N,"date"),
])
total+=P("Xero","en","tune","https://central.xero.com/s/article/Import-contacts","contacts import template (ContactsImportTemplate.csv)",[
 ("*ContactName","name","company_en"),("AccountNumber","external_id","code"),("EmailAddress","email","email_en"),
 ("FirstName","first_name","person_first"),("LastName","last_name","person_last"),("POAttentionTo",N,"person_first"),
 ("POAddressLine1","address","street_en"),("POAddressLine2","complement",["Suite 200","","Unit 4"]),("POAddressLine3",N,[]),("POAddressLine4",N,[]),
 ("POCity","city","city_en"),("PORegion","state","state_en"),("POPostalCode","postal_code","zip_en"),("POCountry","country","country_en"),
 ("SAAttentionTo",N,"person_first"),("SAAddressLine1","delivery_address","street_en"),("SAAddressLine2",N,["Dock 3",""]),("SAAddressLine3",N,[]),("SAAddressLine4",N,[]),
 ("SACity",N,"city_en"),("SARegion",N,"state_en"),("SAPostalCode",N,"zip_en"),("SACountry",N,"country_en"),
 ("PhoneNumber","phone","phone_en"),("FaxNumber","fax","phone_en"),("MobileNumber","mobile_phone","phone_en"),("DDINumber",N,[]),("SkypeName",N,["acme.billing"]),
 ("BankAccountName",N,"company_en"),("BankAccountNumber","bank_account","iban"),("BankAccountParticulars",N,[]),("TaxNumber","tax_id",["GB123456789","12-3456789"]),
 ("AccountsReceivableTaxCodeName",N,["20% (VAT on Income)"]),("AccountsPayableTaxCodeName",N,["20% (VAT on Expenses)"]),("Website","website","web"),
 ("Discount",N,["5","0"]),("DueDateBillDay",N,["20"]),("DueDateBillTerm",N,["OFFOLLOWINGMONTH"]),("DueDateSalesDay","payment_terms_days","days"),("DueDateSalesTerm",N,["DAYSAFTERBILLDATE"]),
 ("SalesAccount",N,["200"]),("PurchasesAccount",N,["300"]),("TrackingName1",N,["Region"]),("TrackingOption1",N,["North"]),
 ("Person1FirstName","contact_first_name","person_first"),("Person1LastName","contact_last_name","person_last"),("Person1Email","contact_email","email_en"),
])
total+=P("FreshBooks","en","tune","https://support.freshbooks.com/hc/en-us/articles/115008474967-How-do-I-import-clients-","client import template (CSV) and client export",[
 ("First Name","first_name","person_first"),("Last Name","last_name","person_last"),("Organization","name","company_en"),("Email","email","email_en"),
 ("Business Phone","phone","phone_en"),("Mobile Phone","mobile_phone","phone_en"),("Address Line 1","address","street_en"),("Address Line 2","complement",["Suite 5",""]),
 ("City","city","city_en"),("Province/State","state","state_en"),("Country","country","country_en"),("Postal Code/Zip Code","postal_code","zip_en"),
 ("Internal Note","notes","notes"),("Currency",N,"cur"),("Language",N,["English","French"]),
])
total+=P("Zoho Books","en","tune","https://www.zoho.com/books/help/contacts/import-contacts.html","contacts import: Zoho field names of the import mapper",[
 ("Display Name","short_name","company_en"),("Company Name","name","company_en"),("Salutation",N,["Mr.","Ms."]),("First Name","first_name","person_first"),("Last Name","last_name","person_last"),
 ("EmailID","email","email_en"),("Phone","phone","phone_en"),("MobilePhone","mobile_phone","phone_en"),("Website","website","web"),("Contact Type",N,["customer","vendor"]),
 ("Currency Code",N,"cur"),("Payment Terms","payment_terms_days","days"),("Payment Terms Label",N,["Net 30","Net 45"]),("Notes","notes","notes"),
 ("Billing Attention",N,"person_first"),("Billing Address","address","street_en"),("Billing Street2","complement",["Suite 12",""]),("Billing City","city","city_en"),("Billing State","state","state_en"),
 ("Billing Country","country","country_en"),("Billing Code","postal_code","zip_en"),("Billing Phone",N,"phone_en"),("Billing Fax","fax","phone_en"),
 ("Shipping Attention",N,"person_first"),("Shipping Address","delivery_address","street_en"),("Shipping Street2",N,[]),("Shipping City",N,"city_en"),("Shipping State",N,"state_en"),
 ("Shipping Country",N,"country_en"),("Shipping Code",N,"zip_en"),("Shipping Phone",N,"phone_en"),("Shipping Fax",N,[]),
 ("Tax Registration Number","tax_id",["GB123456789",""]),("Contact ID","external_id",["460000000026049","460000000026051"]),
])
total+=P("Stripe","en","tune","https://docs.stripe.com/get-started/data-migrations/export-file-formats","dashboard customers export (unified_customers.csv)",[
 ("id","external_id",["cus_NffrFeUfNV2Hib","cus_NffrGh7aQ1ZpXk"]),("Description","notes",["Acme annual plan",""]),("Email","email","email_en"),("Name","name","company_en"),
 ("Created (UTC)",N,["2024-03-15 10:22","2023-11-02 08:00"]),("Phone","phone","phone_en"),("Delinquent",N,"tf"),("Currency",N,["usd","eur"]),("Balance",N,"money"),
 ("Address Line1","address","street_en"),("Address Line2","complement",["Suite 5",""]),("Address City","city","city_en"),("Address State","state","state_en"),("Address Country","country",["US","GB"]),("Address Zip","postal_code","zip_en"),
 ("Shipping Name",N,"person_first"),("Shipping Address Line1","delivery_address","street_en"),("Shipping Address Line2",N,[]),("Shipping Address City",N,"city_en"),("Shipping Address State",N,"state_en"),("Shipping Address Country",N,["US"]),("Shipping Address Postal Code",N,"zip_en"),
 ("Card Address Country",N,["US","GB"]),("Card Address Zip",N,"zip_en"),
 ("Tax Exempt",N,["none","exempt"]),("Tax IDs","vat_number",["eu_vat FR40303265045",""]),("Preferred Locales",N,["en-US"]),("Invoice Prefix",N,["A1B2C3D4"]),
])
total+=P("Chargebee","en","tune","https://www.chargebee.com/docs/2.0/bulk-operations.html","bulk customer create CSV (API parameter headers)",[
 ("customer[id]","external_id","code"),("customer[first_name]","first_name","person_first"),("customer[last_name]","last_name","person_last"),("customer[email]","email","email_en"),
 ("customer[company]","name","company_en"),("customer[phone]","phone","phone_en"),("customer[net_term_days]","payment_terms_days","days"),("customer[vat_number]","vat_number",["FR40303265045",""]),
 ("customer[preferred_currency_code]",N,"cur"),("customer[auto_collection]",N,["on","off"]),("customer[taxability]",N,["taxable","exempt"]),
 ("billing_address[first_name]",N,"person_first"),("billing_address[last_name]",N,"person_last"),("billing_address[email]",N,"email_en"),("billing_address[company]",N,"company_en"),
 ("billing_address[line1]","address","street_en"),("billing_address[line2]","complement",["Suite 5",""]),("billing_address[city]","city","city_en"),("billing_address[state_code]","state","state_en"),
 ("billing_address[zip]","postal_code","zip_en"),("billing_address[country]","country",["US","GB"]),("billing_address[phone]",N,"phone_en"),
])
total+=P("Invoice Ninja","en","tune","https://invoiceninja.github.io/en/clients/","client CSV import: the importer's column names (client.*, contact.*)",[
 ("Client Name","name","company_en"),("Client Number","external_id","num_id"),("Client ID Number","tax_id",["12-3456789",""]),("Client VAT Number","vat_number",["FR40303265045",""]),
 ("Client Website","website","web"),("Client Phone","phone","phone_en"),("Client Address 1","address","street_en"),("Client Address 2","complement",["Suite 200",""]),
 ("Client City","city","city_en"),("Client State","state","state_en"),("Client Postal Code","postal_code","zip_en"),("Client Country","country","country_en"),
 ("Client Shipping Address 1","delivery_address","street_en"),("Client Shipping City",N,"city_en"),("Client Shipping Postal Code",N,"zip_en"),
 ("Client Public Notes","notes","notes"),("Client Private Notes",N,"notes"),("Payment Terms","payment_terms_days","days"),
 ("Contact First Name","contact_first_name","person_first"),("Contact Last Name","contact_last_name","person_last"),("Contact Email","contact_email","email_en"),("Contact Phone","contact_phone","phone_en"),
])
total+=P("HubSpot","en","tune","https://knowledge.hubspot.com/import-and-export/set-up-your-import-file","companies import/export default properties",[
 ("Record ID","external_id",["5798373102","5798373103"]),("Company name","name","company_en"),("Company Domain Name",N,["acme.com","globex.co.uk"]),("Website URL","website","web"),
 ("Phone Number","phone","phone_en"),("Street Address","address","street_en"),("Street Address 2","complement",["Floor 3",""]),("City","city","city_en"),("State/Region","state","state_en"),
 ("Postal Code","postal_code","zip_en"),("Country/Region","country","country_en"),("Industry",N,["COMPUTER_SOFTWARE","RETAIL"]),("Number of Employees",N,["50","1200"]),("Annual Revenue",N,["1000000"]),
 ("Company owner","account_manager_email",["sales@ourcompany.com"]),("Lifecycle Stage",N,["customer","lead"]),("Create Date",N,"date"),("Description","notes","notes"),("Parent Company","parent_name","company_en"),
])
total+=P("Salesforce","en","tune","https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm","Account object export (Data Loader / report 'Accounts' column labels)",[
 ("Account ID","external_id",["0015g00000ABCDeAAH","0015g00000ABCDfAAH"]),("Account Name","name","company_en"),("Account Number","external_id" if False else N,["CD451796","CD656092"]),
 ("Parent Account","parent_name","company_en"),("Type",N,["Customer - Direct","Prospect"]),("Industry",N,["Electronics","Energy"]),
 ("Billing Street","address","street_en"),("Billing City","city","city_en"),("Billing State/Province","state","state_en"),("Billing Zip/Postal Code","postal_code","zip_en"),("Billing Country","country","country_en"),
 ("Shipping Street","delivery_address","street_en"),("Shipping City",N,"city_en"),("Shipping State/Province",N,"state_en"),("Shipping Zip/Postal Code",N,"zip_en"),("Shipping Country",N,"country_en"),
 ("Phone","phone","phone_en"),("Fax","fax","phone_en"),("Website","website","web"),("Employees",N,["9000","120"]),("Annual Revenue",N,["950000000"]),("Account Owner",N,["Jane Rep","Sam Sales"]),("Description","notes","notes"),
])
total+=P("Pipedrive","en","tune","https://support.pipedrive.com/en/article/importing-data-into-pipedrive-with-spreadsheets","organizations + people import (field names)",[
 ("Organization - Name","name","company_en"),("Organization - Address","address","street_en"),("Organization - Address - Street/road name",N,["Main Street"]),("Organization - Address - House number","address_number",["100","42"]),
 ("Organization - Address - City/town/village/locality","city","city_en"),("Organization - Address - State/County","state","state_en"),("Organization - Address - ZIP/Postal code","postal_code","zip_en"),("Organization - Address - Country","country","country_en"),
 ("Organization - Owner",N,["Jane Rep"]),("Organization - Label",N,["Customer","Hot lead"]),
 ("Person - Name","contact_last_name",["John Smith","Mary Johnson"]),("Person - Email","contact_email","email_en"),("Person - Phone","contact_phone","phone_en"),("Person - Job title","contact_position",["CFO","Accountant"]),
])
total+=P("Upflow","en","tune","https://help.upflow.io/en/articles/customers-import","customers import template (customers and their contacts)",[
 ("Customer ID","external_id","code"),("Customer name","name","company_en"),("Accounting code","accounting_code","acct411"),("VAT number","vat_number","tva"),
 ("Address","address","street_fr"),("Postal code","postal_code","cp_fr"),("Town","city","city_fr"),("Country","country","country_fr"),
 ("Email of the Account Manager","account_manager_email",["am@ourcompany.fr"]),("Default payment period","payment_terms_days","days"),("Group/Parent ID","parent_id","code"),
 ("Contact email","contact_email","email_fr"),("First name","contact_first_name","person_fr_first"),("Family name","contact_last_name","person_fr_last"),("Phone number","contact_phone","phone_fr"),("Position","contact_position",["Accountant","CFO"]),
])
total+=P("Sage Accounting","en","holdout","https://help.accounting.sage.com/en-gb/accounting/contacts/import-customers-and-suppliers.html","customer import CSV template (UK)",[
 ("Customer Name*","name","company_en"),("Reference*","external_id",["ACME001","GLOB001"]),("Contact Name","contact_last_name",["John Smith","Mary Johnson"]),("Street 1","address","street_en"),("Street 2","complement",["Unit 4",""]),
 ("Town/City","city","city_en"),("County","state",["Kent","Surrey"]),("Postcode","postal_code",["SW1A 1AA","EC1A 1BB"]),("Telephone","phone","phone_en"),("Email","email","email_en"),
 ("Website","website","web"),("VAT Number","vat_number",["GB123456789",""]),("Credit Limit",N,["5000"]),("Credit Terms (days)","payment_terms_days","days"),("Country Code","country",["GB","IE"]),("Mobile","mobile_phone","phone_en"),
])
total+=P("Wave","en","holdout","https://support.waveapps.com/hc/en-us/articles/208621246-Import-customers-from-a-CSV-file","customers CSV import fields",[
 ("Customer Name","name","company_en"),("Email","email","email_en"),("First Name","first_name","person_first"),("Last Name","last_name","person_last"),("Phone","phone","phone_en"),
 ("Mobile","mobile_phone","phone_en"),("Toll Free",N,["1-800-555-0100"]),("Fax","fax","phone_en"),("Website","website","web"),("Account Number","external_id","code"),
 ("Address Line 1","address","street_en"),("Address Line 2","complement",["Suite 5",""]),("City","city","city_en"),("Province/State","state","state_en"),("Postal Code/ZIP Code","postal_code","zip_en"),("Country","country","country_en"),
 ("Currency",N,"cur"),("Ship To Contact",N,"person_first"),("Shipping Address Line 1","delivery_address","street_en"),("Shipping City",N,"city_en"),("Delivery Instructions",N,["Leave at reception"]),
])
total+=P("Shopify","en","holdout","https://help.shopify.com/en/manual/customers/import-export-customers","customers CSV export/import template",[
 ("First Name","first_name","person_first"),("Last Name","last_name","person_last"),("Email","email","email_en"),("Accepts Email Marketing",N,["yes","no"]),("Default Address Company","name","company_en"),
 ("Default Address Address1","address","street_en"),("Default Address Address2","complement",["Apt 2",""]),("Default Address City","city","city_en"),("Default Address Province Code","state","state_en"),
 ("Default Address Country Code","country",["US","CA"]),("Default Address Zip","postal_code","zip_en"),("Default Address Phone",N,"phone_en"),("Phone","phone","phone_en"),("Accepts SMS Marketing",N,["no","yes"]),
 ("Tags",N,["vip, wholesale"]),("Note","notes","notes"),("Tax Exempt",N,["no","yes"]),
])
# ---------------- Portuguese (BR) ----------------
total+=P("Bling","pt-BR","tune","https://ajuda.bling.com.br/hc/pt-br/articles/360046422914-Importa%C3%A7%C3%A3o-de-contatos","planilha modelo de importação de contatos",[
 ("ID",N,["12345678901","12345678902"]),("Código","external_id",["CLI-001","CLI-002"]),("Nome","name","company_br"),("Fantasia","short_name",["Pão Quente","Silva & Filhos"]),
 ("Endereço","address","street_br"),("Número","address_number","number_br"),("Complemento","complement","compl_br"),("Bairro","district","bairro"),("CEP","postal_code","cep"),
 ("Cidade","city","city_br"),("Estado","state","uf"),("Observações","notes","notes"),("Fone","phone","phone_br"),("Fax","fax",[]),("Celular","mobile_phone","phone_br"),
 ("E-mail","email","email_br"),("Web Site","website",["www.paoquente.com.br"]),("Tipo pessoa","is_company",["J","F","J"]),("CNPJ / CPF","tax_id","cpfcnpj"),("IE / RG","state_inscription","ie"),
 ("IE isento",N,["N","S"]),("Situação",N,["Ativo","Ativo"]),("Tipo de contato",N,["Cliente","Fornecedor"]),("Vendedor",N,["Carlos"]),("Limite de crédito",N,["1000,00"]),("Cliente desde",N,["15/03/2024"]),
])
total+=P("Omie","pt-BR","tune","https://ajuda.omie.com.br/pt-BR/articles/499185-importando-clientes-e-fornecedores","planilha de importação de clientes/fornecedores",[
 ("Código de Integração","external_id","code"),("Razão Social","name","company_br"),("Nome Fantasia","short_name",["Pão Quente","Tech Sul"]),("CNPJ / CPF","tax_id","cpfcnpj"),
 ("Inscrição Estadual","state_inscription","ie"),("Inscrição Municipal","municipal_inscription","im"),("Pessoa Física","is_company" if False else N,["N","S","N"]),
 ("Endereço","address","street_br"),("Número","address_number","number_br"),("Complemento","complement","compl_br"),("Bairro","district","bairro"),("CEP","postal_code","cep"),
 ("Cidade","city","city_br"),("Estado","state","uf"),("País","country","br_country"),("DDD",N,["11","21"]),("Telefone","phone",["98765-4321","3333-4444"]),("E-mail","email","email_br"),
 ("Homepage","website",["www.techsul.com.br"]),("Contato","contact_last_name","person_br"),("Observação","notes","notes"),("Tags",N,["atacado"]),
])
total+=P("Conta Azul","pt-BR","tune","https://ajuda.contaazul.com/hc/pt-br/articles/115005939463-Importa%C3%A7%C3%A3o-de-clientes","modelo de planilha de importação de clientes",[
 ("Nome *","name","company_br"),("Tipo de pessoa","is_company",["Jurídica","Física"]),("CPF/CNPJ","tax_id","cpfcnpj"),("E-mail","email","email_br"),("Telefone comercial","phone","phone_br"),
 ("Telefone celular","mobile_phone","phone_br"),("Data de nascimento",N,"date"),("RG",N,["12.345.678-9"]),("Inscrição estadual","state_inscription","ie"),("Inscrição municipal","municipal_inscription","im"),
 ("Nome fantasia","short_name",["Pão Quente"]),("CEP","postal_code","cep"),("Logradouro","address","street_br"),("Número","address_number","number_br"),("Complemento","complement","compl_br"),
 ("Bairro","district","bairro"),("Cidade","city","city_br"),("Estado","state","uf"),("Observações","notes","notes"),("Código","external_id","num_id"),
])
total+=P("Tiny ERP","pt-BR","holdout","https://ajuda.tiny.com.br/kb/articles/cadastros/clientes-e-fornecedores/importar-planilha-de-clientes","planilha de importação de contatos (Olist Tiny)",[
 ("Código","external_id","num_id"),("Nome","name","company_br"),("Fantasia","short_name",["Pão Quente"]),("Endereço","address","street_br"),("Número","address_number","number_br"),
 ("Complemento","complement","compl_br"),("Bairro","district","bairro"),("CEP","postal_code","cep"),("Cidade","city","city_br"),("UF","state","uf"),("Fone","phone","phone_br"),
 ("Celular","mobile_phone","phone_br"),("E-mail","email","email_br"),("Tipo Pessoa","is_company",["J","F","J"]),("CPF/CNPJ","tax_id","cpfcnpj"),("IE/RG","state_inscription","ie"),
 ("Situação",N,["Ativo"]),("Obs","notes","notes"),("Vendedor",N,["Carlos"]),("Lista de preço",N,["Atacado"]),
])
total+=P("NFE.io","pt-BR","tune","https://nfe.io/docs/desenvolvedores/rest-api/nota-fiscal-de-servico-v1/","borrower (tomador) fields of the service-invoice API, as CSV columns",[
 ("name","name","company_br"),("federalTaxNumber","tax_id",["11222333000181","52998224725"]),("email","email","email_br"),("address.country","country",["BRA"]),("address.postalCode","postal_code",["01310100"]),
 ("address.street","address","street_br"),("address.number","address_number","number_br"),("address.additionalInformation","complement","compl_br"),("address.district","district","bairro"),
 ("address.city.code",N,["3550308","3304557"]),("address.city.name","city","city_br"),("address.state","state","uf"),("municipalTaxNumber","municipal_inscription","im"),("phoneNumber","phone","phone_br"),
])
total+=P("Asaas","pt-BR","tune","https://ajuda.asaas.com/pt-BR/articles/importacao-de-clientes","planilha de importação de clientes",[
 ("Nome completo","name","person_br"),("CPF/CNPJ","tax_id","cpfcnpj"),("E-mail","email","email_br"),("Celular","mobile_phone","phone_br"),("Fone","phone","phone_br"),("Empresa","short_name","company_br"),
 ("CEP","postal_code","cep"),("Endereço","address","street_br"),("Número","address_number","number_br"),("Complemento","complement","compl_br"),("Bairro","district","bairro"),
 ("Cidade","city","city_br"),("Estado","state","uf"),("E-mails adicionais","additional_emails",["cobranca@paoquente.com.br"]),("Inscrição municipal","municipal_inscription","im"),
 ("Inscrição estadual","state_inscription","ie"),("Observações","notes","notes"),("Identificador Externo","external_id","code"),("Grupo","group",["Varejo"]),
])
total+=P("Iugu","pt-BR","tune","https://dev.iugu.com/reference/criar-cliente","customer API fields as an import/export CSV",[
 ("id","external_id",["77C2565F6F064A26ABED4255894224F0"]),("email","email","email_br"),("name","name","person_br"),("cpf_cnpj","tax_id","cpfcnpj"),("cc_emails","additional_emails",["financeiro@x.com.br"]),
 ("zip_code","postal_code","cep"),("number","address_number","number_br"),("street","address","street_br"),("city","city","city_br"),("state","state","uf"),("district","district","bairro"),
 ("complement","complement","compl_br"),("phone","phone",["987654321"]),("phone_prefix",N,["11","21"]),("notes","notes","notes"),("created_at",N,"date"),
])
total+=P("Vindi","pt-BR","holdout","https://atendimento.vindi.com.br/hc/pt-br/articles/204450684-Importa%C3%A7%C3%A3o-de-clientes","planilha de importação de clientes",[
 ("Nome","name","person_br"),("E-mail","email","email_br"),("Código","external_id","code"),("CPF","tax_id","cpf"),("CNPJ","tax_id","cnpj"),("Observações","notes","notes"),
 ("Rua","address","street_br"),("Número","address_number","number_br"),("Complemento","complement","compl_br"),("CEP","postal_code","cep"),("Bairro","district","bairro"),("Cidade","city","city_br"),
 ("Estado","state","uf"),("País","country","br_country"),("Telefone","phone","phone_br"),("Celular","mobile_phone","phone_br"),
])
total+=P("NF-e destinatario","pt-BR","tune","https://www.nfe.fazenda.gov.br/portal/exibirArquivo.aspx?conteudo=Bc0hCefTvqM%3D","NF-e layout (Manual de Orientação do Contribuinte) dest/enderDest tags, as exported by NF-e readers",[
 ("CNPJ","tax_id","cnpj"),("CPF","tax_id","cpf"),("xNome","name","company_br"),("xLgr","address","street_br"),("nro","address_number","number_br"),("xCpl","complement","compl_br"),("xBairro","district","bairro"),
 ("cMun",N,["3550308"]),("xMun","city","city_br"),("UF","state","uf"),("CEP","postal_code",["01310100"]),("cPais",N,["1058"]),("xPais","country",["BRASIL"]),("fone","phone",["1198765432"]),
 ("indIEDest",N,["1","9"]),("IE","state_inscription","ie"),("IM","municipal_inscription","im"),("email","email","email_br"),
])
# ---------------- French ----------------
total+=P("Pennylane","fr","tune","https://help.pennylane.com/fr/articles/18430-importer-ses-clients","modèle d'import des clients",[
 ("Nom","name","company_fr"),("Identifiant","external_id","code"),("Type de client",N,["Entreprise","Particulier"]),("Prénom","first_name","person_fr_first"),
 ("Nom de famille","last_name","person_fr_last"),("Email","email","email_fr"),("Téléphone","phone","phone_fr"),("Adresse","address","street_fr"),("Code postal","postal_code","cp_fr"),
 ("Ville","city","city_fr"),("Pays","country","country_fr"),("SIREN","tax_id","siren"),("Numéro de TVA","vat_number","tva"),("IBAN","bank_account","iban"),
 ("Conditions de paiement","payment_terms_days",["30","45"]),("Compte comptable","accounting_code","acct411"),("Référence","external_id" if False else N,["REF-2024-01"]),("Notes","notes","notes"),
])
total+=P("Sellsy","fr","holdout","https://help.sellsy.com/fr/articles/5867380-importer-des-societes","import de sociétés (tiers) : colonnes du modèle",[
 ("Nom de la société","name","company_fr"),("Référence","external_id","code"),("Type",N,["client","prospect"]),("SIREN","tax_id","siren"),("SIRET",N,["73282932000074"]),("N° TVA intracommunautaire","vat_number","tva"),
 ("Code NAF",N,["4711D"]),("Site web","website","web"),("Email","email","email_fr"),("Téléphone","phone","phone_fr"),("Mobile","mobile_phone","phone_fr"),("Fax","fax",[]),
 ("Adresse - Rue","address","street_fr"),("Adresse - Complément","complement",["Bâtiment B",""]),("Adresse - Code postal","postal_code","cp_fr"),("Adresse - Ville","city","city_fr"),("Adresse - Pays","country","country_fr"),
 ("Compte comptable client","accounting_code","acct411"),("Note","notes","notes"),("Contact - Prénom","contact_first_name","person_fr_first"),("Contact - Nom","contact_last_name","person_fr_last"),("Contact - Email","contact_email","email_fr"),
])
total+=P("Axonaut","fr","tune","https://support.axonaut.com/hc/fr/articles/360012071238-Importer-des-entreprises","import d'entreprises (modèle Excel)",[
 ("Nom de l'entreprise","name","company_fr"),("Adresse","address","street_fr"),("Complément d'adresse","complement",["Bâtiment B",""]),("Code postal","postal_code","cp_fr"),("Ville","city","city_fr"),("Région","state",["Île-de-France"]),
 ("Pays","country","country_fr"),("Téléphone","phone","phone_fr"),("Site web","website","web"),("SIRET","tax_id",["73282932000074"]),("Numéro de TVA","vat_number","tva"),("Catégorie","group",["Client"]),
 ("Commentaire","notes","notes"),("Compte comptable","accounting_code","acct411"),("Prénom du contact","contact_first_name","person_fr_first"),("Nom du contact","contact_last_name","person_fr_last"),
 ("Email du contact","contact_email","email_fr"),("Téléphone du contact","contact_phone","phone_fr"),("Fonction du contact","contact_position",["Comptable","Gérant"]),
])
total+=P("Facture.net","fr","tune","https://www.facture.net/aide/importer-clients","import de clients (CSV)",[
 ("Libellé du client","name","company_fr"),("Code client","external_id","code"),("Civilité",N,["M.","Mme"]),("Prénom","first_name","person_fr_first"),("Nom","last_name","person_fr_last"),
 ("Adresse 1","address","street_fr"),("Adresse 2","complement",["Bâtiment B",""]),("Code postal","postal_code","cp_fr"),("Ville","city","city_fr"),("Pays","country","country_fr"),
 ("Téléphone","phone","phone_fr"),("Portable","mobile_phone","phone_fr"),("Email","email","email_fr"),("N° TVA intracom","vat_number","tva"),("SIRET","tax_id",["73282932000074"]),("Délai de paiement (jours)","payment_terms_days","days"),
])
total+=P("Dolibarr","fr","holdout","https://wiki.dolibarr.org/index.php/Module_Import","import des tiers (societe) : libellés des champs",[
 ("Nom du tiers","name","company_fr"),("Nom alternatif","short_name",["Dupont"]),("Statut",N,["1","0"]),("Code client","external_id","code"),("Adresse","address","street_fr"),("Code postal","postal_code","cp_fr"),
 ("Ville","city","city_fr"),("Département",N,["Rhône","Paris"]),("Pays","country","country_fr"),("Téléphone","phone","phone_fr"),("Fax","fax",[]),("Url","website","web"),("Email","email","email_fr"),
 ("Id. prof. 1 (SIREN)","tax_id","siren"),("Id. prof. 2 (SIRET)",N,["73282932000074"]),("Numéro de TVA","vat_number","tva"),("Capital",N,["10000"]),("Note publique","notes","notes"),("Note privée",N,"notes"),
 ("Compte comptable client","accounting_code","acct411"),("Client",N,["1","0"]),
])
total+=P("Odoo","fr","tune","https://www.odoo.com/documentation/17.0/fr/applications/essentials/export_import_data.html","export des contacts (res.partner) en français",[
 ("Nom","name","company_fr"),("Est une société","is_company",["Vrai","Faux"]),("Entreprise liée","parent_name","company_fr"),("Référence","external_id","code"),("Rue","address","street_fr"),("Rue 2","complement",["Bâtiment B",""]),
 ("Code postal","postal_code","cp_fr"),("Ville","city","city_fr"),("État",N,[]),("Pays","country","country_fr"),("N° TVA","vat_number","tva"),("Site Web","website","web"),("Téléphone","phone","phone_fr"),
 ("Mobile","mobile_phone","phone_fr"),("Courriel","email","email_fr"),("Poste occupé","contact_position" if False else N,["Gérant"]),("Étiquettes",N,["VIP"]),("Vendeur",N,["Marc Demo"]),
 ("Conditions de paiement client",N,["30 jours"]),("Notes","notes","notes"),("ID externe",N,["__export__.res_partner_14_aa01"]),
])
# ---------------- Polish ----------------
total+=P("wFirma","pl","tune","https://pomoc.wfirma.pl/-import-kontrahentow","import kontrahentów z pliku (szablon XLS)",[
 ("Nazwa","name","company_pl"),("Nazwa skrócona","short_name","short_pl"),("NIP","tax_id","nip"),("REGON",N,"regon"),("Ulica","address","street_pl"),("Kod pocztowy","postal_code","kod"),
 ("Miejscowość","city","city_pl"),("Kraj","country","country_pl"),("Telefon","phone","phone_pl"),("Faks","fax",[]),("E-mail","email","email_pl"),("Strona www","website",["www.kowalski.pl"]),
 ("Numer konta bankowego","bank_account",["PL61109010140000071219812874"]),("Termin płatności","payment_terms_days","days"),("Osoba kontaktowa","contact_last_name",["Jan Kowalski"]),("Uwagi","notes","notes"),
 ("Adres korespondencyjny - ulica","delivery_address" if False else N,["ul. Polna 1"]),("Adres korespondencyjny - miejscowość",N,["Poznań"]),
])
total+=P("Fakturownia / InvoiceOcean","pl","tune","https://pomoc.fakturownia.pl/70093461-Import-klientow","import klientów (plik CSV/XLS) – kolumny po polsku",[
 ("Nazwa","name","company_pl"),("Nazwa skrócona","short_name","short_pl"),("NIP","tax_id","nip"),("Ulica","address","street_pl"),("Kod pocztowy","postal_code","kod"),("Miasto","city","city_pl"),
 ("Kraj","country","country_pl"),("Email","email","email_pl"),("Telefon","phone","phone_pl"),("Telefon komórkowy","mobile_phone","phone_pl"),("Fax","fax",[]),("WWW","website",["www.kowalski.pl"]),
 ("Imię","first_name",["Jan","Anna"]),("Nazwisko","last_name",["Kowalski","Nowak"]),("Bank","bank_name",["mBank","PKO BP"]),("Numer konta","bank_account",["PL61109010140000071219812874"]),
 ("Firma","is_company",["tak","nie"]),("Adres dostawy","delivery_address",["ul. Polna 1, 60-001 Poznań"]),("Opis","notes","notes"),("Identyfikator","external_id","num_id"),
])
total+=P("iFirma","pl","holdout","https://www.ifirma.pl/pomoc/import-kontrahentow","import kontrahentów (CSV)",[
 ("Identyfikator kontrahenta","external_id","code"),("Nazwa","name","company_pl"),("Prefiks UE",N,["PL"]),("NIP","tax_id","nip"),("Ulica","address","street_pl"),("Kod pocztowy","postal_code","kod"),
 ("Miejscowość","city","city_pl"),("Kraj","country","country_pl"),("Email","email","email_pl"),("Telefon","phone","phone_pl"),("Osoba fizyczna",N,["nie","tak"]),("PESEL",N,["44051401458"]),
])
total+=P("inFakt","pl","tune","https://pomoc.infakt.pl/hc/pl/articles/360010547177-Import-kontrahent%C3%B3w","import kontrahentów z pliku XLS",[
 ("Nazwa firmy","name","company_pl"),("Imię","first_name",["Jan"]),("Nazwisko","last_name",["Kowalski"]),("NIP","tax_id","nip"),("Ulica","address","street_pl"),("Numer budynku","address_number",["10","3"]),
 ("Numer lokalu","complement",["5",""]),("Kod pocztowy","postal_code","kod"),("Miasto","city","city_pl"),("Kraj","country","country_pl"),("Email","email","email_pl"),("Telefon","phone","phone_pl"),
 ("Forma płatności",N,["przelew"]),("Termin płatności (dni)","payment_terms_days","days"),("Uwagi","notes","notes"),
])
total+=P("Subiekt nexo","pl","tune","https://pomoc.insert.com.pl/subiekt_nexo/import-kontrahentow","eksport kontrahentów (nazwy pól KontrXxx)",[
 ("KontrSymbol","external_id",["KOWALSKI","NOWAK"]),("KontrNazwa","short_name","short_pl"),("KontrNazwaPelna","name","company_pl"),("KontrNIP","tax_id","nip"),("KontrREGON",N,"regon"),
 ("KontrUlica","address","street_pl"),("KontrKodPocztowy","postal_code","kod"),("KontrMiejscowosc","city","city_pl"),("KontrTelefon","phone","phone_pl"),("KontrEmail","email","email_pl"),
 ("KontrWWW","website",["www.kowalski.pl"]),("KontrUwagi","notes","notes"),
])
# ---------------- Spanish ----------------
total+=P("Holded","es","tune","https://help.holded.com/es/articles/6896046-importar-contactos","plantilla de importación de contactos",[
 ("Nombre","name","company_es"),("NIF","tax_id","nif"),("Email","email","email_es"),("Teléfono","phone","phone_es"),("Móvil","mobile_phone","phone_es"),("Dirección","address","street_es"),
 ("Población","city","city_es"),("Código postal","postal_code","cp_es"),("Provincia","state","prov_es"),("País","country","country_es"),("Tipo de contacto",N,["cliente"]),("Nombre comercial","short_name",["García"]),
 ("IBAN","bank_account","iban"),("SWIFT",N,["BSCHESMMXXX"]),("Días de vencimiento","payment_terms_days","days"),("Etiquetas",N,["vip"]),("Notas","notes","notes"),("Referencia","external_id","code"),
 ("Cuenta contable","accounting_code",["4300001","4300002"]),
])
total+=P("Alegra","es","holdout","https://ayuda.alegra.com/es/importa-tus-contactos-desde-un-archivo-de-excel","plantilla de importación de contactos",[
 ("Nombre","name","company_es"),("Tipo de identificación",N,"ident_type"),("Identificación","tax_id","nif"),("Dígito de verificación",N,["7","3"]),("Tipo de persona",N,["Persona jurídica","Persona natural"]),
 ("Responsabilidad tributaria",N,["Responsable de IVA"]),("Dirección","address","street_es"),("Departamento","state",["Cundinamarca","Antioquia"]),("Ciudad","city","city_es"),("Correo electrónico","email","email_es"),
 ("Teléfono 1","phone","phone_es"),("Teléfono 2",N,"phone_es"),("Celular","mobile_phone","phone_es"),("Tipo de contacto",N,["Cliente"]),("Plazo de pago","payment_terms_days" if False else N,["30 días"]),("Observaciones","notes","notes"),
])
total+=P("Siigo","es","holdout","https://siigonube.portaldeclientes.siigo.com/importacion-de-terceros/","plantilla de importación de terceros (Siigo Nube)",[
 ("Tipo de identificación",N,"ident_type"),("Identificación","tax_id","nif"),("Dígito verificación",N,["7"]),("Nombres","first_name",["Carlos","Ana"]),("Apellidos","last_name",["Pérez","Gómez"]),
 ("Razón social","name","company_es"),("Nombre comercial","short_name",["Andina"]),("Dirección","address","street_es"),("Ciudad","city","city_es"),("Teléfono","phone","phone_es"),
 ("Correo electrónico","email","email_es"),("Código postal","postal_code","cp_es"),("Es cliente",N,["Sí","No"]),("Es proveedor",N,["No"]),("Observaciones","notes","notes"),
])
total+=P("Quipu","es","tune","https://getquipu.com/es/ayuda/importar-contactos","importación de contactos (Excel)",[
 ("Nombre fiscal","name","company_es"),("Nombre comercial","short_name",["García"]),("NIF/CIF","tax_id","nif"),("Email","email","email_es"),("Teléfono","phone","phone_es"),("Dirección","address","street_es"),
 ("Código postal","postal_code","cp_es"),("Ciudad","city","city_es"),("Provincia","state","prov_es"),("País","country","country_es"),("Código de país",N,["ES"]),("Tipo",N,["Cliente"]),("IBAN","bank_account","iban"),
])
print(total)
