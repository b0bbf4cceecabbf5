import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.api.conftest import api, directory  # noqa: F401 (fixtures)


@pytest.fixture
def event_index(home):
    return factories.EventIndexPageFactory(parent=home, locale=home.locale)


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def make_event(event_index):
    def make(**kwargs):
        event = factories.EventPageFactory(parent=event_index, locale=event_index.locale, **kwargs)
        return publish(event)

    return make


def days_from_now(days, hour=10):
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)
