from django.core.management.base import BaseCommand

from demo import cast
from demo.totp import current_demo_code


class Command(BaseCommand):
    help = "Print the demo sign-ins (one per role and organisation) and how to pass two-step sign-in."

    def handle(self, *args, **options):
        w = self.stdout.write
        w("")
        w("Alongside demo: sign in at http://127.0.0.1:8000/")
        w(f"Every demo account's password: {cast.DEMO_PASSWORD}")
        w("")
        for spec in cast.ORGANISATIONS:
            w(f"  {spec['name']}")
            for role, title in cast.ROLE_USERS:
                w(f"    {title:<20} {role.replace('_', '-')}@{spec['slug']}.{cast.DEMO_EMAIL_DOMAIN}")
        w(f"  Both organisations (coordinator, switches between them): both@{cast.DEMO_EMAIL_DOMAIN}")
        w("")
        w("Two-step sign-in: every demo account uses the same authenticator secret,")
        w(f"  {cast.DEMO_TOTP_SECRET}")
        w("add it to any authenticator app, or get the current 6-digit code with")
        w("  .venv/bin/python manage.py demo_totp        (ALONGSIDE_MODE=demo)")
        w(f"The code right now is {current_demo_code()} (it changes every 30 seconds).")
        w("")
