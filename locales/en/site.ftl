# The registry's web site (crates/site).
site-name = iotlabel registry
site-tagline = Is this connected device safe to buy, and is it still supported?
site-skip = Skip to the content
site-nav-search = Find a device
site-nav-makers = Makers
site-nav-api = API
site-lang-switch = Français
site-search-label = Brand, model or device type
site-search-button = Search
site-filter-maker = Maker
site-filter-type = Device type
site-filter-status = Status
site-filter-sensor = Sensor
site-filter-any = Any
site-results = { $count ->
    [0] No device matches.
    [one] One device matches.
   *[other] { $count } devices match.
}
site-col-device = Device
site-col-status = Status
site-col-support = Security updates
site-col-frameworks = Frameworks met
site-status-active = Active
site-status-revoked = Revoked
site-status-contradicted = Contradicted by a lab
site-status-support_ended = Support ended
site-support-until = until { $date }
site-support-left = { $days ->
    [one] one day left
   *[other] { $days } days left
}
site-support-ended-ago = ended { $days ->
    [one] one day ago
   *[other] { $days } days ago
}
site-support-none = not declared
site-match-yes = This label matches the registered one.
site-match-no = This label does not match: do not trust the box.
site-match-none = No digest was given: compare the box with the details below.
site-not-found = No label { $id } is registered here. Do not trust a box that points here.
site-not-found-title = Label not found
site-revoked = Revoked on { $date }: { $reason }
site-contradicted = A test lab's evidence contradicts this label ({ $what }).
site-ended = Security updates ended on { $date }, { $days } days ago. Known flaws will not be fixed.
site-vulns = Known vulnerabilities
site-vuln-fixed = fixed in firmware { $version }
site-vuln-status = { $status }
site-history = Label history
site-history-entry = Log entry { $index }: { $kind } by { $account } on { $date }
site-attested = Attested by { $lab } under { $scheme }: { $passed } passed, { $failed } failed of { $items } tests (log entry { $index })
site-proof = Verified in the public log: declaration at entry { $index } of { $size }.
site-proof-link = The inclusion proof (JSON)
site-record-link = This page as data (JSON)
site-maker = Published by { $maker }
site-makers-title = Makers
site-maker-devices = { $count ->
    [one] one registered device
   *[other] { $count } registered devices
}
site-error = Something went wrong on our side. Try again in a moment.
site-compare-title = Compare devices
site-compare-pick = Choose two to four devices in the search results to compare them.
site-compare-differs = Rows where the devices differ are marked.
site-compare-fact = What the label says
site-compare-problems = Serious problems
site-compare-data = Data collected
site-compare-pick-col = Compare
site-compare-button = Compare the chosen devices
site-makers-intro = Makers ranked by the share of their current devices (not revoked, still updated) that meet the baselines. The rules are below; nobody is picked by hand.
site-col-rank = Rank
site-col-current = Current devices
site-col-baselines = Meeting the baselines
site-col-median-support = Median support left
site-col-revoked = Revoked
site-months = { $months ->
    [one] one month
   *[other] { $months } months
}
site-star = IoT Star
site-star-earned = IoT Star: every current device of this maker meets the baselines.
site-stars-heading = How a maker earns an IoT Star
site-stars-baselines = Every current device meets: { $frameworks }.
site-stars-min = The maker has at least { $count ->
    [one] one current device
   *[other] { $count } current devices
}.
site-stars-no-contradiction = No current device is contradicted by a test lab.
site-stars-no-open-vulns = No current device has a known vulnerability without a fix.
site-maker-shares = Current devices meeting each framework
site-maker-none = No device of the maker { $maker } is registered here.
site-nav-insights = Insights
site-insights-title = Insights
site-insights-intro = Figures over the { $count } devices registered here, for consumer-education campaigns and regulators. Each chart has a table and a CSV file.
site-insights-table = The figures as a table
site-insights-col-what = What
site-download-csv = Download as CSV
site-download-svg = Download the chart (SVG)
site-export-intro = Every registered device, for researchers:
site-unit-percent = % of devices
site-unit-months = months
site-unit-devices = devices
site-all-devices = All devices
site-chart-passwords = Devices with a universal default password
site-chart-passwords-summary = { $share } % of registered devices ship with the same password on every unit, by device type below.
site-chart-support = Median security support left, by device type
site-chart-support-summary = How many more months of security updates the typical device of each type will get.
site-chart-support-distribution = Security support left
site-chart-support-distribution-summary = How long the { $count } registered devices will still get security updates.
site-bucket-ended = Ended
site-bucket-under-1 = Under 1 year
site-bucket-1-2 = 1 to 2 years
site-bucket-2-3 = 2 to 3 years
site-bucket-3-5 = 3 to 5 years
site-bucket-over-5 = Over 5 years
site-bucket-undeclared = Not declared
site-chart-disclosure = Vulnerability disclosure commitments
site-chart-disclosure-summary = { $share } % of devices say where to report a security flaw.
site-disclosure-contact = Where to report a flaw
site-disclosure-ack = A stated time to acknowledge a report
site-disclosure-week = Acknowledgement within 7 days
site-chart-sensors = Sensors in registered devices
site-chart-sensors-summary = The share of registered devices that have each kind of sensor.
site-chart-frameworks = Devices meeting UK PSTI, by year declared
site-chart-frameworks-summary = The share of the devices declared each year that meet the UK's legal baseline.
site-nav-standards = Standards map
site-standards-title = Standards map
site-standards-desc = { $frameworks } frameworks over { $controls } common controls: { $gaps } controls are required by some frameworks and not by others. Each cell gives how many of a framework's requirements rest on the control; the last column, how many registered devices fail it.
site-standards-control = Common control
site-standards-failing = Devices failing it
site-standards-covered = required (number of requirements)
site-standards-gap = a gap: other frameworks require it
site-standards-none = required by no framework
site-standards-pairs = Compare two frameworks requirement by requirement
site-crosswalk-direction = How { $to } covers { $from }
site-crosswalk-summary = Of { $total } requirements: { $full } fully covered, { $partial } partly, { $gap } not at all.
site-crosswalk-requirement = Requirement
site-crosswalk-coverage = Coverage
site-crosswalk-by = Covered by
site-coverage-full = Full
site-coverage-partial = Partial
site-coverage-gap = Gap
site-filter-framework = Meets
site-filter-cls = Singapore CLS level
site-filter-support = Security updates left
site-cls-at-least = level { $n } or higher
site-support-at-least = at least { $n } months
site-compare-advice = Rank these devices for you (a few questions)
