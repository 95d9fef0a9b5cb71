from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "行政区划与权限"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers change history)

        post_migrate.connect(ensure_role_groups, sender=self)


def ensure_role_groups(**kwargs) -> None:
    """One group per role; the roles that handle people's cases may see full personal data (still logged)."""
    from django.contrib.auth.models import Group, Permission

    from .choices import PERSONAL_DATA_ROLES, Role

    reveal = Permission.objects.filter(
        codename="reveal_personal_data", content_type__app_label="regions"
    ).first()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        if reveal and role in PERSONAL_DATA_ROLES:
            group.permissions.add(reveal)
