"""crossroads createuser: a user in an organisation, with roles."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from crossroads.core.context import acting_as
from crossroads.users.models import Organisation, Role, User


class Command(BaseCommand):
    help = "Create a user, optionally in an organisation and with roles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Login name of the new user")
        parser.add_argument("--email", default="", help="Email address")
        parser.add_argument("--organisation", help="Organisation name or acronym")
        parser.add_argument("--role", action="append", default=[], help="Role slug (repeatable)")
        parser.add_argument("--superuser", action="store_true",
                            help="All permissions except on sensitive data")
        parser.add_argument("--password", help="Password (prompted for when omitted)")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"User {options['username']!r} already exists.")
        organisation = self.find_organisation(options["organisation"])
        roles = self.find_roles(options["role"])
        user = User(username=options["username"], email=options["email"],
                    organisation=organisation, is_superuser=options["superuser"],
                    is_staff=options["superuser"])
        password = options["password"] or self.prompt_password()
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic(), acting_as(None, channel="cli"):
            user.save()
            user.roles.set(roles)
        self.stdout.write(self.style.SUCCESS(f"Created user {user.username}."))

    def find_organisation(self, name: str | None) -> Organisation | None:
        if not name:
            return None
        found = Organisation.objects.filter(name=name).first() or \
            Organisation.objects.filter(acronym=name).first()
        if found is None:
            raise CommandError(f"No organisation named {name!r}.")
        return found

    def find_roles(self, slugs: list[str]) -> list[Role]:
        roles = list(Role.objects.filter(slug__in=slugs))
        missing = set(slugs) - {role.slug for role in roles}
        if missing:
            raise CommandError(f"Unknown role(s): {', '.join(sorted(missing))}.")
        return roles

    def prompt_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return first
