"""A contractor's track record from performance evaluation, shown where bids are scored (粤民发〔2018〕170号 一(六):
results "作为以后年度选择承接主体的重要参考依据").

Procurement must not import evaluation (the arrow is evaluation → procurement), so evaluation registers a provider
here from its AppConfig.ready():

    provider(contractor_ids: list[int]) -> {contractor_id: [{"date", "project", "score", "grade", "failed", "url"}]}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Provider = Callable[[list[int]], dict[int, list[dict]]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a provider (registering the same provider twice has no effect)."""
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: Provider) -> None:
    """Remove a provider (for tests)."""
    if provider in _providers:
        _providers.remove(provider)


def for_contractors(ids: Iterable[int]) -> dict[int, list[dict]]:
    """Every registered provider's entries for these contractors, merged per contractor, newest first.

    Contractors with no entries are absent; with no provider registered the answer is empty.
    """
    wanted = sorted({int(i) for i in ids})
    merged: dict[int, list[dict]] = {}
    if not wanted:
        return merged
    for provider in list(_providers):
        for contractor_id, entries in (provider(wanted) or {}).items():
            if entries:
                merged.setdefault(int(contractor_id), []).extend(entries)
    for entries in merged.values():
        entries.sort(key=lambda e: str(e.get("date") or ""), reverse=True)
    return merged
