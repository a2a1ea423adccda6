# Scheme documents (`iotlabel documents`): the UK PSTI statement of compliance, the EU CRA Annex II
# user information, the U.S. Cyber Trust Mark registry data and the ETSI EN 303 645 implementation
# conformance statement. Our own wording throughout; no standard or regulation text is copied.

## Scheme names

doc-scheme-uk-psti = UK PSTI statement of compliance
doc-scheme-eu-cra = EU Cyber Resilience Act information for users
doc-scheme-us-cyber-trust-mark = U.S. Cyber Trust Mark registry data
doc-scheme-etsi-en-303-645 = ETSI EN 303 645 implementation conformance statement

## Refusals: what is missing and what to add

doc-refused = Cannot write the { $scheme }: { $count ->
    [one] one fact is missing or not met
   *[other] { $count } facts are missing or not met
}.
doc-why-address = the manufacturer's postal address is needed; add `address` under [identity.manufacturer].
doc-why-contact-email = an e-mail address for users is needed; add `contact_email` under [identity.manufacturer].
doc-why-vuln-contact = a place to report security problems is needed; add `contact` (a security.txt URL, a web form or a mailto: address) under [vulnerability_disclosure].
doc-why-vuln-policy = users must be told where the coordinated vulnerability disclosure policy is published; add `policy_url` under [vulnerability_disclosure].
doc-why-support-end = the date until which security updates are provided (the support period) is needed; add `support_end` under [updates].
doc-why-support-ended = the support period ended on { $date }, before the date of issue ({ $issued }); a statement cannot promise support that is already over. Extend the support period or do not issue the statement.
doc-why-eu-doc = the web address of the EU declaration of conformity is needed; add `eu_declaration_url` under [documentation].
doc-why-intended-use = the product's intended purpose is needed; add `intended_use` (a sentence or two) under [identity].
doc-why-risks = users must be told about foreseeable situations that could lead to serious security risks; describe them in the user documentation and set `risks_documented = true` under [documentation].
doc-why-setup-guide = the registry says how to set the device up securely; set `secure_setup_guide` under [documentation].
doc-why-can-change-password = the registry says how to change the factory password, or that it cannot be changed; set `user_can_change_credentials` under [authentication].
doc-why-psti-not-met = UK PSTI requirement { $id } ({ $title }) is not met: { $reason } A statement of compliance cannot be issued for a product that does not comply; fix the product or its declaration first.
doc-why-psti-unknown = whether UK PSTI requirement { $id } ({ $title }) is met cannot be decided: { $reason }
doc-why-etsi-unknown = needed to decide mandatory { $count ->
    [one] provision
   *[other] provisions
} { $ids }; a conformance statement cannot leave a mandatory provision undecided.

## Shared pieces

doc-not-declared = not declared
doc-fill-in = ____________________
doc-prepared = Prepared with iotlabel on { $date } from the manufacturer's declaration, assessed as of { $as_of }.
doc-product-line = { $brand } { $model }, hardware version { $hardware }, firmware version { $firmware }
doc-gtin = GTIN: { $gtin }

## UK PSTI statement of compliance

doc-psti-title = Statement of compliance: UK product security regime
doc-psti-intro = This statement is made under Part 1 of the Product Security and Telecommunications Infrastructure Act 2022 and the security requirements regulations made under it (SI 2023/1007).
doc-psti-product = Product
doc-psti-product-type = Type of product: { $kind }
doc-psti-product-id = Model: { $product }
doc-psti-batch = Batch or serial numbers covered: { $blank }
doc-psti-manufacturer = Manufacturer
doc-psti-manufacturer-name = Name: { $name }
doc-psti-manufacturer-address = Address: { $address }
doc-psti-manufacturer-website = Website: { $url }
doc-psti-declaration = Declaration
doc-psti-prepared-by = This statement has been prepared by, or on behalf of, the manufacturer named above.
doc-psti-opinion = In the manufacturer's opinion, the product complies with each applicable security requirement:
doc-psti-req-1 = no universal default passwords
doc-psti-req-2 = a published point of contact for reporting security issues
doc-psti-req-3 = a published defined support period
doc-psti-req-met = Requirement { $id }, { $title }: met.
doc-psti-req-na = Requirement { $id }, { $title }: does not apply. { $reason }
doc-psti-route-via = Deemed met through { $framework } { $ids } ({ $reference }).
doc-psti-route-label = Deemed met through the current { $scheme } label { $id } ({ $reference }).
doc-and = and
doc-psti-contact = Security issues can be reported to { $contact }.
doc-psti-policy = The disclosure policy is published at { $url }.
doc-psti-timelines = Reporters receive an acknowledgement within { $ack } days and status updates at least every { $status } days.
doc-psti-support = Defined support period
doc-psti-support-end = At the date of issue, the defined support period ends on { $date }: security updates are provided at least until then.
doc-psti-support-url = The support period is published at { $url }.
doc-psti-signature = Issue and signature
doc-psti-place = Place of issue: { $blank }
doc-psti-date = Date of issue: { $date }
doc-psti-name = Name: { $blank }
doc-psti-function = Function: { $blank }
doc-psti-sign = Signature: { $blank }
doc-psti-retain = Keep this statement for at least ten years from the date of issue, or for the whole support period if that is longer.

## EU CRA information and instructions for the user

doc-cra-title = Information and instructions for the user: { $product }
doc-cra-intro = The information the Cyber Resilience Act (Regulation (EU) 2024/2847, Annex II) asks the manufacturer to give with the product, point by point.
doc-cra-1 = 1. Manufacturer
doc-cra-name = Name or trademark: { $name }
doc-cra-address = Postal address: { $address }
doc-cra-email = E-mail: { $email }
doc-cra-website = Website: { $url }
doc-cra-2 = 2. Reporting vulnerabilities
doc-cra-contact = Single point of contact for vulnerability reports: { $contact }
doc-cra-policy = Coordinated vulnerability disclosure policy: { $url }
doc-cra-3 = 3. Product identification
doc-cra-product = Product: { $product }
doc-cra-type = Type of product: { $kind }
doc-cra-4 = 4. Intended purpose and security properties
doc-cra-intended = Intended purpose (in the manufacturer's words): { $text }
doc-cra-offline-full = Its essential functions keep working without an internet connection.
doc-cra-offline-partial = Some of its functions keep working without an internet connection.
doc-cra-offline-none = It does not work without an internet connection and the manufacturer's cloud services.
doc-cra-5 = 5. Foreseeable circumstances of significant cybersecurity risk
doc-cra-risks = These circumstances, including reasonably foreseeable misuse, are described in the user documentation supplied with the product.
doc-cra-6 = 6. EU declaration of conformity
doc-cra-doc = The EU declaration of conformity can be read at { $url }
doc-cra-7 = 7. Technical security support
doc-cra-support-type = Type of support: { $kind }
doc-cra-support-free = Security updates are free of charge.
doc-cra-support-end = End of the support period: { $month } (security updates are provided until { $date }).
doc-cra-support-url = The support period is published at { $url }.
doc-cra-8 = 8. Instructions
doc-cra-setup = Setting up and using the product securely: { $text }
doc-cra-setup-yes = follow the secure setup guide supplied with the product.
doc-cra-setup-no = the manufacturer does not provide a secure setup guide.
doc-cra-changes = How changes can affect the security of your data: { $text }
doc-cra-changes-auth = changing security settings over the network requires authentication; the privacy policy explains how your data is handled.
doc-cra-changes-policy = the privacy policy explains how your data is handled.
doc-cra-privacy = Privacy policy: { $url }
doc-cra-updates = Installing security updates: { $text }
doc-cra-decommission = Decommissioning the product and removing your data: { $text }
doc-cra-decommission-guide = follow the decommissioning instructions in the user documentation.
doc-cra-reset-erases = A factory reset erases your data from the device.
doc-cra-reset-keeps = A factory reset does not erase all your data from the device.
doc-cra-delete-request = You can ask the manufacturer to delete your data from its services.
doc-cra-auto-off = Turning off automatic updates: { $text }
doc-cra-auto-off-yes = automatic updates can be turned off or postponed in the product's settings.
doc-cra-auto-off-no = automatic updates cannot be turned off.
doc-cra-auto-off-manual = updates are not installed automatically, so there is nothing to turn off.
doc-cra-9 = 9. Software bill of materials
doc-cra-sbom-url = The software bill of materials ({ $format }) can be obtained at { $url }
doc-cra-sbom-kept = A software bill of materials is kept in the technical documentation; it is not made available to users.
doc-cra-sbom-none = No software bill of materials is made available to users.

## Descriptions shared by several documents

doc-password-none = The product uses no passwords.
doc-password-unique = Each unit comes with its own password.
doc-password-user-set = There is no factory password: you choose one when you set the product up.
doc-password-universal = Every unit comes with the same factory password.
doc-password-change-yes = You can change it in the product's settings or app.
doc-password-change-no = It cannot be changed.
doc-updates-none = The product's software cannot be updated.
doc-updates-manual = Updates are not installed automatically: you have to look for them and install them yourself.
doc-updates-opt-in = Updates can be installed automatically once you turn automatic updates on in the product's settings.
doc-updates-auto = Updates are installed automatically; nothing needs to be done.
doc-updates-notified = You are told about updates by: { $channels }.
doc-updates-guidance = Each security update comes with an explanation of what it fixes.
doc-channel-app = the app
doc-channel-email = e-mail
doc-channel-device-screen = the device's screen
doc-channel-website = the manufacturer's website
doc-encryption-all = All network traffic is encrypted.
doc-encryption-partial = Some network traffic is encrypted.
doc-encryption-none = Network traffic is not encrypted.
doc-encryption-at-rest = Stored data is encrypted.
doc-support-type-auto = security updates, installed automatically by default
doc-support-type-opt-in = security updates, installed automatically once turned on
doc-support-type-manual = security updates, installed by the user
doc-support-type-none = no software updates (the product cannot be updated)

## U.S. Cyber Trust Mark registry data (sentences inside the JSON)

doc-us-note = Registry data elements prepared by iotlabel from the manufacturer's declaration. This is not an entry in the U.S. Cyber Trust Mark registry.
doc-us-certified = Authorized under the U.S. Cyber Trust Mark (certificate { $id }, issued { $date }).
doc-us-expired = The U.S. Cyber Trust Mark authorization (certificate { $id }) expired on { $date }.
doc-us-not-certified = Not certified: iotlabel assessment only. No Cyber Trust Mark certification body has authorized this product. Outcome of the iotlabel assessment against NIST IR 8425: { $verdict }.
doc-verdict-conformant = conformant
doc-verdict-not-conformant = not conformant
doc-verdict-incomplete = incomplete (some requirements could not be decided)
doc-verdict-out-of-scope = out of scope (the framework does not apply to this product)
doc-us-setup-yes = Follow the secure setup guide supplied with the product; more at { $url }.
doc-us-setup-no = The manufacturer provides no secure setup guide; see { $url }.
doc-us-updates-how-manual = Download updates from the manufacturer ({ $url }) and install them yourself.
doc-us-updates-how-opt-in = Turn on automatic updates in the product's settings.
doc-us-updates-how-auto = No action is needed.
doc-us-updates-how-none = None: the product cannot be updated.

## ETSI EN 303 645 implementation conformance statement

doc-etsi-title = Implementation conformance statement: ETSI EN 303 645 { $edition }
doc-etsi-intro = For each provision of the standard, following the layout of its Annex B pro forma (Table B.1): the provision's status, whether this product supports it and the details.
doc-etsi-legend = Status: M mandatory, R recommended, C(n) applies under condition n, F(x) applies when the product has feature x. Support: Y yes, N no, N/A not applicable (only for conditional or feature-dependent provisions), ? not yet decided.
doc-etsi-product = Product: { $product }
doc-etsi-manufacturer = Manufacturer: { $name }
doc-etsi-summary = Summary: { $y } Y, { $n } N, { $na } N/A, { $unknown } undecided, out of { $total } provisions.
doc-etsi-col-id = Provision
doc-etsi-col-status = Status
doc-etsi-col-support = Support
doc-etsi-col-detail = Detail
doc-etsi-na-unconditional = (Shown as N: this provision has no condition, so the pro forma does not allow N/A.)
doc-etsi-evidence = Evidence: { $ids }.
doc-etsi-undecided = Recommendations not yet decided
doc-etsi-undecided-item = { $id }: add { $fields }.
doc-etsi-not-implemented = Recommendations not implemented
doc-etsi-not-implemented-intro = Provision 5.0-1 asks for a written justification for each of these: { $ids }.
doc-etsi-justified = The manufacturer declares that these justifications are recorded.
doc-etsi-not-justified = The manufacturer does not declare that these justifications are recorded.
