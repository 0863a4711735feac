"""The Django admin only reads: every registered model's list and record pages open for a
superuser, and no page offers to add, change or delete."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from heard.core import admin as core_admin
from tests import factories


@pytest.fixture
def superuser(make_user):
    user = make_user()
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def records(db):
    """One row for most registered models, so the record pages render too."""
    session = factories.SessionFactory()
    factories.MembershipFactory()
    return session


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_every_admin_page_opens_and_offers_no_change(client_for, superuser, records):
    client = client_for(superuser)
    opened = 0
    for model, model_admin in _registered():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = client.get(changelist)
        assert response.status_code == 200, changelist
        editable = not isinstance(model_admin, core_admin.ReadOnlyAdmin)
        row = model._default_manager.first()
        if row is not None:
            page = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
            assert client.get(page).status_code == 200, page
            opened += 1
            if not editable:
                assert not model_admin.has_change_permission(response.wsgi_request, row)
                assert not model_admin.has_delete_permission(response.wsgi_request, row)
        if not editable:
            assert not model_admin.has_add_permission(response.wsgi_request)
    assert opened >= 5


def test_read_only_inlines_refuse_changes(rf, superuser):
    from heard.participation.models import Attendance, Session

    class Inline(core_admin.ReadOnlyInline):
        model = Attendance

    request = rf.get("/")
    request.user = superuser
    inline = Inline(Session, admin.site)
    assert not inline.has_add_permission(request)
    assert not inline.has_change_permission(request)
    assert not inline.has_delete_permission(request)


def test_the_heard_command_runs_djangos_commands(monkeypatch, capsys):
    from heard import cli

    monkeypatch.setattr("sys.argv", ["heard", "check"])
    cli.main()
    assert "System check identified no issues" in capsys.readouterr().out
