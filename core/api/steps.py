"""Workflow steps as POST actions: parse the step's input, call the service with the record, answer the record.

class CaseViewSet(StepActionsMixin, ...):
    step_target = "case"                      # the keyword the services take the record by

    @action(detail=True, methods=["post"])
    def accept(self, request, number=None):
        return self.run_step(request, services.case_accept, s.NoteSerializer)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response


class StepActionsMixin:
    """For a DRF viewset whose detail actions are workflow steps (the conditional update inside the service
    makes a concurrent second step a 409)."""

    #: the keyword argument the step services take the record by (`project=`, `case=`, `evaluation=`)
    step_target: str = "object"

    def run_step(
        self, request: Request, service: Callable[..., Any], input_serializer: type | None = None
    ) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        data: dict[str, Any] = {}
        if input_serializer is not None:
            parsed = input_serializer(data=request.data, context=self.get_serializer_context())  # type: ignore[attr-defined]
            parsed.is_valid(raise_exception=True)
            data = dict(parsed.validated_data)
        service(actor=request.user, **{self.step_target: obj}, **data)
        return self.step_response(obj)

    def step_response(self, obj: Any) -> Response:
        """The record after the step (override to answer with a richer serializer)."""
        obj.refresh_from_db()
        return Response(self.get_serializer(obj).data)  # type: ignore[attr-defined]
