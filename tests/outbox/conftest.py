import pytest

from tests.lms.conftest import (  # noqa: F401
    learner,
    lessons,
    quiz_id,
    quiz_lesson,
)
from tests.lms.test_tasks import worker_process_state  # noqa: F401

from .receiver import Receiver


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running
