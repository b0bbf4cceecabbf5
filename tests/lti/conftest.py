import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def lti_key(tmp_path):
    """Each LTI test has a tool key of its own (lti.keys), never the site's."""
    from lti import keys

    path = tmp_path / "lti-rsa.pem"
    previous = settings.HARBOUR_LTI_KEY_FILE
    settings.HARBOUR_LTI_KEY_FILE = path
    keys.create_key(path)
    yield path
    settings.HARBOUR_LTI_KEY_FILE = previous
