"""Learner pages. Each view reads the form, calls lms.services and redirects or renders.

Every action is a POST form with a CSRF token that works without JavaScript; a GET on an
action's address goes back to the page the form is on. Bad input gets a message and changes
nothing.
"""

import json
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import CoursePage, LessonPage
from courses.web.pages import localized_related

from . import services
from .api.exceptions import (
    DATABASE_UNAVAILABLE,
    RETRY_AFTER,
    json_error,
    service_unavailable,
)
from .forms import (
    AccountForm,
    CertificateNameForm,
    CertificateVerifyForm,
    CredentialUploadForm,
    DeleteAccountForm,
    PositionForm,
    ProfileForm,
    SignupForm,
)
from .i18n import active_code, active_locale
from .services import credentials, emails, verification


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _page_url(request, model, page):
    """The page's address in the learner's language where it is translated."""
    local = services.localized(model, [page], active_code())
    url = local[page.translation_key].get_url(request=request)
    return url or "/"


def _get_or_404(finder, page_id):
    try:
        return finder(page_id)
    except services.NotFound as error:
        raise Http404(error.message) from error


def _action(model, finder, id_name):
    """Wrap a POST action on a course or lesson: GET goes back to the page, anonymous
    learners go to the log-in page and come back to the page afterwards."""

    def decorator(view):
        @require_http_methods(["GET", "POST"])
        def wrapped(request, **kwargs):
            page = _get_or_404(finder, kwargs.pop(id_name))
            page_url = _page_url(request, model, page)
            if request.method == "GET":
                return redirect(page_url)
            if not request.user.is_authenticated:
                return redirect_to_login(page_url)
            return view(request, page, page_url, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


@login_required
@require_GET
def dashboard(request):
    summary = services.progress_summary(request.user)
    context = {
        "summary": summary,
        "resume": services.resume_point(summary["courses"]),
        "suggestions": services.suggested_courses(request.user),
        "email_state": verification.state(request.user),
    }
    return render(request, "lms/dashboard.html", context)


@_action(CoursePage, services.live_course, "course_id")
def enrol(request, course, course_url):
    enrolment, created = services.enrol(request.user, course)
    if created:
        messages.success(request, _("You are enrolled in “%(title)s”.") % {"title": course.title})
    else:
        messages.info(request, _("You were already enrolled in this course."))
    return redirect(_safe_next(request, course_url))


def _completion_message(request, lesson):
    """The course's progress after a lesson changed; a course just completed leads to its
    completion page (``state.completion_url``)."""
    course = services.lesson_course(lesson)
    state = services.course_progress(request.user, course)
    state.completion_url = None
    if state.is_complete and state.certificate is not None:
        state.completion_url = reverse("lms:course-completed", args=[course.pk])
    return state


@login_required
@require_GET
def course_completed(request, course_id):
    """The moment a course is done: the certificate, what the course covered, its partners,
    its duration and the date, in the learner's language."""
    course = _get_or_404(services.live_course, course_id)
    local = services.localized(CoursePage, [course], active_code())[course.translation_key]
    state = services.course_progress(request.user, course)
    if not state.is_complete or state.certificate is None:
        return redirect(_page_url(request, CoursePage, course))
    related = localized_related(local, active_locale())
    context = {
        "course": local,
        "progress": state,
        "certificate": state.certificate,
        "partners": related["partners"],
        "completed_at": state.enrolment.completed_at,
        "confirm_name": services.asks_to_confirm_name(state.certificate),
        "name_form": CertificateNameForm(
            initial={"first_name": request.user.first_name, "last_name": request.user.last_name}
        ),
    }
    return render(request, "lms/course_completed.html", context)


@login_required
@require_http_methods(["POST"])
def certificate_name(request, code):
    """Confirm or correct the name the learner's certificates print; the codes stay."""
    found = services.verify_certificate(code)
    if found is None or found.user_id != request.user.pk:
        raise Http404(_("No certificate has this code."))
    form = CertificateNameForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        services.rename_learner(
            request.user, form.cleaned_data["first_name"], form.cleaned_data["last_name"], found
        )
        messages.success(request, _("Your certificates print the name you confirmed."))
    return redirect(_safe_next(request, reverse("lms:certificate", args=[found.code])))


@_action(LessonPage, services.live_lesson, "lesson_id")
def lesson_complete(request, lesson, lesson_url):
    row = services.record_progress(request.user, lesson, status=services.Status.COMPLETED)
    if row.status != services.Status.COMPLETED:
        # The completion rule: a lesson with quizzes completes when they are passed.
        messages.info(request, _("Pass the quizzes in this lesson to complete it."))
        return redirect(lesson_url)
    messages.success(request, _("Lesson marked as complete."))
    state = _completion_message(request, lesson)
    if state.completion_url:
        return redirect(state.completion_url)
    default = lesson_url
    if not state.is_complete and state.next_lesson is not None:
        default = state.next_lesson.get_url(request=request) or lesson_url
    return redirect(_safe_next(request, default))


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@_action(LessonPage, services.live_lesson, "lesson_id")
def lesson_position(request, lesson, lesson_url):
    """Store where the learner is in a lesson, quietly: lesson-position.js sends it as the
    learner reads (204, or a JSON 400); a plain form goes back to the lesson with no message
    unless something is wrong."""
    form = PositionForm(request.POST)
    problems = [error for errors in form.errors.values() for error in errors]
    if not problems:
        position = form.cleaned_data["position"] or None
        time_spent = form.cleaned_data["time_spent"]
        if position is None and time_spent is None:
            problems = [_("Nothing to save: send a position or the time spent.")]
        else:
            try:
                services.record_progress(
                    request.user, lesson, position=position, time_spent=time_spent
                )
            except services.LearnerError as error:
                problems = [error.message]
    if _wants_json(request):
        if problems:
            return json_error(request, 400, " ".join(problems), "invalid")
        return HttpResponse(status=204)
    for problem in problems:
        messages.error(request, problem)
    return redirect(_safe_next(request, lesson_url))


def answers_from_form(data):
    """``q-<question id>`` fields, each with one or more choice ids, as the grader wants them."""
    return {
        name[2:]: data.getlist(name) for name in data if name.startswith("q-") and len(name) > 2
    }


def _find_quiz_or_404(lesson, block_id):
    try:
        return services.find_quiz(lesson, block_id)
    except services.NotFound as error:
        raise Http404(error.message) from error


@_action(LessonPage, services.live_lesson, "lesson_id")
def quiz_submit(request, lesson, lesson_url, block_id):
    """Grade an attempt and redirect to its result (POST-redirect-GET). Answers the grader
    refuses show the lesson again with each question's error and the chosen answers kept."""
    _find_quiz_or_404(lesson, block_id)
    answers = answers_from_form(request.POST)
    try:
        attempt = services.grade_quiz(request.user, lesson, block_id, answers)
    except services.QuizError as error:
        # Read by the quiz form ({% quiz_questions %}) on the lesson page rendered below.
        request.quiz_feedback = {
            "block_id": block_id,
            "message": error.message,
            "errors": error.questions,
            "answers": answers,
        }
        response = lesson.serve(request)
        response.status_code = 400
        return response
    state = services.lesson_state(request.user, lesson)
    if attempt.passed and state is not None and state.is_done:
        messages.success(request, _("You passed the quiz. This lesson is complete."))
    state = _completion_message(request, lesson)
    if state.completion_url:
        messages.success(request, _("You have completed the course."))
        return redirect(state.completion_url)
    return redirect(
        "lms:quiz-attempt", lesson_id=lesson.pk, block_id=block_id, attempt_id=attempt.pk
    )


@_action(LessonPage, services.live_lesson, "lesson_id")
def reflection_save(request, lesson, lesson_url, block_id):
    """Save the learner's private note on a reflection block and go back to it. A note that
    cannot be saved shows the lesson again with the message and the text kept."""
    text = request.POST.get("text", "")
    try:
        saved = services.save_reflection(request.user, lesson, block_id, text)
    except services.NotFound as error:
        raise Http404(error.message) from error
    except services.LearnerError as error:
        # Read by the reflection form ({% reflection_note %}) on the lesson page below.
        request.reflection_feedback = {"block_id": block_id, "message": error.message, "text": text}
        response = lesson.serve(request)
        response.status_code = 400
        return response
    if saved is None:
        messages.success(request, _("Your note is deleted."))
    else:
        messages.success(request, _("Your note is saved. Only you can read it."))
    return HttpResponseRedirect(f"{lesson_url}#{block_id}")


@login_required
@require_GET
def quiz_attempt(request, lesson_id, block_id, attempt_id):
    """One of the learner's attempts at a quiz, graded, with their history at that quiz."""
    lesson = _get_or_404(services.live_lesson, lesson_id)
    quiz = _find_quiz_or_404(lesson, block_id)
    attempts = list(services.quiz_attempts(request.user, lesson).filter(quiz_id=block_id))
    attempt = next((each for each in attempts if each.pk == attempt_id), None)
    if attempt is None:
        raise Http404(_("You have no such attempt at this quiz."))
    state = services.course_progress(request.user, services.lesson_course(lesson))
    context = {
        "page": lesson,
        "lesson_url": _page_url(request, LessonPage, lesson),
        "quiz": quiz,
        "block_id": block_id,
        "attempt": attempt,
        "attempts": attempts,
        "lesson_state": next(
            (each for each in state.lessons if each.key == lesson.translation_key), None
        ),
        "progress": state.as_dict(),
    }
    return render(request, "lms/quiz_result.html", context)


@require_GET
def certificate(request, code):
    found = services.verify_certificate(code)
    if found is None:
        raise Http404(_("No certificate has this code."))
    course = services.certificate_course(found)
    return render(request, "lms/certificate.html", {"certificate": found, "course": course})


@require_http_methods(["GET", "POST"])
def certificate_verify(request):
    """Check a code (GET) or an uploaded Open Badges credential file (POST)."""
    form = CertificateVerifyForm(request.GET or None)
    upload = CredentialUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    context = {"form": form, "upload": upload, "checked": False, "credential_checked": False}
    status = 200
    if request.method == "POST":
        if upload.is_valid():
            try:
                check = credentials.check_credential(upload.cleaned_data["credential"])
            except credentials.CredentialsUnavailable as error:
                return render(
                    request,
                    "lms/certificate_verify.html",
                    {**context, "unavailable": error.message},
                    status=503,
                )
            context.update(credential_checked=True, check=check)
            if check.certificate is not None:
                context["course"] = services.certificate_course(check.certificate)
        else:
            status = 400
    elif form.is_valid():
        context["checked"] = True
        context["certificate"] = services.verify_certificate(form.cleaned_data["code"])
        if context["certificate"] is not None:
            context["course"] = services.certificate_course(context["certificate"])
        else:
            status = 404
    return render(request, "lms/certificate_verify.html", context, status=status)


@require_GET
def did_document(request):
    """The issuer's DID document (did:web): the public key that signs credentials."""
    try:
        document = credentials.did_document(request)
    except credentials.CredentialsUnavailable as error:
        return json_error(request, 503, error.message, "credentials_unavailable")
    return HttpResponse(json.dumps(document, indent=1), content_type="application/did+ld+json")


# --- Accounts ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("lms:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        verification.send_link(user)
        messages.success(
            request,
            _(
                "Welcome to Harbour. Your account is ready. We sent a link to %(email)s: "
                "open it to confirm your address."
            )
            % {"email": user.email},
        )
        language = form.cleaned_data["preferred_language"]
        with translation.override(language):
            default = reverse("lms:dashboard")
        response = redirect(_safe_next(request, default))
        _remember_language(response, language)
        return response
    next_url = _safe_next(request, "")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


class LoginView(auth_views.LoginView):
    """Django's log-in, which then switches to the learner's preferred language: the
    dashboard in that language (unless a ``next`` page was asked for), and the cookie."""

    redirect_authenticated_user = True
    next_page = "lms:dashboard"

    def form_valid(self, form):
        response = super().form_valid(form)
        profile = services.profile_for(self.request.user)
        language = profile.preferred_language
        if language and language in dict(settings.LANGUAGES):
            if not self.get_redirect_url():
                with translation.override(language):
                    response = redirect(reverse("lms:dashboard"))
            _remember_language(response, language)
        return response


def _remember_language(response, language):
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    profile = services.profile_for(request.user)
    account_form = AccountForm(request.POST or None, instance=request.user, prefix="account")
    profile_form = ProfileForm(request.POST or None, instance=profile, prefix="profile")
    old_email = request.user.email
    if request.method == "POST":
        if account_form.is_valid() and profile_form.is_valid():
            account_form.save()
            profile_form.save()
            services.rename_learner(request.user)
            messages.success(request, _("Your profile is saved."))
            changed = verification.email_changed(request, old_email)
            if changed:
                messages.info(request, changed)
            return redirect("lms:profile")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "lms/profile.html",
        {
            "account_form": account_form,
            "profile_form": profile_form,
            "email_state": verification.state(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_learner(request.user, form.cleaned_data["password"])
        except services.LearnerError as error:
            form.add_error(error.field, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your records have been deleted."))
            return HttpResponseRedirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "lms/account_delete.html", {"form": form}, status=status)


@login_required
@require_GET
def account_export(request):
    data = services.export_learner_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"harbour-{request.user.get_username()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def log_out_everywhere(request):
    """End every session and revoke every API token of the learner, this browser's too."""
    if request.method == "GET":
        return redirect("lms:profile")
    services.log_out_everywhere(request.user)
    logout(request)
    messages.success(request, _("You are logged out everywhere: on every device and in every app."))
    return HttpResponseRedirect("/")


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a log-in refused for too many failures (AXES_LOCKOUT_CALLABLE):
    a 429 with Retry-After, the page in the visitor's language, JSON under /api/."""
    wait = services.lockout_wait(request)
    message = services.lockout_message(wait)
    if request.path.startswith("/api/"):
        answer = json_error(request, 429, message, "locked_out")
    else:
        answer = render(request, "registration/locked_out.html", {"message": message}, status=429)
    answer["Retry-After"] = str(wait)
    return answer


def server_error(request):
    """handler500: the database unreachable is a 503 "temporarily unavailable", in the
    page's language (JSON under /api/); any other crash Django's 500 page. Neither page
    queries anything, so both render while the database is down."""
    error = sys.exc_info()[1]
    if request.path.startswith("/api/"):
        if isinstance(error, DATABASE_UNAVAILABLE):
            return service_unavailable(request)
        return json_error(request, 500, _("A server error occurred."), "server_error")
    if isinstance(error, DATABASE_UNAVAILABLE):
        page = loader.get_template("503.html").render({})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in a lesson email: confirms, then turns the lesson emails off. It needs no
    log-in; the signed token names the learner, and a changed token is refused."""
    if emails.unsubscribe_user_id(token) is None:
        return render(request, "lms/unsubscribe.html", {"invalid": True}, status=400)
    done = request.method == "POST" and emails.unsubscribe(token)
    return render(request, "lms/unsubscribe.html", {"token": token, "done": done})


@require_http_methods(["GET", "POST"])
def verify_email(request, token):
    """The link in the confirmation email: asks to confirm, then marks the address verified
    (a GET changes nothing, as mail scanners open links). It needs no log-in; the signed
    token names the learner and the address. A changed, expired or outdated link is a 400."""
    result, user = verification.check(token)
    if result is not verification.Check.VALID:
        return render(request, "lms/verify_email.html", {"problem": result.value}, status=400)
    done = request.method == "POST" and verification.verify(token) is verification.Check.VALID
    return render(
        request,
        "lms/verify_email.html",
        {"token": token, "done": done, "email": user.email},
    )


@login_required
@require_http_methods(["GET", "POST"])
def resend_verification(request):
    """ "Send me a new link": a POST from the dashboard, the profile or the match-making
    page, which it returns to; limited per learner (verification.resend_link)."""
    back = _safe_next(request, reverse("lms:profile"))
    if request.method == "POST":
        sent, message = verification.resend_link(request)
        (messages.success if sent else messages.warning)(request, message)
    return HttpResponseRedirect(back)
