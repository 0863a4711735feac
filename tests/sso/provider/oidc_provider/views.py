"""The provider's sign-in: a plain form (username and password), then back to ``next``."""

from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def login(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = authenticate(
            request,
            username=request.POST.get("username", ""),
            password=request.POST.get("password", ""),
        )
        if user is None:
            return HttpResponse("Wrong username or password", status=401)
        auth_login(request, user)
        wanted = request.POST.get("next") or request.GET.get("next") or "/"
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = "/"
        return HttpResponseRedirect(wanted)
    return HttpResponse('<form method="post"><input name="username"><input name="password"></form>')
