"""Demo documents: filled in below."""


def demo_documents_seed() -> int:
    return 0
