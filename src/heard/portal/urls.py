from django.urls import path

from heard.core.page_routes import page
from heard.portal import evaluation_views, safe_word_views, views

app_name = "portal"

urlpatterns = [
    page("portal/", views.home),
    page("portal/sign-in/", views.sign_in),
    page("portal/sign-out/", views.sign_out),
    path("portal/sessions/", views.sessions, name="sessions"),
    page("portal/responses/<int:pk>/rate/", views.rate),
    page("portal/how-it-went/", evaluation_views.how_it_went),
    page("portal/how-it-went/<int:pk>/", evaluation_views.evaluate),
    path("portal/help/", safe_word_views.help_page, name="help"),
    page("portal/help/sent/", safe_word_views.help_sent),
    page("portal/codes/<int:pk>/", views.codes),
    page("portal/codes/<int:pk>/revoke/<int:code_pk>/", views.code_revoke),
    page("you-said-we-did/", views.public),
    path("you-said-we-did/poster.pdf", views.poster_pdf, name="poster"),
    page("you-said-we-did/themes/<int:pk>/", views.public_theme),
    path(
        "you-said-we-did/themes/<int:pk>/poster.pdf",
        views.theme_poster_pdf,
        name="theme-poster",
    ),
]
