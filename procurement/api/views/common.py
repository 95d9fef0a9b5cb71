"""What the procurement API views share."""

from __future__ import annotations

from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

PARSERS = [JSONParser, MultiPartParser, FormParser]
