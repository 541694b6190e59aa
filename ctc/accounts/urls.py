from django.urls import path

from . import security_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("workspace/", views.landing, name="landing"),
    path("two-factor/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/enrol/", two_factor_views.two_factor_enrol, name="two_factor_enrol"),
    path(
        "two-factor/recovery-codes/",
        two_factor_views.recovery_codes_regenerate,
        name="recovery_codes",
    ),
    path("account/security/", security_views.account_security, name="security"),
    path("account/tokens/", security_views.token_new, name="token_new"),
    path("account/tokens/<str:pk>/revoke/", security_views.token_delete, name="token_revoke"),
    path(
        "account/sign-out-everywhere/",
        security_views.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
]
