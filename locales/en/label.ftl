# The two-layer label (crates/render): the primary layer (box panel), the secondary layer (web
# page) and the terminal rendering. Same ids in fr/label.ftl.

## Primary layer

label-panel-title = SECURITY & PRIVACY LABEL
label-svg-title = Security and privacy label: { $product }
label-field = { $name }: { $value }
label-support-icon = Support period
label-support-until = Security updates until
label-support-sentence = Security updates until { $date }
label-support-ended = Support ended
label-support-ended-on = Security updates ended on { $date }
label-support-undeclared = Not declared
label-support-no-updates = No security updates
label-box-period-until = Support period until { $date }
label-box-period-ended = Support period ended on { $date }
label-updates = Security updates
label-updates-automatic = Automatic
label-updates-opt-in = Automatic once you turn them on
label-updates-manual = Manual (you install them)
label-updates-none = Cannot be updated
label-updates-ended = No longer provided (support ended)
label-password = Default password
label-password-none = No password used
label-password-unique = Unique to each device
label-password-user-set = You set it at setup
label-password-universal = Same on every device
label-report = Report a security flaw
label-report-none = No contact given
label-offline = Works without internet
label-offline-yes = Yes
label-offline-partly = Partly
label-offline-no = No, it needs the cloud
label-sensors = Sensors
label-sensors-continued = Sensors, continued
label-sensors-none = No sensors
label-off-physical = Off switch on device
label-off-cover = Physical cover
label-off-software = Off in settings only
label-off-none = Cannot be turned off
label-data = Data collected
label-data-continued = Data collected, continued
label-data-none = No data collected
label-stored-device = On the device
label-stored-cloud = In the cloud
label-stored-both = Device and cloud
label-data-shared-short = shared
label-data-sold-short = sold
label-data-sold-undeclared-short = sale not declared
label-data-kept-days = { $count ->
    [one] kept 1 day
   *[other] kept { $count } days
}
label-data-kept-undeclared = retention not declared
label-data-sold-kept-undeclared = sale and retention not declared
label-versions = Hardware { $hardware } · Firmware { $firmware } · Label of { $date }
label-more = { $count ->
    [one] + { $count } more: see online
   *[other] + { $count } more: see online
}
label-assessed-on = Assessed on { $date }
label-fw-conformant = { $name }: requirements met
label-fw-not-conformant = { $name }: requirements not met ({ $met } of { $total } met)
label-fw-incomplete = { $name }: incomplete
label-fw-out-of-scope = { $name }: does not apply to this product
label-fw-level = { $name }: level { $level } of { $max }, certified
label-fw-level-self = { $name }: level { $level } of { $max }, self-assessed
label-fw-no-level = { $name }: no level reached
label-fw-criteria-met = { $name }: { $met } of { $applicable } criteria met
label-fw-unconfirmed = { $name }: cannot be confirmed (see online)
label-fw-short-meets = Meets { $name }
label-fw-short-fails = Fails { $name } ({ $met }/{ $total })
label-fw-short-unconfirmed = { $name } not confirmed
label-fw-short-incomplete = { $name } undecided
label-fw-short-out-of-scope = { $name } does not apply
label-fw-short-level = { $name } level { $level }/{ $max }, certified
label-fw-short-level-self = { $name } level { $level }/{ $max }, self-assessed
label-fw-short-no-level = { $name }: no level
label-fw-short-criteria = { $name }: { $met } of { $applicable } criteria
label-attest-lab-failed = Tested by { $labs }: problems found
label-attest-lab-partial-failed = Partly lab-tested by { $labs }: problems found
label-attest-self = Self-declared by the manufacturer
label-attest-lab = Tested by { $labs }
label-attest-lab-partial = Partly lab-tested by { $labs }
label-attest-lab-claimed = Self-declared; lab test by { $labs } claimed by the manufacturer
label-attest-also-claimed = Lab test by { $labs } claimed by the manufacturer, without evidence
label-scan = Details online

## Deal-breakers: the band under the product name, first on every layer

label-deal-count = { $count ->
    [one] 1 serious problem
   *[other] { $count } serious problems
}
label-deal-none = No serious problems found
label-deal-default-password = { $case ->
    [universal] Same password on every device
   *[other] Guessable default password
}
label-deal-support = { $case ->
    [ended] Security support has ended
   *[other] No support period declared
}
label-deal-not-updatable = Cannot be updated
label-deal-open-services = Open to anyone on the network
label-deal-no-report = No way to report a flaw
label-deal-contradicted = { $count ->
    [one] A claim contradicted by a test
   *[other] { $count } claims contradicted by tests
}
label-deal-default-password-why = { $case ->
    [universal] Every unit of this model comes with the same password, and attackers know such passwords.
   *[other] The factory password follows a pattern that attackers can guess.
}
label-deal-support-why = { $case ->
    [ended] The manufacturer no longer fixes security flaws in this device.
   *[other] The manufacturer does not say how long it will fix security flaws.
}
label-deal-not-updatable-why = Its software cannot be updated: a flaw found after you buy it stays for the life of the device.
label-deal-open-services-why = Services on your home network let anyone in without a password.
label-deal-no-report-why = There is no published contact for reporting a security flaw, so flaws may never reach the manufacturer.
label-deal-contradicted-why = Tests found the opposite of what the manufacturer declares.
label-deal-basis = Rule: { $basis }
label-mark-good = Good
label-mark-bad = Problem
label-mark-warning = Warning
label-answer-contradicted = { $answer }, but a test found otherwise
label-password-none-open = None, and services are open without one

## Secondary layer: page structure

label-h-language = English version
label-h-summary = The label at a glance
label-h-after-purchase = What to do after purchase
label-todo-nothing = Nothing in particular: set it up as the manufacturer's guide says.
label-todo-password-change = Change the default password before you connect the device to the internet.
label-todo-services = Keep the device on a separate network (a guest network), since some of its services let anyone in.
label-todo-isolate = Its flaws will not be fixed: keep it off the internet or on a separate network, and plan to replace it.
label-todo-updates-opt-in = Turn on automatic updates during setup.
label-todo-updates-manual = Check for updates every month and install them.
label-todo-replace = Plan to replace it after { $date }, when security updates end.
label-todo-password-choose = Choose a password you use nowhere else.
label-todo-mfa = Turn on two-step sign-in for your online account.
label-todo-sensors = Place it where its camera or microphone cannot capture what you want to keep private: some cannot be switched off by hand.
label-todo-privacy = Read the privacy settings and turn off the sharing you do not want.
label-details-facts = Everything the manufacturer declares
label-details-requirements = All { $count } requirements, one by one
label-panel-caption = The label printed on the box. The same facts are written out below.
label-h-product = About the product
label-h-updates = Security updates
label-h-passwords = Passwords and logging in
label-h-vulnerabilities = Reporting security flaws
label-h-sensors = Sensors
label-h-data = Data collected
label-h-network = Internet and home network
label-h-local-services = Services open on your home network
label-h-cloud-endpoints = Internet services it talks to
label-h-local-peers = What it talks to on your home network
label-h-hardware = Hardware and software protections
label-h-documentation = Documentation for users
label-h-ownership = Ownership: repair, resale, end of service
label-h-frameworks = Results against standards and laws
label-h-evidence = Who vouches for these facts
label-h-claims = Who vouches for each part of the declaration
label-h-certifications = Certifications
label-h-test-evidence = Test evidence
label-h-accepted = Findings the lab accepts
label-h-about = About this label
label-h-glossary = Glossary
label-meaning = What this means for you:
label-see-glossary = In the glossary:
label-declared-caption = What the manufacturer declares
label-col-fact = Fact
label-col-answer = Answer
label-yes = Yes
label-no = No
label-not-declared = Not declared
label-none = None
label-nobody = Nobody
label-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
label-port = port { $port }

## Secondary layer: declared facts

label-f-manufacturer = Manufacturer
label-f-country = Manufacturer's country
label-f-website = Manufacturer's website
label-f-address = Manufacturer's postal address
label-f-contact-email = Customer contact
label-f-brand = Brand
label-f-model = Model
label-f-hardware-version = Hardware version
label-f-firmware-version = Software (firmware) version
label-f-gtin = Product number (GTIN)
label-f-device-type = Kind of device
label-f-release-date = First sold on
label-f-model-marked = The model name is marked on the device or shown by it
label-f-intended-use = Intended use
label-f-update-mechanism = How security updates are installed
label-f-support-end = Security updates until
label-f-expected-use = Expected time in use, in months
label-f-support-period-end = End of the support period
label-f-support-period-url = Where the support period is published
label-f-signed = Updates are digitally signed
label-f-verified-on-device = The device checks the signature before installing an update
label-f-secure-delivery = Updates arrive over an encrypted, authenticated connection
label-f-time-to-fix = Longest time to fix a critical flaw
label-f-notification = How you are told about updates
label-f-periodic-check = The device checks for updates regularly
label-f-user-can-defer = You can turn automatic updates off or postpone them
label-f-warns-of-disruption = You are warned when an update will interrupt the device
label-f-all-components-updatable = All of its software can be updated
label-f-free-of-charge = Security updates are free
label-f-security-separate = Security fixes can come without feature changes
label-f-not-updatable-rationale = Why it cannot be updated
label-f-default-password = Default password
label-f-unique-passwords-random = Factory passwords are random, not guessable from the serial number
label-f-local-login = Ways to log in at home
label-f-remote-login = Ways to log in from outside the home
label-f-cloud-mfa = Two-step login for the online account
label-f-brute-force = Protection against password guessing
label-f-best-practice-crypto = Logging in uses current, strong cryptography
label-f-user-can-change-credentials = You can change passwords easily
label-f-machine-credentials-unique = Keys the device uses with other machines are unique to each unit
label-f-contact = Where to report a security flaw
label-f-policy-url = Vulnerability disclosure policy
label-f-acknowledgement-days = A report is acknowledged within
label-f-status-update-days = The reporter gets news at least every
label-f-monitors-vulnerabilities = The manufacturer looks for and fixes flaws throughout the support period
label-f-publishes-advisories = Fixed flaws are announced publicly
label-f-known-exploitable = Known exploitable flaws when released
label-f-offline-function = Works without internet
label-f-encryption-in-transit = Network traffic is encrypted
label-f-min-tls = Oldest encryption protocol version accepted
label-f-remote-access = Can be controlled from outside the home
label-f-network-functions-authenticated = Functions reachable over the network require logging in first
label-f-config-changes-authenticated = Changing security settings over the network requires logging in
label-f-secrets-encrypted-in-transit = Passwords and keys are encrypted when sent
label-f-reviewed-implementations = Network and security software is reviewed or evaluated
label-f-crypto-agile = Its encryption methods can be replaced by an update
label-f-dos-resilient = It withstands network floods and limits harm to other networks
label-f-orderly-reconnection = It reconnects in an orderly way after an outage
label-f-mud-url = Network profile (MUD) address
label-f-encrypted-at-rest = Stored data is encrypted
label-f-personal-data-encrypted-in-transit = Personal data is encrypted when sent to the manufacturer
label-f-deletion-on-request = You can have your data deleted from the manufacturer's services
label-f-deletion-on-factory-reset = A factory reset erases your data from the device
label-f-deletion-instructions = You are told clearly how to delete your data
label-f-deletion-confirmed = You get a confirmation once your data is deleted
label-f-privacy-policy = Privacy policy
label-f-consent-based = Your data is processed with your consent
label-f-consent-withdrawable = You can withdraw your consent at any time
label-f-minimised = Data is deleted once no longer needed
label-f-anonymised = Personal data is anonymised where possible
label-f-portable = You can export your data
label-f-telemetry = The device sends usage or diagnostic data (telemetry)
label-f-telemetry-described = You are told what telemetry is collected, why and by whom
label-f-telemetry-minimised = Telemetry holds as little personal data as possible
label-f-telemetry-examined = Telemetry is checked for signs of attack
label-f-secure-boot = Only the manufacturer's software can start (secure boot)
label-f-debug-interfaces = Debug ports (UART, JTAG)
label-f-debug-protected = Debug ports are physically protected
label-f-secure-element = A secure chip stores its keys
label-f-secrets-stored-securely = Keys and passwords are kept in protected storage
label-f-tamper-resistant-identity = Its identity resists tampering
label-f-memory-protection = The hardware protects memory from misuse
label-f-unneeded-interfaces-removed = Physical ports not needed in use are not exposed
label-f-sbom = Software bill of materials (SBOM)
label-f-no-hardcoded-secrets = No passwords or keys are built into the software
label-f-per-device-keys = Keys for updates and services are unique to each unit
label-f-key-lifecycle = Keys are created, replaced and revoked in a managed way
label-f-secure-development = Made following a secure development process
label-f-minimal-services = Only the services it needs are on
label-f-minimal-code = Its software is limited to what it needs
label-f-least-privilege = Its software runs with the least privileges it needs
label-f-input-validation = It checks input from users and the network
label-f-exploit-mitigations = Protections against exploits are on
label-f-tamper-response = It alerts you and limits its network access if its software is changed without permission
label-f-security-logging = Security events are logged (you can opt out)
label-f-security-testing = Its security is tested and reviewed regularly
label-f-secure-by-default = It ships with secure settings and can be reset to them
label-f-secure-setup-guide = Guidance on setting it up securely
label-f-setup-check-guide = Guidance on checking it is set up securely
label-f-minimal-setup-decisions = Setup needs few decisions and security is on by default
label-f-justifications-recorded = Every security recommendation not followed is justified in writing
label-f-update-guidance = You are told when an update is needed and what it fixes
label-f-eu-declaration = EU declaration of conformity
label-f-risks-documented = Known risks of use are described
label-f-decommissioning-guide = How to dispose of it securely is explained
label-f-risk-assessment = A security risk assessment was done
label-f-uk-statement-of-compliance = A UK statement of compliance comes with the product
label-f-spare-parts = Spare parts are sold to owners and independent repairers
label-f-repair-information = Repair information is available to owners and independent repairers
label-f-repair-until = Parts and repair information are promised until
label-f-battery = Battery
label-f-independent-repair = Repair by you or an independent repairer keeps the warranty
label-f-transfer-free = You can reset it and pass it on to a new owner without the maker's permission
label-f-transfer-no-fee = Passing it on to a new owner costs nothing
label-f-service-end-function = What keeps working if the maker's online service ends
label-f-local-api = A documented local interface lets you control it without the maker
label-f-service-end-notice = Months of notice promised before the online service shuts down
label-f-no-remote-disabling = The maker will not disable features you paid for, remotely
label-f-label-id = Label id
label-f-digest = Content digest
label-f-label-url = Address of this page
label-f-as-of = Assessed on
label-about-digest = The code on the box leads to this page. The digest identifies the exact declaration and test evidence this label was made from: if the manufacturer changes them, the registry shows that the printed label is out of date.

## Secondary layer: words for declared values

label-login-password = password
label-login-pin = PIN
label-login-pairing-button = pairing button
label-login-app-pairing = pairing with the app
label-login-certificate = certificate
label-login-biometric = fingerprint or face
label-login-cloud-account = online account
label-login-no-authentication = no login at all
label-mfa-no-cloud-account = There is no online account
label-mfa-required = Always on
label-mfa-optional = Available, you can turn it on
label-mfa-unavailable = Not available
label-brute-rate-limit = Limits the number of attempts
label-brute-lockout = Locks after repeated failures
label-brute-increasing-delay = Waits longer after each failure
label-brute-none = None
label-notify-app = the app
label-notify-email = e-mail
label-notify-device-screen = the device's screen
label-notify-website = the website
label-notify-none = not at all
label-coverage-all = All of it
label-coverage-partial = Only part of it
label-coverage-none = None of it
label-debug-absent = None
label-debug-locked = Present but locked
label-debug-open = Present and open
label-battery-none = No battery
label-battery-user-replaceable = You can replace it
label-battery-service-replaceable = Only a repairer can replace it
label-battery-not-replaceable = Cannot be replaced
label-service-end-full = Everything
label-service-end-partial = The core function; features that need the service stop
label-service-end-none = Nothing: the device stops working
label-sbom-authorities = kept for authorities
label-active-always = Always on
label-active-when-triggered = When something triggers it
label-active-on-demand = Only when you use it
label-active-scheduled = On a schedule
label-sensor-active = When it is on
label-sensor-indicator = A light or sign shows when it is on
label-sensor-off = How to turn it off
label-sensor-documented = Described in the user guide
label-data-purpose = Why
label-data-stored = Where it is kept
label-data-region = Where online copies are kept
label-region-eu = European Union
label-data-shared = Shared with
label-data-sold = Sold
label-data-retention = Kept for
label-service = { $name }, port { $port } ({ $transport })
label-service-auth-yes = login required
label-service-auth-no = no login needed
label-service-enc-yes = encrypted
label-service-enc-no = not encrypted
label-service-default-on = on out of the box
label-service-default-off = off out of the box
label-endpoint = { $domain }, port { $port } ({ $protocol })
label-peer-same-manufacturer = Devices from the same manufacturer
label-peer-controller = A home controller
label-peer-my-controller = Your own controller
label-peer-local-networks = Any device on your home network
label-controller = Accepts commands from
label-claim-self = declared by the manufacturer
label-claim-lab = tested by { $lab }
label-certification = { $scheme } (level { $level }), certificate { $id }, issued on { $issued }
label-certification-expires = Expires on { $date }.
label-testers = Tests run by: { $labs }
label-evidence-none = No test evidence was supplied: the facts above are the manufacturer's word.
# A list cut short on the online page (test evidence, evidence ids): how many it leaves out.
# $count: the number (for the plural), $number: the same number written for reading.
label-evidence-more = { $count ->
    [one] and { $number } more (see the label JSON)
   *[other] and { $number } more (see the label JSON)
}
label-evidence-used = Test evidence:
label-routes = Routes the law accepts in its place:
label-route = Route { $id } ({ $met }): { $through } ({ $reference }).
label-route-met = met
label-route-not-met = not met
label-route-via = through { $framework } { $ids }
label-route-label = by holding a current { $scheme } label
label-route-label-held = by the current { $scheme } label { $id }
label-missing-fields = Facts missing:
label-protocol-other = other protocol
label-certifications-none = None
label-logins-none = None
label-requirement-ref = { $framework } requirement { $id }, “{ $title }”
label-certification-no-level = { $scheme }, certificate { $id }, issued on { $issued }

## Secondary layer: framework results

label-fwv-conformant = Every mandatory requirement is met or does not apply.
label-fwv-not-conformant = At least one mandatory requirement is not met.
label-fwv-incomplete = No mandatory requirement fails, but some cannot be judged because facts are missing.
label-fwv-out-of-scope = This framework does not apply to this product.
label-fwv-consumer-evaluation = A consumer evaluation, not a legal or certification requirement: its criteria are recommendations. The count says how many of the criteria that apply the product meets; it meets the evaluation only if it meets them all.
label-attribution = Source and licence:
label-counts = { $total } requirements: { $list }.
label-count-pass = { $count } met
label-count-fail = { $count } not met
label-count-unknown = { $count } unknown
label-count-na = { $count } not applicable
label-count-contradicted = { $count } contradicted by tests
label-req-caption = { $name }: the verdict on each requirement
label-col-requirement = Requirement
label-col-asks = What it asks
label-col-status = Status
label-col-verdict = Verdict
label-col-why = Why
label-status-mandatory = Mandatory
label-status-recommended = Recommended
label-verdict-pass = Met
label-verdict-fail = Not met
label-verdict-not-applicable = Does not apply
label-verdict-unknown = Unknown
label-verdict-contradicted = Contradicted by tests
label-level-reached-next = Level { $level } reached; level { $next } not reached: { $list }.
label-level-reached-top = Level { $level } reached: the highest level.
label-level-none-reached = Level { $next } not reached: { $list }.
label-levels-caption = { $name }: the levels
label-col-level = Level
label-col-reached = Reached
label-col-level-requirements = The requirements it needs

## Secondary layer: what this means for you

label-meaning-support = Until { $date }, the manufacturer promises to fix security flaws in this device. After that date, new flaws stay open: plan to replace the device then, or keep it off the internet.
label-meaning-support-ended = Since { $date }, the manufacturer no longer fixes security flaws. Flaws found from now on stay open: consider replacing the device, or at least keep it off the internet.
label-meaning-support-undeclared = The manufacturer does not say how long it will fix security flaws, so you cannot know when the device stops being safe to keep online.
label-meaning-updates-automatic = Fixes install themselves: keep the device connected and it stays up to date.
label-meaning-updates-opt-in = Fixes install themselves only once you turn automatic updates on: do it during setup.
label-meaning-updates-manual = You have to look for updates and install them yourself: check regularly.
label-meaning-updates-none = The software cannot be updated: a flaw found later can never be fixed.
label-meaning-not-updatable-period = The support period the manufacturer declares (until { $date }) cannot bring software fixes: see below why the device cannot be updated and what the manufacturer offers instead.
label-support-period-until = Support period until { $date }
label-support-period-ended = Support period ended on { $date }
label-meaning-password-none = The device uses no password (it pairs by other means), so there is no factory password an attacker could guess.
label-meaning-password-unique = Each unit has its own factory password. Keep it private, and change it if you can.
label-meaning-password-user-set = You choose the password when you set the device up: pick one you do not use anywhere else.
label-meaning-password-universal = Every unit shares the same factory password, which attackers know. Change it at once, and keep the device off the internet if you cannot.
label-meaning-password-universal-fixed = Every unit shares the same factory password, which attackers know, and it cannot be changed: keep the device off the internet and off networks others use.
label-meaning-password-unique-fixed = Each unit has its own factory password, which cannot be changed: keep it private, and do not let others see the sticker it is printed on.
label-meaning-password-none-open = The device uses no password, and some of its services on your home network let anyone in without one: the list of services below says which.
label-meaning-report = Anyone who finds a security flaw can tell the manufacturer at { $contact }, so it can be fixed before it is abused.
label-meaning-report-not-updatable = Anyone who finds a security flaw can tell the manufacturer at { $contact }. This device cannot be updated, though, so a flaw cannot be fixed on it.
label-meaning-report-none = The manufacturer gives no contact for reporting security flaws, so flaws people find may never reach it.
label-meaning-sensors = Each sensor is listed with how to turn it off. A physical switch or cover is the only way to be sure it is off.
label-meaning-sensors-no-switch = { $count ->
    [one] This sensor has no physical switch or cover: { $sensors }.
   *[other] These sensors have no physical switch or cover: { $sensors }.
}
label-meaning-sensors-people-no-switch = { $count ->
    [one] This sensor can record your voice or image and those of the people around you, and has no physical switch or cover: { $sensors }.
   *[other] These sensors can record your voice or image and those of the people around you, and have no physical switch or cover: { $sensors }.
}
label-meaning-sensors-also-no-switch = { $count ->
    [one] Nor does this other sensor: { $sensors }.
   *[other] Nor do these other sensors: { $sensors }.
}
label-meaning-sensors-cannot-be-off = { $count ->
    [one] It cannot be turned off at all.
   *[other] None of them can be turned off.
}
label-meaning-sensors-off-list = The list above says how to turn each one off, when that is possible: turning a sensor off in the settings means trusting the software.
label-meaning-sensors-none = The device has no sensors that observe you or your home.
label-meaning-data = Each kind of data is listed with why it is collected and where it is kept. It is not shared or sold.
label-meaning-data-sold-undeclared = Each kind of data is listed with why it is collected and where it is kept. It is not shared; the manufacturer does not say whether it sells any of it.
label-fw-paperwork-refused = The scheme’s paperwork cannot be written for this product ({ $fields }), so the label does not show it as met.
label-meaning-data-shared = Some of your data is shared with other companies: the list above says who receives each kind.
label-meaning-data-sold = Some of your data is sold to other companies: the list above says which kinds.
label-meaning-data-none = The device collects no data about you.
label-meaning-offline-yes = The device does its main job with no internet connection. If the manufacturer's online service stops, it keeps working.
label-meaning-offline-partly = Some functions work without the internet; others stop if your connection or the manufacturer's online service is down.
label-meaning-offline-no = The device needs the manufacturer's online service to work. If that service stops, the device may stop working.
label-meaning-hardware = These protections make it harder for an attacker to take over the device or read its secrets. Most cannot be checked from outside.
label-meaning-ownership = What you can do with the device once you have bought it: have it repaired, sell or give it away, and keep using it if the maker's online service ends. These are the maker's commitments.
label-meaning-frameworks = Standards and laws say what a secure connected device must do. Each requirement below was judged from the manufacturer's declaration and any test evidence.
label-meaning-evidence = A declaration is the manufacturer's word. Facts a laboratory tested are stronger; test evidence can confirm a fact or contradict it.

## Glossary

label-term-support-period = Support period
label-def-support-period = How long the manufacturer promises to fix security flaws in the device.
label-term-security-update = Security update
label-def-security-update = New software from the manufacturer that fixes a security flaw.
label-term-default-password = Default password
label-def-default-password = The password a device has when it leaves the factory. A password shared by every unit is easy for attackers to find.
label-term-mfa = Two-step login (multi-factor authentication)
label-def-mfa = Logging in with a second proof besides the password, such as a code sent to your phone.
label-term-vulnerability = Security flaw (vulnerability)
label-def-vulnerability = A weakness in a device or its software that an attacker could use.
label-term-vulnerability-disclosure = Vulnerability disclosure
label-def-vulnerability-disclosure = How a manufacturer receives reports of security flaws, answers them and tells the public once they are fixed.
label-term-encryption = Encryption
label-def-encryption = Scrambling data so that only the intended recipient can read it.
label-term-cloud = Cloud
label-def-cloud = The manufacturer's computers on the internet that the device may depend on.
label-term-sensor-indicator = Indicator
label-def-sensor-indicator = A light or sign that shows when a sensor such as a camera or microphone is on.
label-term-personal-data = Personal data
label-def-personal-data = Information about you or that can identify you, such as your name, voice, image or location.
label-term-secure-boot = Secure boot
label-def-secure-boot = A check at start-up that only runs software signed by the manufacturer.
label-term-sbom = SBOM (software bill of materials)
label-def-sbom = The list of software components inside the device, used to find which devices a newly found flaw affects.
label-term-mud = MUD (Manufacturer Usage Description)
label-def-mud = A file published by the manufacturer that tells home routers which connections the device needs, so that others can be blocked.
label-term-conformant = Conformant
label-def-conformant = Meets every mandatory requirement of a standard or law, as far as the declaration and evidence show.
label-term-not-applicable = Does not apply
label-def-not-applicable = The requirement is about a feature the device does not have.
label-term-unknown = Unknown
label-def-unknown = The declaration lacks a fact needed to judge the requirement.
label-term-contradicted = Contradicted
label-def-contradicted = The manufacturer claims the requirement is met, but test evidence shows otherwise.
label-term-evidence = Test evidence
label-def-evidence = Results of tests run on the device by a laboratory or a scanner.
label-term-self-declared = Self-declared
label-def-self-declared = Stated by the manufacturer and not checked by anyone else.
label-term-lab-tested = Lab tested
label-def-lab-tested = Checked by an independent testing laboratory.

# One test evidence item on the online page.
label-evidence-item = { $summary }. Tested by { $tester } on { $date } ({ $method }): { $result }.
label-accepted-intro = The lab accepts these findings: they do not count in the results above. Each says who accepted it, when and why, in the lab's own words.
label-accepted-item = “{ $what }”, accepted by { $who } on { $when }: { $why }.
label-accepted-until = Accepted until { $date }.
label-evidence-result-pass = passed
label-evidence-result-fail = failed
label-evidence-result-inconclusive = inconclusive
label-evidence-method-network = network test
label-evidence-method-document = document review
label-evidence-method-lab = lab test
label-evidence-method-binary = binary analysis
label-evidence-method-pentest = penetration test

# Shown in place of the QR code when the URL is too long to encode.
label-qr-unavailable = QR unavailable
label-f-debug-ports = Debug ports, one by one
label-f-boot-stages = What checks each stage of start-up
label-f-secrets = Where each secret is kept
label-f-interfaces = Radio and physical connections (Bluetooth, Zigbee, NFC, USB, ...)
label-f-companion-app = The phone app
label-f-market = Where and to whom it is sold
label-f-market-regions = Countries where it is sold
label-f-market-regimes = Other rules it already falls under
label-f-consumer-use = Made for consumers
label-interfaces-none = None: no radio or physical connection
label-iface-f-purpose = What it is for
label-iface-f-when = When it is open
label-iface-f-auth = What keeps strangers out
label-iface-f-code = Code
label-iface-f-brute = Repeated guessing stopped by
label-iface-f-protection = Encryption of its traffic
label-iface-setup-only = Only during setup or pairing
label-iface-always = Always
label-iface-auth-none = Nothing: anyone in range can use it
label-iface-auth-physical-presence = A button press on the device
label-iface-auth-pin = A short numeric code (PIN)
label-iface-auth-password = A password
label-iface-auth-numeric-comparison = You confirm a number shown on both sides
label-iface-auth-out-of-band = A key exchanged by QR code or NFC
label-iface-auth-certificate = Certificates
label-iface-auth-shared-key = A key shared by every unit
label-iface-code-unique-per-device = Unique to each device
label-iface-code-universal = The same for every unit
label-iface-code-user-set = Chosen by you
label-iface-code-per-session = A new one for each pairing
label-debug-port-locked = Locked or disabled
label-debug-port-open = Open
label-debug-kind-uart = Serial console (UART)
label-debug-kind-jtag = JTAG
label-debug-kind-swd = SWD
label-debug-kind-adb = Android Debug Bridge (ADB)
label-debug-kind-debug-shell = Debug shell
label-boot-stage-bootloader = Bootloader
label-boot-stage-kernel = Operating system kernel
label-boot-stage-application = Application
label-boot-stage-firmware = Firmware
label-boot-hardware-root = Checked with a key anchored in the hardware
label-boot-previous-stage = Checked by the stage before it
label-boot-application-only = Only the application checks itself
label-boot-none = Not checked
label-secret-wifi-password = Wi-Fi password
label-secret-cloud-client-key = Key for the maker’s online service
label-secret-pairing-key = Pairing key
label-f-app-receives = Data the app receives from the device
label-f-app-encrypted = Traffic between the app, the device and the maker is encrypted
label-f-app-authenticated = The app asks you to log in or pair before it controls the device
label-app-receives-nothing = Nothing
label-sensor-declared-absent = none, says the maker
label-sensors-declared-absent = The maker declares that this device has no { $sensors }, although devices of this type usually have one.
