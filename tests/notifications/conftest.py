import email
import email.policy
from pathlib import Path

from tests.notifications import kinds  # noqa: F401  (registers the test kinds)

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def mail_files(folder: Path) -> list[email.message.EmailMessage]:
    """The messages Django's file-based backend wrote into `folder` (a real worker's mail)."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for part in path.read_bytes().split(SEPARATOR):
            if part.strip():
                messages.append(email.message_from_bytes(part, policy=email.policy.default))
    return messages
