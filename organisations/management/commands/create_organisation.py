"""Start a new organisation: create it and invite its first organisation admin."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from accounts.services import invite_member
from organisations.models import Organisation, Role


class Command(BaseCommand):
    help = "Create an organisation and invite its first admin (prints the invitation link)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", default="Organisation admin")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000/")

    @transaction.atomic
    def handle(self, *args, name: str, admin_email: str, admin_name: str, base_url: str, **options):
        slug = slugify(name)
        if Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"An organisation called {name!r} already exists.")
        organisation = Organisation.objects.create(name=name, slug=slug)
        # The system invites the first admin; later invitations come from that admin.
        system = User.objects.filter(is_superuser=True).first()
        if system is None:
            raise CommandError("Create a superuser first (manage.py createsuperuser); it is recorded as the inviter.")
        _invitation, link = invite_member(
            organisation=organisation,
            invited_by=system,
            email=admin_email,
            display_name=admin_name,
            role=Role.ADMIN,
            base_url=base_url,
        )
        self.stdout.write(f"Created {organisation}. Invitation for the first admin: {link}")
