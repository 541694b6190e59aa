"""Who gets what from every route of the publications and news pages: everyone, signed in or
not, the same. Variants: "published" and "draft" (unpublished), and for downloads an
"electronic" edition of a published publication and a "print" only one.
tests/test_permissions.py checks that these rows cover every route."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import MATRIX_PEOPLE
from tests.matrix import NO_OBJECT, Call, Matrix
from tests.publications.factories import (
    EditionFactory,
    NewsItemFactory,
    PublicationFactory,
    electronic_edition,
)

pytestmark = pytest.mark.django_db

ONE = [NO_OBJECT]
OBJECTS = ["published", "draft"]
DOWNLOADS = ["electronic", "print", "draft"]
MATRIX = Matrix()

# fmt: off
MATRIX.add("publications:list", "GET", ONE, [(who, 200) for who in MATRIX_PEOPLE])
MATRIX.add("publications:detail", "GET", OBJECTS, [(who, 200, 404) for who in MATRIX_PEOPLE])
DOWNLOAD = [(who, 200, 404, 404) for who in MATRIX_PEOPLE]
MATRIX.add("publications:download", "GET", DOWNLOADS, DOWNLOAD)
MATRIX.add("publications:news_list", "GET", ONE, [(who, 200) for who in MATRIX_PEOPLE])
MATRIX.add("publications:news_detail", "GET", OBJECTS, [(who, 200, 404) for who in MATRIX_PEOPLE])
# fmt: on


@pytest.fixture(scope="module")
def world(matrix_people):
    people = matrix_people
    published = PublicationFactory(slug="guide")
    draft = PublicationFactory(slug="draft", published=False)
    electronic_edition(published, "ar", by=people["focal_fra"])
    electronic_edition(draft, "ar", by=people["focal_fra"])
    EditionFactory(publication=published, language="fr")
    return {
        "publications": {"published": "guide", "draft": "draft"},
        "downloads": {
            "electronic": ("guide", "ar"),
            "print": ("guide", "fr"),
            "draft": ("draft", "ar"),
        },
        "news": {"published": NewsItemFactory().pk, "draft": NewsItemFactory(published=False).pk},
    }


def _kwargs(row, world) -> dict:
    if row.route == "publications:detail":
        return {"slug": world["publications"][row.variant]}
    if row.route == "publications:download":
        slug, language = world["downloads"][row.variant]
        return {"slug": slug, "language": language}
    if row.route == "publications:news_detail":
        return {"pk": world["news"][row.variant]}
    return {}


@pytest.mark.parametrize("row", MATRIX.params())
def test_publications_route_answers_each_person(client, matrix_people, world, row):
    with translation.override("en"):
        request = Call(row.method, reverse(row.route, kwargs=_kwargs(row, world)))
    user = matrix_people[row.who]
    if user is not None:
        client.force_login(user)

    response = request.send(client)

    assert response.status_code == row.expected


def test_matrix_names_every_person_once_per_route_and_variant():
    assert MATRIX.incomplete(MATRIX_PEOPLE) == []
