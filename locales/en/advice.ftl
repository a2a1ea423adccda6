# Buyer's advice (issue 16): the questionnaire, fit, reasons, steps, alternatives and the
# glossary's why and what-to-ask. Plain words: the glossary's texts are held to a readability
# score by a test (crates/advice/tests/glossary.rs).

## The questionnaire (crates/advice/data/questions.toml)

advice-q-place = Where will the device be?
advice-a-place-bedroom = A bedroom
advice-a-place-living-room = A living room
advice-a-place-kitchen = The kitchen
advice-a-place-entrance = The front door or hall
advice-a-place-outdoors = Outdoors
advice-a-place-office = An office
advice-q-household = Who lives there besides you? (choose any; none if you live alone)
advice-a-household-young-children = Young children
advice-a-household-teenagers = Teenagers
advice-a-household-older-people = Older people
advice-a-household-at-risk = Someone at risk from a person they know (a partner, an ex, a relative)
advice-a-household-frequent-guests = Guests who come often
advice-q-worries = What worries you? (choose any)
advice-a-worries-audio-video = Being heard or seen at home
advice-a-worries-location = Others knowing where I am
advice-a-worries-health = My health data
advice-a-worries-physical-safety = Physical safety, such as locks and alarms
advice-a-worries-attacks-on-others = The device being used to attack others
advice-a-worries-dies-early = The device stopping working early
advice-q-keep_years = How many years do you usually keep a device like this?
advice-q-cloud = How much may the device depend on the maker's online service?
advice-a-cloud-fine = That is fine
advice-a-cloud-limited = As little as possible
advice-a-cloud-none = Not at all
advice-q-comfort = How comfortable are you with settings and updates?
advice-a-comfort-low = Not very: it should just work
advice-a-comfort-medium = I can follow clear steps
advice-a-comfort-high = Very comfortable
advice-q-min_update_years = Must-have: at least how many more years of security updates? (0: no must-have)
advice-q-no_always_on_microphone = Must-have: no microphone that is always on?
advice-q-works_without_internet = Must-have: it works without internet?
advice-q-no_data_sold = Must-have: the maker does not sell my data?

advice-ui-intro = A few questions about where the device goes and what matters to you. Your answers stay on this computer.
advice-ui-back = Press Esc to go back to the previous question.
advice-ui-saved = Answers saved in { $file }. Go on later with --resume { $file }.
advice-ui-stdin = Reading answers from standard input: one line per question, in this order (an empty line takes the default):

## Fit

advice-fit-good = Good fit
advice-fit-acceptable = Acceptable
advice-fit-poor = Poor fit
advice-fit-fails-must-haves = Fails your must-haves

advice-h-missed = Must-haves it misses
advice-h-reasons = Why
advice-h-steps = After you buy it
advice-h-safety = If someone you know is a risk to you
advice-h-alternatives = Other options
advice-h-rank = Ranked for you
advice-h-profile = Your profile: { $query }
advice-risk = risk { $points }

## Reasons, tied to the label's facts

advice-reason-default-password = The password it comes with is the same on every unit, or easy to guess.
advice-reason-support-short = Updates stop in { $months ->
    [one] 1 month
   *[other] { $months } months
}; you keep devices about { $years ->
    [one] 1 year
   *[other] { $years } years
}.
advice-reason-years-without-fixes = You would keep it about { $years ->
    [one] 1 year
   *[other] { $years } years
} with no security fixes.
advice-reason-support-ended = Security updates ended on { $date }.
advice-reason-support-none = It cannot get security updates at all.
advice-reason-support-undeclared = The maker does not say how long it will fix security flaws.
advice-reason-not-updatable = Its software cannot be updated: a flaw found later stays.
advice-reason-manual-updates = You must install updates yourself.
advice-reason-updates-opt-in = Automatic updates are off until you turn them on.
advice-reason-open-services = A service on your network lets anyone in without a password.
advice-reason-no-report = Nobody can report a security flaw to the maker.
advice-reason-contradicted = A test found { $count ->
    [one] a claim
   *[other] { $count } claims
} of the maker to be false.
advice-reason-always-listening = Always on: { $sensors }. It can pick up what is said or done near it.
advice-reason-recording-sensor = It can record the people near it: { $sensors }.
advice-reason-no-physical-off = No switch or cover to turn off: { $sensors }.
advice-reason-location-data = It knows where you are, or were.
advice-reason-health-data = It collects health or body data, such as a fingerprint or heart rate.
advice-reason-children-data = It collects data about children.
advice-reason-data-sold = The maker says it sells some data ({ $data }).
advice-reason-data-sold-unknown = The maker does not say whether it sells { $data } data.
advice-reason-data-shared = Sensitive data is shared with others ({ $data }).
advice-reason-needs-cloud = It does not work without the maker's online service.
advice-reason-partly-offline = Only part of it works without internet.
advice-reason-physical-safety = It guards people or things ({ $device }): a fault can put you at risk.
advice-reason-self-declared = Only the maker vouches for this label; no lab checked it.

advice-good-support = Security updates until { $date }: longer than the { $years ->
    [one] 1 year
   *[other] { $years } years
} you keep devices.
advice-good-offline = It works without internet.
advice-good-no-recording = No camera or microphone.

## Must-haves

advice-miss-updates = Updates stop in { $months ->
    [one] 1 month
   *[other] { $months } months
}; you want at least { $years ->
    [one] 1 year
   *[other] { $years } years
}.
advice-miss-updates-none = No security updates are promised; you want at least { $years ->
    [one] 1 year
   *[other] { $years } years
}.
advice-miss-revoked = The maker withdrew this label: { $reason }. Do not rely on what it says.
advice-miss-contradicted = A test lab found that this device does not do what its label says.
advice-miss-microphone = It has a microphone that is always on.
advice-miss-offline = It does not work without internet.
advice-miss-offline-partly = Only part of it works without internet.
advice-miss-data-sold = The maker says it sells some of your data.
advice-miss-data-sold-unknown = The maker does not say whether it sells your data.

## Steps after purchase

advice-step-password = Change the password before you connect it. Use a long one you use nowhere else.
advice-step-services = Turn off the open network service in the settings, or ask the seller how.
advice-step-guest-network = It gets no more fixes: put it on your router's guest network, away from your computers and phones.
advice-step-updates-on = Turn on automatic updates in the settings.
advice-step-updates-manual = Check for updates every month and install them.
advice-step-account = Give its app account a strong password of its own and turn on two-step login if it has it.
advice-step-cover = Cover the camera or mute the microphone when you do not use them. Keep it out of bedrooms if you can.
advice-step-support-end = Put a reminder for { $date }: after that day it gets no more fixes, so replace it or take it off the internet.

## A person at risk from someone they know

advice-safety-own-account = Use your own account, not a shared one, and a new password the other person has never known.
advice-safety-remote-access = Check in the app who else has access and remove anyone you do not trust: the device can be used from anywhere.
advice-safety-location = Check who can see its location, and turn location sharing off.
advice-safety-recordings = Check who can watch or listen, and where recordings are kept.
advice-safety-reset = If someone else set it up or had the password, reset it to factory settings and set it up again yourself.
advice-safety-help = A local support service for people facing abuse can help you check your devices safely.

## Alternatives

advice-alt-no-sensor = A model without a camera or microphone.
advice-alt-offline-use = Use it without internet: part of it still works.
advice-alt-offline-model = A model that works without internet.
advice-alt-longer-support = A model whose maker promises updates for longer.
advice-alt-not-connected = A product that is not connected at all.

## Glossary: label elements the label's glossary lacks

advice-term-deal-breaker = Serious problem (deal-breaker)
advice-def-deal-breaker = A fact that makes a device unsafe to buy, whatever else it does well. The label shows them first.
advice-term-offline = Works without internet
advice-def-offline = Whether the device still does its job when the internet or the maker's service is down.
advice-term-off-switch = Off switch
advice-def-off-switch = A way to turn a camera or microphone off: a button, a cover, or only a setting in the app.
advice-term-data-sold = Data sold
advice-def-data-sold = Whether the maker sells what the device learns about you to other firms.

## Glossary: why it matters and what to ask the seller

advice-why-deal-breaker = One serious problem can put your home at risk, even if the rest is good.
advice-ask-deal-breaker = Ask: is there a model without this problem?
advice-why-support-period = A device with no fixes gets less safe each year. You may keep it longer than its fixes last.
advice-ask-support-period = Ask: until what date will you fix security flaws?
advice-why-security-update = Flaws are found all the time. Fixes only help if they reach your device.
advice-ask-security-update = Ask: do updates install by themselves?
advice-why-default-password = If every unit has the same password, anyone can look it up and get in.
advice-ask-default-password = Ask: does each unit have its own password, or do I set one at the start?
advice-why-mfa = A stolen password is then not enough to get into your account.
advice-ask-mfa = Ask: can I turn on a second step when I log in?
advice-why-offline = If it needs the internet, it may stop when the maker's service stops.
advice-ask-offline = Ask: what still works if the internet is down, or if you close the service?
advice-why-cloud = What goes to the cloud can be seen by the maker, and lost in a breach.
advice-ask-cloud = Ask: what is sent to your servers, and where are they?
advice-why-sensor-indicator = You should know when you are being seen or heard.
advice-ask-sensor-indicator = Ask: does a light show when the camera or microphone is on?
advice-why-off-switch = A switch or a cover works even if the software is wrong. A setting may not.
advice-ask-off-switch = Ask: can I turn the camera and microphone off with a button or a cover?
advice-why-personal-data = Data about you can be used to track you, sell to you or harm you.
advice-ask-personal-data = Ask: what data does it keep, for how long, and can I delete it?
advice-why-data-sold = Data that is sold can end up anywhere, and you cannot take it back.
advice-ask-data-sold = Ask: do you sell or share my data? With whom?
advice-why-vulnerability = A flaw can let a stranger use your device or see your data.
advice-ask-vulnerability = Ask: how fast do you fix flaws once you know of them?
advice-why-vulnerability-disclosure = A maker who hears about flaws can fix them before they are used against you.
advice-ask-vulnerability-disclosure = Ask: where can people report a flaw in this device?
advice-why-encryption = Without it, people on your network or the internet can read what the device sends.
advice-ask-encryption = Ask: is what the device sends always encrypted?
advice-why-secure-boot = It stops bad software from taking over the device at start-up.
advice-ask-secure-boot = Ask: does the device check its software each time it starts?
advice-why-sbom = With this list, the maker can tell fast if a new flaw hits your device.
advice-ask-sbom = Ask: do you keep a list of the software parts, and check it for new flaws?
advice-why-mud = Your router can then block what the device has no need to do.
advice-ask-mud = Ask: do you publish a MUD file for this model?
advice-why-conformant = A law or standard sets a floor for safety. Meeting it is a good sign, not a promise.
advice-ask-conformant = Ask: which laws and standards does it meet, and who checked?
advice-why-not-applicable = Some rules are about features this device does not have.
advice-ask-not-applicable = Ask why a rule does not apply, if it seems odd to you.
advice-why-unknown = The maker did not give the fact the rule needs, so nobody can say it is met.
advice-ask-unknown = Ask the maker for the missing facts.
advice-why-contradicted = A test found that what the maker says is not true. Trust the test.
advice-ask-contradicted = Ask: when will this be fixed?
advice-why-evidence = Tests show what the device really does, not just what the maker says.
advice-ask-evidence = Ask: was it tested, by whom, and when?
advice-why-self-declared = No one else has checked it, so you must trust the maker.
advice-ask-self-declared = Ask: has a lab tested these claims?
advice-why-lab-tested = A lab that does not work for the maker has checked the claims.
advice-ask-lab-tested = Ask: which lab tested it, and can I see the results?
