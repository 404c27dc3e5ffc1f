from django.urls import path

from access.accounts import auth_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.login_view, name="login"),
    path("login/verify/", auth_views.mfa_view, name="mfa"),
    path("login/enrol/", auth_views.mfa_enrol_view, name="mfa_enrol"),
    path("logout/", auth_views.logout_view, name="logout"),
    path("logout/everywhere/", auth_views.sign_out_everywhere_view, name="logout_everywhere"),
    path("password/", auth_views.password_change_view, name="password_change"),
    path("tokens/", views.tokens, name="tokens"),
    path("me/", views.profile, name="profile"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_request, name="user_request"),
    path("users/review.csv", views.account_review, name="account_review"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/address/", views.user_address, name="user_address"),
    path("users/<int:pk>/<slug:operation>/", views.user_action, name="user_action"),
]
