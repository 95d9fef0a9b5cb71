from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regions.services import api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for a (service account) user and print its key: it is shown this once and only its "
        "digest is stored. Valid for API_TOKEN_DAYS days (default 90) unless --days is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--days", type=int, default=None, help="validity in days")
        parser.add_argument("--rotate", action="store_true", help="revoke the user's other active tokens")

    def handle(
        self, *args: Any, username: str, name: str, days: int | None, rotate: bool, **options: Any
    ) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=username)
        except user_model.DoesNotExist:
            raise CommandError(f"用户 {username} 不存在") from None
        admin = user_model.objects.filter(is_superuser=True).order_by("pk").first()
        try:
            token, key = api_token_create(
                actor=admin or user, user=user, name=name or "命令行创建", days=days, rotate=rotate
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stderr.write(f"有效期至 {token.expires_at:%Y-%m-%d %H:%M %Z}（不含）；令牌只显示这一次")
        self.stdout.write(key)
