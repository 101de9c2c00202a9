from django.urls import URLPattern, path

from . import invitation_views, views

app_name = "registry"

N = "n/<slug:network>/"


def editing(prefix: str, kind: str, *, create: bool = True) -> list[URLPattern]:
    """The new/edit/delete URLs of one kind (for roles also end, for organisations and people archive
    and restore), named `<kind>_<action>`."""
    patterns = [
        path(f"{N}{prefix}/<int:pk>/edit/", views.object_update, {"kind": kind}, name=f"{kind}_update"),
    ]
    if views.EDITABLES[kind].delete:
        patterns.append(path(f"{N}{prefix}/<int:pk>/delete/", views.object_delete, {"kind": kind},
                             name=f"{kind}_delete"))
    if create:
        patterns.append(path(f"{N}{prefix}/new/", views.object_create, {"kind": kind},
                             name=f"{kind}_create"))
    if views.EDITABLES[kind].archive:
        patterns += [
            path(f"{N}{prefix}/<int:pk>/archive/", views.object_archive, {"kind": kind}, name=f"{kind}_archive"),
            path(f"{N}{prefix}/<int:pk>/restore/", views.object_restore, {"kind": kind}, name=f"{kind}_restore"),
        ]
    if views.EDITABLES[kind].end is not None:
        patterns.append(path(f"{N}{prefix}/<int:pk>/end/", views.object_end, {"kind": kind},
                             name=f"{kind}_end"))
    return patterns


def child_create(parent_prefix: str, child: str, kind: str) -> URLPattern:
    """Creating an object inside its parent, e.g. themes/3/roles/new/."""
    return path(f"{N}{parent_prefix}/<int:parent>/{child}/new/", views.object_create,
                {"kind": kind}, name=f"{kind}_create")


urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("networks/new/", views.network_create, name="network_create"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.api_tokens, name="api_tokens"),
    path("profile/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path(N + "settings/", views.network_settings, name="network_settings"),
    path(N + "members/", views.member_list, name="member_list"),
    path(N + "members/<int:pk>/role/", views.member_role, name="member_role"),
    path(N + "members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(N + "members/invite/", invitation_views.member_invite, name="member_invite"),
    path(N + "members/invitations/<int:pk>/resend/", invitation_views.invitation_resend, name="invitation_resend"),
    path(N + "members/invitations/<int:pk>/revoke/", invitation_views.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
    path(N + "search/", views.search, name="search"),
    path(N + "organisations/", views.organisation_list, name="organisation_list"),
    path(N + "organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    *editing("organisations", "organisation"),
    path(N + "people/", views.person_list, name="person_list"),
    path(N + "people/<int:pk>/", views.person_detail, name="person_detail"),
    *editing("people", "person"),
    path(N + "themes/", views.theme_list, name="theme_list"),
    path(N + "themes/<int:pk>/", views.theme_detail, name="theme_detail"),
    *editing("themes", "theme"),
    child_create("themes", "roles", "theme_role"),
    *editing("theme-roles", "theme_role", create=False),
    path(N + "coalitions/", views.coalition_list, name="coalition_list"),
    path(N + "coalitions/new/", views.coalition_create, name="coalition_create"),
    path(N + "coalitions/<int:pk>/", views.coalition_detail, name="coalition_detail"),
    *editing("coalitions", "coalition", create=False),
    child_create("coalitions", "participations", "participation"),
    *editing("participations", "participation", create=False),
    child_create("coalitions", "initiatives", "initiative"),
    path(N + "initiatives/", views.initiative_list, name="initiative_list"),
    *editing("initiatives", "initiative", create=False),
    path(N + "units/", views.governance_unit_list, name="governance_unit_list"),
    path(N + "units/<int:pk>/", views.governance_unit_detail, name="governance_unit_detail"),
    *editing("units", "governance_unit"),
    child_create("units", "members", "unit_membership"),
    *editing("unit-members", "unit_membership", create=False),
]
