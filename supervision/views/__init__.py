"""Supervision pages (Chinese): the list, an instruction with its steps, issuing one on an object."""

from .instructions import instruction_detail, instruction_issue, instruction_list, instruction_step  # noqa: F401
