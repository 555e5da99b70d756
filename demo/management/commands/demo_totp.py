from django.core.management.base import BaseCommand

from demo.totp import current_demo_code


class Command(BaseCommand):
    help = "Print the current two-step sign-in code for every demo user (they share one demo secret)."

    def handle(self, *args, **options):
        self.stdout.write(current_demo_code())
