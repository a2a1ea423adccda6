# Constats acceptés (issue 14) : les notes que `iotlabel assess --masks` ajoute.
evidence-masked = Le constat { $id } est accepté par le laboratoire et n’est pas compté : { $what }. Motif : { $why } (accepté par { $who } le { $when }).
evidence-mask-expired = Le constat accepté « { $what } » ({ $who }) a expiré le { $expires } : les constats qu’il visait comptent de nouveau.
evidence-mask-not-yet = Le constat accepté « { $what } » ({ $who }) est daté du { $when }, après la date d’évaluation du { $as_of } : il n’a pas été appliqué.
