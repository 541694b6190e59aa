"""The public site shows what is published to everyone, signed in or not; staff edit in the
admin (Django's own permissions)."""

from django.db.models import QuerySet

from .enums import EditionForm
from .models import EditionFile, NewsItem, Publication


def publication_scope(queryset: QuerySet[Publication], user) -> QuerySet[Publication]:
    """Everyone: the published publications only (drafts are the admin's)."""
    return queryset.filter(published=True)


def edition_file_scope(queryset: QuerySet[EditionFile], user) -> QuerySet[EditionFile]:
    """Everyone: files of electronic editions of published publications."""
    return queryset.filter(
        edition__publication__published=True, edition__form=EditionForm.ELECTRONIC
    )


def news_scope(queryset: QuerySet[NewsItem], user) -> QuerySet[NewsItem]:
    """Everyone: the published news items only."""
    return queryset.filter(published=True)


def reads_public_site(user) -> bool:
    return True
