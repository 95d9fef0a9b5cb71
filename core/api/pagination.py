from __future__ import annotations

from rest_framework.pagination import CursorPagination, PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`count`, `next`, `previous`, `results`; ?page_size= up to 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class FeedCursorPagination(CursorPagination):
    """For large feeds (cases, events): cursor on an indexed unique ordering, constant cost at any depth."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
