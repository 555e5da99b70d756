"""Send the diary's reminders that are due (for a task backend that cannot wait until a moment, and
to catch up after the worker was down). Run it every few minutes."""

from django.core.management.base import BaseCommand

from diary.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the diary's meeting reminders that are due and not sent yet."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
