"""factory_boy factories shared by every app's tests (Faker in zh_CN)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from faker import Faker

from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import level_for_code

fake = Faker("zh_CN")
factory.Faker._DEFAULT_LOCALE = "zh_CN"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"44990{n % 10}{n:03d}")
    name = factory.LazyAttribute(lambda o: f"{fake.city_name()}{o.code[-3:]}")
    level = factory.LazyAttribute(lambda o: level_for_code(o.code) or RegionLevel.TOWNSHIP)

    @factory.lazy_attribute
    def parent(self):
        from regions.rules import ancestor_codes

        above = ancestor_codes(self.code)
        return Region.objects.filter(code=above[-1]).first() if above else None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name")
    password = factory.django.Password("Test-pass-2026")
