# Shared words. Dates are built from these month names (see crates/i18n date()).
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
test-greeting = Hello { $name }, { $count ->
    [one] { $count } device
   *[other] { $count } devices
}

# `iotlabel assess` in text (crates/cli/src/output.rs). Verdict tags are at most 7 characters.
cli-assess-device = { $device } ({ $kind }, hardware { $hardware }, firmware { $firmware }) by { $manufacturer }, assessed as of { $date }
cli-assess-framework = { $framework } { $edition }: { $verdict }{ $level }
cli-assess-conformant = CONFORMANT
cli-assess-not-conformant = NOT CONFORMANT
cli-assess-incomplete = INCOMPLETE
cli-assess-out-of-scope = OUT OF SCOPE
cli-assess-level-reached = , level { $level } reached
cli-assess-tally = { $pass } pass, { $fail } fail, { $contradicted } contradicted, { $unknown } unknown, { $na } not applicable
cli-assess-mandatory = mandatory: { $tally }; all { $total }: { $pass } pass
cli-assess-level = level { $level }: { $met } ({ $tally })
cli-assess-level-met = met
cli-assess-level-not-met = not met
cli-assess-tag-pass = PASS
cli-assess-tag-fail = FAIL
cli-assess-tag-contradicted = CONTRA
cli-assess-tag-unknown = UNKNOWN
cli-assess-tag-not-applicable = N/A
cli-assess-status-mandatory = M
cli-assess-status-recommended = R
cli-assess-fill-in = fill in:
cli-assess-rests-on = rests on: { $fields }
cli-assess-evidence = evidence: { $ids }
cli-assess-route = route { $id } ({ $met }): through { $through } ({ $reference })
cli-assess-route-met = met
cli-assess-route-not-met = not met
cli-assess-route-via = { $framework } { $ids }
cli-assess-route-label = a current { $scheme } label
cli-assess-route-label-held = the current { $scheme } label { $id }
cli-assess-note = note:
cli-assess-accepted = accepted:
cli-assess-hidden = Passed and not-applicable requirements are hidden; --all shows them.
