"""Records erased before erasure kept only what the counts need still hold exact times and who worked
with the peer: forget them now, as erasure does today (datarights.services.erase_peer)."""

from django.db import migrations
from django.utils import timezone


def _month(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _first(day):
    return day.replace(day=1) if day is not None else None


def coarsen(apps, schema_editor):
    Peer = apps.get_model("people", "Peer")
    Assignment = apps.get_model("people", "Assignment")
    ConsentRecord = apps.get_model("consent", "ConsentRecord")
    today = timezone.localdate()
    for peer in Peer._base_manager.filter(erased_at__isnull=False):
        Peer._base_manager.filter(pk=peer.pk).update(
            created_by=None,
            created_at=_month(peer.created_at),
            updated_at=_month(peer.updated_at),
            erased_at=_month(peer.erased_at),
        )
        for assignment in Assignment._base_manager.filter(peer_id=peer.pk):
            ends_on = min(assignment.ends_on or today, today)
            Assignment._base_manager.filter(pk=assignment.pk).update(
                worker=None,
                created_by=None,
                reason="",
                created_at=_month(assignment.created_at),
                starts_on=_first(assignment.starts_on),
                ends_on=max(_first(ends_on), _first(assignment.starts_on)),
            )
        for record in ConsentRecord._base_manager.filter(peer_id=peer.pk):
            ConsentRecord._base_manager.filter(pk=record.pk).update(
                limits_explained_by=None,
                recorded_by=None,
                withdrawn_recorded_by=None,
                given_at=_month(record.given_at),
                limits_explained_at=_month(record.limits_explained_at),
                superseded_at=_month(record.superseded_at),
                withdrawn_at=_month(record.withdrawn_at),
            )
            record.partners.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_erasure_keeps_no_one"),
        ("consent", "0002_erasure_keeps_no_one"),
    ]

    operations = [migrations.RunPython(coarsen, migrations.RunPython.noop)]
