from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctc.files.http import file_response, record_download

from . import selectors, services
from .models import EditionFile, NewsItem, Publication


@require_GET
def publication_list(request):
    publications = selectors.publication_list(user=request.user)
    return render(request, "publications/publication_list.html", {"publications": publications})


@require_GET
def publication_detail(request, slug):
    try:
        publication = selectors.publication_get(user=request.user, slug=slug)
    except Publication.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "publications/publication_detail.html", {"publication": publication})


def _count_and_record(request, stored):
    # Every verified download counts in the file's daily total; only a signed-in person's is
    # also recorded by name (ctc.files). Of an anonymous reader nothing is kept but the count.
    services.download_count_add(stored=stored)
    if request.user.is_authenticated:
        record_download(request, stored)


@require_GET
def edition_download(request, slug, language):
    try:
        stored = selectors.edition_file_get(user=request.user, slug=slug, language=language)
    except EditionFile.DoesNotExist as exc:
        raise Http404 from exc
    return file_response(request, stored, hooks=(_count_and_record,))


@require_GET
def news_list(request):
    return render(
        request, "publications/news_list.html", {"items": selectors.news_list(user=request.user)}
    )


@require_GET
def news_detail(request, pk):
    try:
        item = selectors.news_get(user=request.user, pk=pk)
    except NewsItem.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "publications/news_detail.html", {"item": item})
