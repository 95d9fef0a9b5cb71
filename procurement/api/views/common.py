"""What the procurement API views share."""

from __future__ import annotations

from rest_framework.parsers import FormParser, MultiPartParser

from core.api.parsers import BoundedJSONParser

PARSERS = [BoundedJSONParser, MultiPartParser, FormParser]
