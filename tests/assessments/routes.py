"""How a real user calls each assessments route, on the page and in the API."""

from django.urls import reverse
from django.utils import translation

from assessments.models import Assessment, Recommendation
from ctc.themes.models import ThematicArea
from tests.matrix import Call

JSON = "application/json"


def _url(route: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(route, kwargs=kwargs)


def _open_suggestion(assessment: Assessment) -> int:
    """The file's first open suggestion (the test files each have one)."""
    return (
        assessment.suggestions.filter(status="open").order_by("pk").values_list("pk", flat=True)[0]
    )


def call(
    route: str,
    method: str,
    assessment: Assessment | None = None,
    *,
    reply_pk: int | None = None,
    format_code: str = "",
    assignee_pk: int | None = None,
) -> Call:
    """The request of `route` with `method`, on `assessment`, with the data a person sends.

    `reply_pk` is the State's reply to download, `format_code` the format of a new file,
    `assignee_pk` the expert a coordinator assigns.
    """
    pk = assessment.pk if assessment is not None else None
    match route, method:
        case ("assessments:create", "POST"):
            data = {"state": "GHA", "cycle": 2012, "format": format_code}
            return Call(method, _url(route), data)
        case ("assessments:compare", "GET"):
            return Call(method, _url(route, pk=pk), {"a": 1, "b": 1})
        case ("assessments:answer_save", "POST"):
            answer = assessment.answers.get(question__code="1.1")
            data = {
                "finding": "<p>Revised finding.</p>",
                "status": "implemented",
                "sources": "Law 12",
                "revision": answer.revision,
            }
            return Call(method, _url(route, pk=pk, answer_pk=answer.pk), data)
        case ("assessments:note_save", "POST"):
            data = {
                "text": "<p>Revised cover note.</p>",
                "revision": assessment.cover_note_revision,
            }
            return Call(method, _url(route, pk=pk, field="cover_note"), data)
        case ("assessments:recommendations_save", "POST"):
            data = {
                "revision": assessment.recommendations_revision,
                "rows": 1,
                "text_1": "Criminalise the financing of travel.",
                "area_1": ThematicArea.objects.get(code="legislation").pk,
            }
            return Call(method, _url(route, pk=pk), data)
        case ("assessments:recommendation_need", "POST"):
            recommendation = assessment.recommendations.first() or Recommendation.objects.create(
                assessment=assessment,
                position=1,
                text="Train the financial intelligence unit.",
                thematic_area=ThematicArea.objects.get(code="legislation"),
            )
            return Call(method, _url(route, pk=pk, recommendation_pk=recommendation.pk))
        case ("assessments:comment_add", "POST"):
            section = assessment.format.sections.get(code="legislation")
            data = {
                "body": "Please check the sources.",
                "visibility": "committee",
                "section": section.pk,
            }
            return Call(method, _url(route, pk=pk), data)
        case ("assessments:suggestion_add", "POST"):
            answer = assessment.answers.get(question__code="1.1")
            data = {
                "part": "answer",
                "answer": answer.pk,
                "proposed_text": "<p>Suggested wording.</p>",
                "note": "Clearer.",
                "revision": answer.revision,
            }
            return Call(method, _url(route, pk=pk), data)
        case ("api:assessment-suggestions", "POST"):
            data = {"part": "answer", "question": "1.1", "proposed_text": "<p>Suggested.</p>"}
            return Call(method, _url(route, pk=pk), data, content_type=JSON)
        case ("assessments:suggestion_accept" | "assessments:suggestion_reject", "POST"):
            kwargs = {"pk": pk, "suggestion_pk": _open_suggestion(assessment)}
            return Call(method, _url(route, **kwargs), {"reason": "Not needed."})
        case ("api:assessment-suggestion-accept" | "api:assessment-suggestion-reject", "POST"):
            kwargs = {"pk": pk, "suggestion_pk": _open_suggestion(assessment)}
            return Call(method, _url(route, **kwargs), {"reason": "Not needed."}, content_type=JSON)
        case ("assessments:transition", "POST"):
            data = {"action": "return", "comment": "Sources are missing."}
            return Call(method, _url(route, pk=pk), data)
        case ("api:assessment-transitions", "POST"):
            data = {"action": "return", "comment": "Sources are missing."}
            return Call(method, _url(route, pk=pk), data, content_type=JSON)
        case ("assessments:assign", "POST"):
            return Call(
                method, _url(route, pk=pk), {"assignee": assignee_pk, "due_on": "2030-06-30"}
            )
        case ("assessments_secure:moved", "GET"):
            # A former secure-area address of this file (the pattern takes any path).
            return Call(method, f"/en/secure/assessments/{pk}/")
        case ("assessments:reply_download", "GET"):
            return Call(method, _url(route, pk=pk, reply_pk=reply_pk))
        case ("api:assessment-format-detail", "GET"):
            return Call(method, _url(route, code=format_code))
        case (_, "GET") if pk is not None:
            return Call(method, _url(route, pk=pk))
        case (_, "GET"):
            return Call(method, _url(route))
    raise ValueError(f"No request written for {route} {method}.")
