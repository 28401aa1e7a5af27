"""The exceptions tekser raises to its callers, and the exit status each one maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2


class TekserError(Exception):
    """Base class; `exit_code` is what the command exits with when this reaches the top."""

    exit_code: ExitCode = ExitCode.FAILURE


class UsageError(TekserError):
    """The command was given something it cannot work with; the message says how to mend it."""

    exit_code = ExitCode.USAGE


class InboxError(UsageError):
    """INBOX is missing or is not a folder of submission folders."""


class RegistryError(UsageError):
    """REGISTRY is missing, or a register file lacks its header."""


class ConfigurationError(UsageError):
    """A TEKSER_* setting is unusable (e.g. an unreachable database URL)."""


def exit_code_for(error: BaseException) -> ExitCode:
    if isinstance(error, TekserError):
        return error.exit_code
    return ExitCode.FAILURE
