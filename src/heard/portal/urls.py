from django.urls import path

from heard.portal import evaluation_views, safe_word_views, views

app_name = "portal"

urlpatterns = [
    path("portal/", views.home, name="home"),
    path("portal/sign-in/", views.sign_in, name="sign-in"),
    path("portal/sign-out/", views.sign_out, name="sign-out"),
    path("portal/sessions/", views.sessions, name="sessions"),
    path("portal/responses/<int:pk>/rate/", views.rate, name="rate"),
    path("portal/how-it-went/", evaluation_views.how_it_went, name="how-it-went"),
    path("portal/how-it-went/<int:pk>/", evaluation_views.evaluate, name="evaluate"),
    path("portal/help/", safe_word_views.help_page, name="help"),
    path("portal/help/sent/", safe_word_views.help_sent, name="help-sent"),
    path("portal/codes/<int:pk>/", views.codes, name="codes"),
    path("portal/codes/<int:pk>/revoke/<int:code_pk>/", views.code_revoke, name="code-revoke"),
    path("you-said-we-did/", views.public, name="public"),
    path("you-said-we-did/poster.pdf", views.poster_pdf, name="poster"),
    path("you-said-we-did/themes/<int:pk>/", views.public_theme, name="public-theme"),
    path(
        "you-said-we-did/themes/<int:pk>/poster.pdf",
        views.theme_poster_pdf,
        name="theme-poster",
    ),
]
