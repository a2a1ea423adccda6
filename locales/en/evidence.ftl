# Evidence masks (issue 14): the notes `iotlabel assess --masks` adds for accepted findings.
evidence-masked = Finding { $id } is accepted by the lab and does not count: { $what }. Why: { $why } (accepted by { $who } on { $when }).
evidence-mask-expired = The accepted finding “{ $what }” ({ $who }) expired on { $expires }: the findings it named count again.
evidence-mask-not-yet = The accepted finding “{ $what }” ({ $who }) is dated { $when }, after the assessment date { $as_of }: it was not applied.
