"""Which batches a member may see, and fetching one for a request (audited, or an audited 404).

Built on ``access.policy.can``: a batch lists peers and their proposed supporters, so only those who
run batches (coordinators and admins) see any.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import record_id_or_none, refuse
from access.policy import Do, can
from audit.log import audit
from audit.models import Action

from .models import Batch


def visible_batches(membership) -> QuerySet[Batch]:
    if not can(membership, Do.RUN_BATCHES):
        return Batch.objects.none()
    return Batch.objects.filter(organisation_id=membership.organisation_id)


def batch_for(request: HttpRequest, batch_id: object, *, action: Action = Action.VIEW) -> Batch:
    membership = getattr(request, "membership", None)
    if not can(membership, Do.RUN_BATCHES) or record_id_or_none(batch_id) is None:
        raise refuse(request, "batch", batch_id)
    batch = (
        visible_batches(membership).select_related("leaving_supporter__membership__user").filter(pk=batch_id).first()
    )
    if batch is None:
        raise refuse(request, "batch", batch_id)
    audit(request.user, action, batch)
    return batch
