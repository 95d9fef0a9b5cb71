from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from regions.choices import Role
from regions.services import region_grant


class Command(BaseCommand):
    help = "Grant a user a role on a region and everything below it: grant_region USER CODE ROLE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("code")
        parser.add_argument("role", help=", ".join(Role.values))

    def handle(self, *args: Any, username: str, code: str, role: str, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(_("用户 {username} 不存在").format(username=username)) from None
        try:
            region = region_grant(actor=None, user=user, region_code=code, role=role)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{username}: {Role(role).label} @ {region}"))
