"""Email the duty coordinator about each visit whose check-out is overdue (once per visit).

Run it every few minutes (cron or a systemd timer). The dashboards show overdue visits without it.
"""

from django.core.management.base import BaseCommand

from safeguarding.services import alert_overdue_visits


class Command(BaseCommand):
    help = "Email the duty coordinator about visits not checked out in time."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="The site's address, for the link in the email.")

    def handle(self, *args, base_url: str, **options):
        sent = alert_overdue_visits(base_url=base_url)
        if options["verbosity"]:
            self.stdout.write(f"{sent} overdue visit(s) alerted.")
