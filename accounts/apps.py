from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账号管理"

    def ready(self) -> None:
        # model modules load only once the registry is ready: these imports cannot move to the top
        from . import audit, sessions  # noqa: F401, PLC0415  (change history; login and logout receivers)
