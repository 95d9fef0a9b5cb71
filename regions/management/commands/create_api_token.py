from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regions.services import api_token_create


class Command(BaseCommand):
    help = "Print the API token of a (service account) user, creating it if needed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="replace an existing token")

    def handle(self, *args: Any, username: str, rotate: bool, **options: Any) -> None:
        try:
            token = api_token_create(username=username, rotate=rotate)
        except get_user_model().DoesNotExist:
            raise CommandError(f"用户 {username} 不存在 / no such user") from None
        self.stdout.write(token.key)
