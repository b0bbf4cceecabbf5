"""The demo's editor and reviewer, for trying the review workflow in development.

Their passwords are published in the README, so ``load_demo_content`` makes them only with
``DEBUG`` on, as ``ensure_dev_admin`` does the superuser. An account that exists already is
left as it is (its password too); only its group is added again.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page

from courses.review import admin_group
from lms.models import Profile

# username, password, email, and the group: Wagtail's "Editors", or a locale's reviewers.
EDITOR = ("editor", "harbour-editor", "editor@harbour.example")
REVIEWER = ("reviewer-pl", "harbour-reviewer", "reviewer-pl@harbour.example")
REVIEWER_LOCALE = "pl"

# Wagtail's migrations give its "Editors" group these on the root page; a database flushed
# since (a test's) has lost them, so they are put back, never more.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]


def editors_group():
    return admin_group("Editors", Page.get_first_root_node(), EDITOR_PAGE_PERMISSIONS)


def ensure_account(username, password, email, group):
    """The account, created with ``password`` when missing; returns (user, created)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User.objects.create_user(username, email, password)
    user.groups.add(group)
    # The demo's addresses are its own: verified, so that `make run` can send contact requests.
    Profile.mark_verified(user)
    return user, created
