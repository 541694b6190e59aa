from django.conf import settings
from django.db.models import Prefetch, QuerySet, Sum

from .enums import EditionForm
from .models import DownloadCount, Edition, EditionFile, NewsItem, Publication
from .permissions import edition_file_scope, news_scope, publication_scope

LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def publication_list(*, user) -> list[Publication]:
    """The published publications, each with `availability` (see `_availability`)."""
    publications = list(
        publication_scope(Publication.objects.all(), user).prefetch_related(_editions())
    )
    for publication in publications:
        publication.availability = _availability(publication)
    return publications


def publication_get(*, user, slug: str) -> Publication:
    """A published publication with `availability`; Publication.DoesNotExist otherwise."""
    publication = (
        publication_scope(Publication.objects.all(), user)
        .prefetch_related(_editions())
        .get(slug=slug)
    )
    publication.availability = _availability(publication)
    return publication


def edition_file_get(*, user, slug: str, language: str) -> EditionFile:
    """The newest file of the electronic edition in `language` of a published publication."""
    files = edition_file_scope(EditionFile.objects.all(), user).filter(
        edition__publication__slug=slug, edition__language=language
    )
    found = files.select_related("edition__publication").first()
    if found is None:
        raise EditionFile.DoesNotExist
    return found


def news_list(*, user, limit: int | None = None) -> list[NewsItem]:
    items = news_scope(NewsItem.objects.all(), user)
    return list(items[:limit] if limit else items)


def news_get(*, user, pk: int) -> NewsItem:
    return news_scope(NewsItem.objects.all(), user).get(pk=pk)


def _editions() -> Prefetch:
    return Prefetch(
        "editions",
        queryset=Edition.objects.prefetch_related(
            Prefetch("files", queryset=EditionFile.objects.order_by("-uploaded_at", "-pk"))
        ),
    )


def _availability(publication) -> list[dict]:
    """One row per language in the site's order: {"code", "print", "electronic", "file"}
    where `file` is the newest file of the electronic edition, if any."""
    rows = {
        code: {"code": code, "print": False, "electronic": False, "file": None}
        for code in LANGUAGE_ORDER
    }
    for edition in publication.editions.all():
        row = rows.get(edition.language)
        if row is None:
            continue
        if edition.form == EditionForm.PRINT:
            row["print"] = True
        else:
            row["electronic"] = True
            files = list(edition.files.all())
            row["file"] = files[0] if files else None
    return list(rows.values())


def publication_titles(*, user) -> list[Publication]:
    """The published publications, without their editions (links on the home page)."""
    return list(publication_scope(Publication.objects.all(), user))


def download_totals(counts: QuerySet[DownloadCount]) -> dict:
    """The downloads in `counts` (daily counts, filtered as the caller likes) added up per
    edition: {"editions": [{"edition", "total"}, …] by publication then the site's language
    order, "total": all of them}. Two queries."""
    per_edition = counts.order_by().values("edition_file__edition").annotate(total=Sum("count"))
    sums = {row["edition_file__edition"]: row["total"] for row in per_edition}
    editions = Edition.objects.filter(pk__in=sums).select_related("publication") if sums else []
    rows = [{"edition": edition, "total": sums[edition.pk]} for edition in editions]
    rows.sort(
        key=lambda row: (
            row["edition"].publication.order,
            row["edition"].publication.slug,
            _language_rank(row["edition"].language),
        )
    )
    return {"editions": rows, "total": sum(sums.values())}


def _language_rank(code: str) -> int:
    return LANGUAGE_ORDER.index(code) if code in LANGUAGE_ORDER else len(LANGUAGE_ORDER)
