"""Review per language: a Polish page goes to the Polish reviewers, and only they approve it."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

from courses.demo import accounts
from courses.models import LessonPage
from courses.review import ensure_locale_review
from tests import factories
from tests.conftest import tree_roots


def locale_tree(locales, home, code):
    """``code``'s home page, a course and a lesson in it: the translation of the English tree."""
    translated_home = factories.HomePageFactory(
        parent=tree_roots(locales),
        locale=locales[code],
        translation_key=home.translation_key,
        slug=f"home-{code}",
    )
    index = factories.CourseIndexPageFactory(parent=translated_home, locale=locales[code])
    course = factories.CoursePageFactory(parent=index, locale=locales[code])
    lesson = factories.LessonPageFactory(parent=course, locale=locales[code], title="Lekcja 1")
    return translated_home, lesson


def user_in(group, username):
    user = factories.UserFactory(username=username)
    user.groups.add(group)
    return user


def submit(page, user):
    """What the edit form's "Submit to …" does: save a revision, then start the workflow."""
    page.title = f"{page.title} (poprawiona)"
    page.save_revision(user=user)
    workflow = page.get_workflow()
    return workflow.start(page, user)


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard (and the
    message "Sorry, you do not have permission to access this area")."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def action_url(page, state, action="approve"):
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )


@pytest.fixture
def trees(home, locales):
    pl_home, pl_lesson = locale_tree(locales, home, "pl")
    de_home, _de_lesson = locale_tree(locales, home, "de")
    return {
        "pl": (ensure_locale_review(pl_home), pl_lesson),
        "de": (ensure_locale_review(de_home), None),
    }


@pytest.mark.django_db
def test_a_polish_page_submitted_by_an_editor_goes_to_the_polish_review(trees, client):
    pl_review, lesson = trees["pl"]
    editor = user_in(accounts.editors_group(), "editor")

    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert response.status_code == 200
    assert "Submit to Polish review" in response.content.decode()

    state = submit(lesson, editor)
    assert state.workflow == pl_review.workflow
    assert state.current_task_state.task.specific == pl_review.task


@pytest.mark.django_db
def test_a_german_reviewer_cannot_approve_a_polish_page(trees, client):
    pl_review, lesson = trees["pl"]
    de_review, _ = trees["de"]
    state = submit(lesson, user_in(accounts.editors_group(), "editor"))

    client.force_login(user_in(de_review.group, "reviewer-de"))
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])))
    assert refused(client.post(action_url(lesson, state)))
    assert refused(client.post(action_url(lesson, state, "reject")))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not LessonPage.objects.get(pk=lesson.pk).title.endswith("(poprawiona)")


@pytest.mark.django_db
def test_only_a_polish_reviewer_approves_a_polish_page_and_publishes_it(trees, client):
    pl_review, lesson = trees["pl"]
    editor = user_in(accounts.editors_group(), "editor")
    state = submit(lesson, editor)

    # The editor who submitted it cannot approve it either.
    client.force_login(editor)
    assert refused(client.post(action_url(lesson, state)))

    reviewer = user_in(pl_review.group, "reviewer-pl")
    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lekcja 1 (poprawiona)" in dashboard  # "Awaiting your review"
    response = client.post(action_url(lesson, state))
    assert response.status_code == 302

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and lesson.title == "Lekcja 1 (poprawiona)"
    assert lesson.live_revision.user == editor  # published as the editor wrote it


@pytest.mark.django_db
def test_english_pages_keep_the_workflow_above_the_locale_trees(trees, course):
    lesson = course.get_children().first().specific
    assert lesson.get_workflow() != trees["pl"][0].workflow
    assert lesson.get_workflow() != trees["de"][0].workflow


@pytest.mark.django_db
def test_the_locale_review_is_made_once(trees):
    pl_review, lesson = trees["pl"]
    home = Page.objects.get(pk=lesson.get_ancestors().get(depth=2).pk)
    again = ensure_locale_review(home)
    assert again.workflow == pl_review.workflow and again.group == pl_review.group
    assert pl_review.group.name == "Polish reviewers"
    assert list(pl_review.workflow.tasks.all()) == [pl_review.task.task_ptr]
    assert Workflow.objects.filter(name="Polish review").count() == 1


@pytest.mark.django_db
def test_demo_content_makes_the_review_and_the_demo_accounts_once(settings, capsys):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    settings.DEBUG = True
    call_command("load_demo_content")
    call_command("load_demo_content")
    output = capsys.readouterr().out
    assert "'Polish review' (pl)" in output and "'reviewer-pl' (Polish reviewers, exists)" in output

    editor = User.objects.get(username="editor")
    reviewer = User.objects.get(username="reviewer-pl")
    assert editor.check_password("harbour-editor") and reviewer.check_password("harbour-reviewer")
    assert list(reviewer.groups.values_list("name", flat=True)) == ["Polish reviewers"]
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    for code, name in (
        ("pl", "Polish review"),
        ("de", "German review"),
        ("lt", "Lithuanian review"),
    ):
        assert Workflow.objects.filter(name=name).count() == 1
        home = Page.objects.get(depth=2, locale__language_code=code)
        assert home.specific.get_workflow().name == name
    # English pages keep the workflow on the root (Wagtail's "Moderators approval").
    english = Page.objects.get(depth=2, locale__language_code="en")
    assert not WorkflowPage.objects.filter(page=english).exists()


@pytest.mark.django_db
def test_demo_content_makes_no_accounts_without_debug(settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEBUG = False
    call_command("load_demo_content")
    assert "not made: DEBUG is off" in capsys.readouterr().out
    assert not get_user_model().objects.filter(username__in=["editor", "reviewer-pl"]).exists()
    assert Workflow.objects.filter(name="Polish review").exists()
