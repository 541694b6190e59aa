"""The Security Council resolutions that make the Committee's mandate, one line each."""

from django.utils.translation import gettext_lazy as _

RESOLUTIONS = [
    (
        _("Resolution 1373 (2001)"),
        _(
            "Obliges all States to criminalise the financing of terrorism, deny terrorists "
            "safe haven and cooperate against them, and establishes the Committee to monitor "
            "its implementation."
        ),
    ),
    (
        _("Resolution 1535 (2004)"),
        _(
            "Establishes the Counter-Terrorism Committee Executive Directorate (CTED) to "
            "strengthen the Committee's monitoring and its facilitation of technical assistance."
        ),
    ),
    (
        _("Resolution 1566 (2004)"),
        _(
            "Calls on States to cooperate fully against terrorism and asks the Committee to "
            "develop best practices and to visit States with their consent."
        ),
    ),
    (
        _("Resolution 1624 (2005)"),
        _(
            "Calls on States to prohibit by law incitement to commit terrorist acts and to "
            "report to the Committee on the measures they take."
        ),
    ),
    (
        _("Resolution 1805 (2008)"),
        _(
            "Extends the mandate of the Executive Directorate and asks it to give greater "
            "attention to implementation of resolution 1624 (2005)."
        ),
    ),
    (
        _("Resolution 1963 (2010)"),
        _(
            "Extends the mandate of the Executive Directorate until the end of 2013 and "
            "stresses technical assistance, regional approaches and human rights."
        ),
    ),
]
