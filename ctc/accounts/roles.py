"""Which model permissions each role's group carries. Scoping of rows lives in permissions.py."""

from .enums import Role

VIEW_REFERENCE = [
    "states.view_memberstate",
    "states.view_statereport",
    "states.view_subcommittee",
    "organisations.view_organisation",
    "themes.view_thematicarea",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CTED_EXPERT: [*VIEW_REFERENCE, "states.add_statereport", "states.change_statereport"],
    Role.CTED_COORDINATOR: [
        *VIEW_REFERENCE,
        "states.add_statereport",
        "states.change_statereport",
        "states.change_memberstate",
    ],
    Role.SUBCOMMITTEE_MEMBER: VIEW_REFERENCE,
    Role.COMMITTEE_MEMBER: VIEW_REFERENCE,
    Role.CHAIR: VIEW_REFERENCE,
    Role.FOCAL_POINT: [],
    Role.PARTNER_ANALYST: [],
    Role.DONOR: [],
    # Administrators run the Django admin: every permission of the apps that register
    # themselves for it (ctc.registry.site.admin_apps).
    Role.ADMINISTRATOR: ["*"],
}
