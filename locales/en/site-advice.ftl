# The registry's web site: the advice pages (issue 16), the glossary (issue 12) and the gap
# analysis. Question and answer wordings are the advice crate's (advice.ftl).

site-nav-advice = Advice for you
site-nav-glossary = Glossary
site-nav-gaps = Gaps
site-advice-title = Which device suits you?
site-advice-intro = Answer a few questions. Your answers stay in this page's address: nothing about you is stored.
site-advice-button = Show my advice
site-advice-yes = Yes
site-advice-no = No
site-advice-devices = Devices to weigh
site-advice-type = Device type
site-advice-type-any = All registered devices
site-advice-chosen = { $count ->
    [one] The device you chose
   *[other] The { $count } devices you chose
}
site-advice-fix = Some answers need fixing. Your other answers are kept.
site-advice-bad = { $message }. Expected: { $expected }.
site-advice-results = { $count ->
    [0] No registered device matches.
    [one] One device, weighed for you.
   *[other] { $count } devices, best for you first.
}
site-advice-capped = Only the first { $count } devices are weighed: choose a device type to narrow them.
site-advice-rank = { $rank }.
site-advice-risk = Risk points: { $points } (lower is better)
site-advice-missed = Must-haves it misses
site-advice-reasons = Why
site-advice-steps = After you buy it
site-advice-safety = If someone you know is a risk to you
site-advice-alternatives = Other ways to get the same thing
site-advice-share = Link to these answers (bookmark or share it)
site-advice-download = Download your answers (TOML profile)
site-glossary-title = What the label's words mean
site-glossary-intro = Every part of the security label, in plain words: what it means, why it matters and what to ask the seller.
site-glossary-why = Why it matters:
site-glossary-ask = Ask the seller:
site-gaps-title = Where a campaign would help most
site-gaps-intro = { $count ->
    [one] Counted over the one registered device: how often each fact of the label is bad.
   *[other] Counted over the { $count } registered devices: how often each fact of the label is bad.
}
site-gaps-priorities = Priorities
site-gaps-priority-all = { $fact }: bad on { $bad } of { $devices } devices.
site-gaps-priority-group = { $fact } ({ $group }): bad on all { $devices } devices.
site-gaps-none = No fact is bad on any registered device.
site-gaps-all = All devices
site-gaps-by-type = By device type
site-gaps-by-maker = By maker
site-gaps-col-fact = Fact
site-gaps-col-group = Group
site-gaps-col-bad = Bad on
site-gaps-col-share = Share
site-gaps-csv = All counts as CSV
site-gaps-fact-default-password = A default password
site-gaps-fact-support-not-current = Updates not current
site-gaps-fact-support-under-3-years = Under three years of updates left
site-gaps-fact-not-updatable = Cannot be updated
site-gaps-fact-no-report = No way to report a flaw
site-gaps-fact-open-services = Open network services
site-gaps-fact-contradicted = Contradicted by a test lab
site-gaps-fact-camera-or-microphone-without-switch = Camera or microphone without an off switch
site-gaps-fact-data-sold-or-unsaid = Data sold, or not said
site-gaps-fact-needs-cloud = Needs the maker's online service
site-gaps-fact-self-declared = Declared by the maker alone
site-advice-unknown-id = No label { $id } is registered here
site-advice-expected-id = a registered label id (the device page's address ends with it)
site-advice-did-you-mean = Did you mean { $id }?
