"""``manage.py apply_retention``: queue, for every organisation, the removal of what is past its period."""

from django.core.management.base import BaseCommand

from organisations.models import Organisation
from resilience.retention import retention_task


class Command(BaseCommand):
    help = "Queue the retention task for every organisation (run it daily, e.g. from a systemd timer)."

    def handle(self, *args, **options):
        ids = list(Organisation.objects.values_list("pk", flat=True))
        for pk in ids:
            retention_task.enqueue(pk)
        self.stdout.write(f"Queued retention for {len(ids)} organisations.")
