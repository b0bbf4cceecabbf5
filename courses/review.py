"""Review per language: a moderation workflow for each locale's page tree.

Each locale has its own tree, whose top is that locale's home page. ``ensure_locale_review``
gives the tree a Wagtail workflow of its own, with one ``GroupApprovalTask`` whose group
("Polish reviewers") may edit and publish the pages of that tree only. Wagtail takes the
workflow of a page's nearest ancestor that has one, so a Polish page submitted for moderation
goes to the Polish reviewers; a page of a locale without one goes to the workflow assigned
higher up (Wagtail's "Moderators approval" on the root). Only the task's group (and
superusers) are offered "Approve" and "Request changes": Wagtail's ``GroupApprovalTask``
decides, here nothing is home-made.

Everything is looked up by name first, so calling it again changes nothing; an editor may
rename the group or the workflow in the admin afterwards, and then a new one is made.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

# What a reviewer may do in their locale's tree: edit a page (to correct it while
# reviewing) and publish it. Adding and deleting pages stay with the editors.
REVIEWER_PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page", "unlock_page"]


@dataclass
class LocaleReview:
    group: Group
    workflow: Workflow
    task: GroupApprovalTask


def review_names(code):
    """The group's, the task's and the workflow's names, in English like Wagtail's own
    ("Moderators approval"): a group is named once, whatever the admin's language."""
    language = get_language_info(code)["name"]
    return {
        "group": f"{language} reviewers",
        "task": f"{language} reviewers approve",
        "workflow": f"{language} review",
    }


def admin_group(name, page, page_permissions, permissions=()):
    """The group ``name``, made when missing, with access to the admin, ``permissions``
    (``(app_label, codename)`` pairs) and ``page_permissions`` (codenames) on ``page`` and
    below. A permission taken away is put back; none is taken away."""
    group, _created = Group.objects.get_or_create(name=name)
    for app_label, codename in [("wagtailadmin", "access_admin"), *permissions]:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for codename in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


@transaction.atomic
def ensure_locale_review(home: Page) -> LocaleReview:
    """The review workflow of ``home``'s locale, assigned to ``home`` (the top of that locale's
    tree), with its reviewer group and the group's permissions on the tree."""
    names = review_names(home.locale.language_code)
    group = admin_group(names["group"], home, REVIEWER_PAGE_PERMISSIONS)

    task = GroupApprovalTask.objects.filter(name=names["task"]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=names["task"])
    task.groups.add(group)

    workflow, _created = Workflow.objects.get_or_create(name=names["workflow"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # An editor may have assigned another workflow to the tree since: theirs stays.
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return LocaleReview(group=group, workflow=workflow, task=task)
