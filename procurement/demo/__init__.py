"""Demo data: per county in the scale's scope, contractors with eligibility reviews, a local condition, and
projects in every stage (closed, under supervision with a rectification, taken over, purchasing with bids being
scored, failed and switched to negotiation, published, selected), plus one debarment. Idempotent (a county that
has its demo contractors is skipped).

Everything goes through the real services; to date the steps in the past the clock is set back while each step
runs (`timezone.now` / `localdate` patched, demo only), so events, award and acceptance dates stay consistent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from regions.choices import RegionLevel
from regions.demo import SCALE_SCOPE, generated_history
from regions.models import Region

from ..models import Contractor
from .helpers import COUNTIES, NAMES, code
from .stages import seed_county


def seed(*, scale: str, out) -> None:
    User = get_user_model()
    admin = User.objects.get(username="admin")
    scope = SCALE_SCOPE[scale]
    counties = list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=scope.prefix, synthetic=False)
        .select_related("parent")
        .order_by("code")[: COUNTIES[scale]]
    )
    today = timezone.localdate()
    out.write(f"政府购买服务：{len(counties)} 个县（市、区）")
    for county in counties:
        if Contractor.objects.filter(credit_code=code(NAMES[0][0], county.code, 1)).exists():
            continue
        county_admin = (
            User.objects.filter(username="tianhe_admin").first() if county.code == "440106" else None
        )
        actors = [county_admin or admin, admin] if county_admin else [admin]
        with transaction.atomic(), generated_history(scale, county.code):
            seed_county(county, actors, today, out)
