"""Expected errors. The CLI turns these into one-line messages and exit codes."""


class NewsletterError(Exception):
    """An expected failure that the user can fix; str() is the one-line message."""


class ConfigError(NewsletterError):
    """The configuration file is missing, unreadable or invalid."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


class InputError(NewsletterError):
    """One input file cannot be used; the rest of the issue still builds."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NoArticles(NewsletterError):
    """No source gave a usable article; skipped says why each input was left out."""

    def __init__(self, message: str, skipped=()):
        self.skipped = tuple(skipped)
        super().__init__(message)
