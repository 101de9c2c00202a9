from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", views.two_factor, name="two_factor"),
    path("security/", views.security, name="security"),
    path("security/backup-codes/", views.backup_codes_renew, name="backup_codes_renew"),
    path("security/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("sso/start/", oidc.SignOnStartView.as_view(), name="oidc_start"),
    path("sso/callback/", oidc.SignOnCallbackView.as_view(), name="oidc_callback"),
    path("sso/failed/", views.sso_failed, name="sso_failed"),
    path("sso/no-network/", views.no_network, name="no_network"),
]
