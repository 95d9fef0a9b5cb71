"""Move the plaintext API tokens of rest_framework.authtoken into regions.ApiToken as SHA-256 digests and delete
them (issue 12 item 6). A migrated key keeps working until it expires API_TOKEN_DAYS days after the migration."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def hash_plaintext_tokens(apps, schema_editor):
    token_model = apps.get_model("authtoken", "Token")
    api_token_model = apps.get_model("regions", "ApiToken")
    now = timezone.now()
    last_day = timezone.localdate(now) + dt.timedelta(days=settings.API_TOKEN_DAYS)
    expires_at = timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min))
    for old in token_model.objects.all():
        api_token_model.objects.create(
            user_id=old.user_id,
            name="迁移的旧令牌",
            prefix=old.key[:8],
            digest=hashlib.sha256(old.key.encode()).hexdigest(),
            created_at=old.created or now,
            expires_at=expires_at,
        )
    token_model.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0003_api_token"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(hash_plaintext_tokens, migrations.RunPython.noop)]
