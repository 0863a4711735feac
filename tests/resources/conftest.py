import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n% a tiny document\n"


@pytest.fixture
def pdf():
    def make(name="toolkit.pdf", content=PDF):
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make
