from __future__ import annotations

from rest_framework import serializers

from regions.models import Region
from regions.rules import ancestor_codes


class RegionSerializer(serializers.ModelSerializer[Region]):
    # stubs: Field.parent (the owning serializer) is an attribute; DRF's metaclass takes declared fields off the class
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]

    def get_parent(self, obj: Region) -> str | None:
        # The parent's code is a prefix of the code: no join needed.
        ancestors = ancestor_codes(obj.code)
        return ancestors[-1] if ancestors else None
