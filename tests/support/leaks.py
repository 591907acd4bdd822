"""Where a leaked secret would show: messages, reprs and log records."""

import logging
from collections.abc import Iterable


def texts_of(outcome: object) -> list[str]:
    """The str and repr of an outcome and, for an exception, of each of its causes, with the
    document a JSONDecodeError keeps."""
    texts: list[str] = []
    seen: object = outcome
    while seen is not None:
        texts += [str(seen), repr(seen), str(getattr(seen, "doc", ""))]
        seen = seen.__cause__ or seen.__context__ if isinstance(seen, BaseException) else None
    return texts


def leaked(secrets: Iterable[str], texts: Iterable[str], records: Iterable[logging.LogRecord] = ()) -> list[str]:
    """The secrets that appear in the texts or in a log record (its message, or a traceback it carries)."""
    formatter = logging.Formatter()
    shown = [*texts]
    for record in records:
        shown.append(record.getMessage())
        if record.exc_info:
            shown.append(formatter.formatException(record.exc_info))
    return sorted({secret for secret in secrets for text in shown if secret in text})
