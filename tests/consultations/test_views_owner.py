"""A consultation's owner is optional: an edit that leaves it empty saves it as none."""

from django.urls import reverse

from tests.consultations.test_views import _form


def test_an_edit_can_leave_the_owner_empty(client_for, officer, consultation, organisation, theme):
    consultation.owner = officer
    consultation.save()
    edit = reverse("consultations:consultation-edit", args=[consultation.pk])
    client = client_for(officer)
    page = client.get(edit).content.decode()
    assert f'<option value="{officer.pk}" selected>' in page
    assert '<option value="">No one</option>' in page  # not "You": empty saves no owner
    answer = client.post(edit, _form(organisation, theme, owner=""))
    assert answer.status_code == 302, answer.content.decode()
    consultation.refresh_from_db()
    assert consultation.owner is None
    assert '<option value="" selected>No one</option>' in client.get(edit).content.decode()
    assert (
        '<option value="" selected>You</option>'
        in client.get(reverse("consultations:consultation-create")).content.decode()
    )
