"""``manage.py apply_erasure_ledger``: erase again everyone the ledger names whose record is back."""

from django.core.management.base import BaseCommand

from resilience.ledger import apply_ledger


class Command(BaseCommand):
    help = "Erase again every peer the erasure ledger names whose record came back with a restore."

    def handle(self, *args, **options):
        result = apply_ledger()
        self.stdout.write(
            f"{result.erased_again} erased again, {result.already_erased} already erased, "
            f"{result.not_in_this_database} not in this database, {result.nobody_to_erase_as} waiting for a member."
        )
